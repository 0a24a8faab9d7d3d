// After the API fuzz run, the stored rows against what the collector said (FuzzLedger): exactly
// the items it said it stored, each as sent and under the kiosk that sent it, seq and scores
// sound, and no alert pointing at an answer another kiosk was known to hold.
import type { Storage } from '../../server/db/open.ts';
import { BatchReply } from '../../shared/protocol.ts';
import type { StaffAlert } from '../../shared/staff-api.ts';
import { wellFormed } from './fuzz.ts';
import { batchItems, parsed, type Item } from './fuzz-checks.ts';
import type { FuzzReply } from './fuzz-http.ts';
import type { FuzzCase } from './fuzz-requests.ts';

interface Stored {
  kioskId: string;
  item: Item;
  /** The ordinal of the reply that said it was stored. */
  ackAt: number;
  /** For alerts: how many replies had come in when its request was sent. */
  knownAt: number;
}

/** Every item the collector said it stored, and under which kiosk. */
export class FuzzLedger {
  readonly answers = new Map<string, Stored>();
  readonly alerts = new Map<string, Stored>();
  /** Ids of answers the collector said it holds: stored, or a duplicate of one it stored. */
  readonly held = new Set<string>();
  private replies = 0;
  private offset = 0;

  /** sendAll counts replies per call; the ledger counts across calls. */
  startChunk(): void {
    this.offset = this.replies;
  }

  record(c: FuzzCase, reply: FuzzReply | Error, repliesBefore: number): void {
    const ackAt = this.replies++;
    if (reply instanceof Error || reply.status !== 200 || !c.as) return;
    const table =
      c.path === '/v1/answers' ? this.answers : c.path === '/v1/alerts' ? this.alerts : null;
    const items = batchItems(c);
    if (!table || !items) return;
    const { results } = BatchReply.parse(parsed(reply, () => reply.text));
    results.forEach((r, i) => {
      if (table === this.answers && r.id && r.status !== 'rejected')
        this.held.add(r.id.toLowerCase());
      if (r.status === 'stored')
        table.set(String(items[i]!.id).toLowerCase(), {
          kioskId: c.as!.id,
          item: items[i]!,
          ackAt,
          knownAt: this.offset + repliesBefore,
        });
    });
  }

  /** The stored rows against the ledger and the invariants; one line per violation. */
  async violations(storage: Storage, kioskIds: string[]): Promise<string[]> {
    const answers = await storage.db
      .selectFrom('answers')
      .select(['id', 'kiosk_id', 'seq', 'smiley', 'nps', 'ces', 'status', 'comment'])
      .execute();
    const alerts = await storage.db
      .selectFrom('alerts')
      .select(['id', 'kiosk_id', 'answer_id'])
      .execute();
    const seqs = await Promise.all(kioskIds.map((k) => seqViolations(storage, k, answers)));
    return [
      ...accounted('answer', this.answers, answers),
      ...answers.flatMap((row) => answerViolations(row, this.answers.get(String(row.id)))),
      ...seqs.flat(),
      ...accounted('alert', this.alerts, alerts),
      ...alerts.flatMap((row) => {
        const sent = this.alerts.get(String(row.id));
        const named = row.answer_id ? this.answers.get(String(row.answer_id)) : undefined;
        // Only where the other kiosk's answer was known to be stored before the alert was sent:
        // an alert may name an answer that has not arrived yet, and the id may be taken later.
        return sent && named && named.kioskId !== row.kiosk_id && named.ackAt < sent.knownAt
          ? [`alert ${row.id} of ${row.kiosk_id} names answer ${row.answer_id} of ${named.kioskId}`]
          : [];
      }),
    ];
  }

  /**
   * Staff alerts as a manager sees them carry customer text only from the alert's own kiosk's
   * answer, whichever kiosk took the answer id first.
   */
  async leakedText(storage: Storage, shown: StaffAlert[]): Promise<string[]> {
    const withText = shown.filter((a) => a.comment !== undefined || a.contact !== undefined);
    if (!withText.length) return [];
    const rows = await storage.db
      .selectFrom('staff_alerts')
      .select(['id', 'answer_id'])
      .where(
        'id',
        'in',
        withText.map((a) => a.id),
      )
      .execute();
    return withText.flatMap((a) => {
      const answerId = rows.find((r) => r.id === a.id)?.answer_id?.toLowerCase();
      const owner = answerId ? this.answers.get(answerId)?.kioskId : undefined;
      return owner && owner !== a.kioskId
        ? [`alert ${a.id} of ${a.kioskId} shows text of ${owner}`]
        : [];
    });
  }
}

/** Every row is one the ledger holds, under the kiosk that sent it, and every one it holds is stored. */
function accounted(
  kind: string,
  ledger: Map<string, Stored>,
  rows: { id: string; kiosk_id: string }[],
): string[] {
  const out = rows.flatMap((row) => {
    const sent = ledger.get(String(row.id));
    if (!sent) return [`${kind} ${row.id} stored, but no reply said so`];
    return sent.kioskId === row.kiosk_id
      ? []
      : [`${kind} ${row.id} from ${sent.kioskId} stored under ${row.kiosk_id}`];
  });
  if (rows.length !== ledger.size)
    out.push(`${ledger.size} ${kind}s acknowledged as stored, ${rows.length} rows`);
  return out;
}

interface AnswerRow {
  id: string;
  kiosk_id: string;
  seq: number;
  smiley: number;
  nps: number | null;
  ces: number | null;
  status: string;
  comment: string | null;
}

/** The row holds what was sent (lone surrogates as U+FFFD), with its scores in range. */
function answerViolations(row: AnswerRow, sent: Stored | undefined): string[] {
  const out: string[] = [];
  const { smiley, nps, ces } = row;
  if (
    smiley < 1 ||
    smiley > 5 ||
    (nps !== null && (nps < 0 || nps > 10)) ||
    (ces !== null && (ces < 1 || ces > 7))
  )
    out.push(`answer ${row.id} has scores out of range`);
  if (!sent || sent.kioskId !== row.kiosk_id) return out;
  const want = {
    seq: sent.item.seq,
    smiley: sent.item.smiley,
    nps: sent.item.nps ?? null,
    ces: sent.item.ces ?? null,
    status: sent.item.status,
    comment: typeof sent.item.comment === 'string' ? wellFormed(sent.item.comment) : null,
  };
  const got = { seq: row.seq, smiley, nps, ces, status: row.status, comment: row.comment };
  if (JSON.stringify(got) !== JSON.stringify(want))
    out.push(`answer ${row.id} stored as ${JSON.stringify(got)}, sent as ${JSON.stringify(want)}`);
  return out;
}

/** A kiosk's seqs are unique, and its highest contiguous seq is the run 1..n its rows hold. */
async function seqViolations(
  storage: Storage,
  kioskId: string,
  rows: AnswerRow[],
): Promise<string[]> {
  const seqs = rows.filter((a) => a.kiosk_id === kioskId).map((a) => a.seq);
  const held = new Set(seqs);
  let run = 0;
  while (held.has(run + 1)) run++;
  const { highest_contiguous_seq: said } = await storage.db
    .selectFrom('kiosks')
    .select('highest_contiguous_seq')
    .where('id', '=', kioskId)
    .executeTakeFirstOrThrow();
  return [
    ...(held.size === seqs.length ? [] : [`kiosk ${kioskId} holds a seq twice`]),
    ...(said === run
      ? []
      : [`kiosk ${kioskId}: highest contiguous seq says ${said}, rows say ${run}`]),
  ];
}
