// The follow-up log as staff read it: per alert card (alert_id) or per answer (the comment feed,
// the send form), oldest first, with the sender's name as the account is named now. Never the
// text: the log says what happened, the message stays with the customer.
import type { Selectable } from 'kysely';
import type { FollowUpEntry } from '../../shared/follow-up-api.ts';
import type { Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import { displayNames } from '../staff/users.ts';
import type { FollowUpTable } from './tables.ts';

type Row = Selectable<FollowUpTable>;

export function entryOf(r: Row, names: Map<string, string>): FollowUpEntry {
  return {
    id: r.id,
    channel: r.channel,
    template: r.template,
    sentBy: names.get(r.sent_by) ?? r.sent_by,
    createdAt: toIso(r.created_at)!,
    updatedAt: toIso(r.updated_at)!,
    status: r.status,
    error: r.error,
    attempts: r.attempts,
  };
}

/** Each id's entries (only ids that have any), oldest first. */
export async function followUpLog(
  storage: Storage,
  by: 'alert_id' | 'answer_id',
  ids: string[],
): Promise<Map<string, FollowUpEntry[]>> {
  const map = new Map<string, FollowUpEntry[]>();
  if (!ids.length) return map;
  const rows = await storage.db
    .selectFrom('follow_ups')
    .selectAll()
    .where(by, 'in', [...new Set(ids)])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const names = await displayNames(
    storage,
    rows.map((r) => r.sent_by),
  );
  for (const r of rows) {
    const key = r[by];
    if (key === null) continue;
    const list = map.get(key) ?? [];
    list.push(entryOf(r, names));
    map.set(key, list);
  }
  return map;
}
