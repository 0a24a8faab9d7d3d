// What of the kiosk log may leave the kiosk when an admin fetches it: codes and ids, never a
// customer's words. The log is written with codes and ids only (log.ts), and this is the second
// lock, on the kiosk before anything is sent: each line is re-built from an allow-list of fields
// holding short plain values, and a line that would still carry a comment or contact detail the
// kiosk holds is withheld whole.
import { MAX_LOG_LINE } from '../../../shared/kiosk-commands.ts';

/** The fields the kiosk's own log lines use; anything else is dropped, not sent. */
const FIELDS = new Set([
  'time',
  'level',
  'message',
  'error',
  'kioskId',
  'version',
  'etag',
  'survey',
  'count',
  'code',
  'signal',
  'batch',
  'drafts',
  'movedTo',
  'database',
  'config',
  'configValid',
  'fields',
  'url',
  'sender',
  'permission',
  'action',
  'windowMs',
  'max',
  'budget',
  'openAtLogin',
  'appVersion',
  'command',
  'kind',
  'status',
  'requeued',
  'kept',
]);
const MAX_VALUE = 300;
/** Customer text this short is a word any log line may hold ("no", "ok"), not a giveaway. */
const MIN_TEXT = 4;

export const WITHHELD = 'line withheld: it may hold customer text';

/** One log line as it may be sent, or a withheld marker; lines that are not the log's are dropped. */
function shareable(line: string, texts: string[]): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const kept: Record<string, string | number | boolean | null> = {};
  let dropped = 0;
  for (const [key, value] of Object.entries(parsed)) {
    const plain =
      value === null ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      (typeof value === 'string' && value.length <= MAX_VALUE);
    if (FIELDS.has(key) && plain) kept[key] = value as string | number | boolean | null;
    else dropped++;
  }
  if (dropped) kept.dropped = dropped;
  const out = JSON.stringify(kept);
  const lower = out.toLowerCase();
  if (texts.some((t) => lower.includes(t)))
    return JSON.stringify({
      time: kept.time ?? null,
      level: kept.level ?? null,
      message: WITHHELD,
    });
  return out.slice(0, MAX_LOG_LINE);
}

/** The lines to send, oldest first, each checked against every text customers left here. */
export function shareableLines(lines: string[], customerText: string[]): string[] {
  // Compared as JSON would write them, so a quote or newline in a comment still matches.
  const texts = customerText
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length >= MIN_TEXT)
    .map((t) => JSON.stringify(t).slice(1, -1));
  return lines.flatMap((line) => {
    const out = shareable(line, texts);
    return out === null ? [] : [out];
  });
}
