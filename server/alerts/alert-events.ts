// The alert_events table (migration 008): written in the transaction of the change each row
// announces, read by every instance's feed (feed.ts), pruned on a timer. Its key is the SSE
// event id, so it must become visible in key order: a reader that saw id 11 never looks below it
// again, and would lose id 10 if 10 committed after 11.
import { sql } from 'kysely';
import type { AlertEventType } from '../../shared/staff-api.ts';
import type { CollectorDb, Storage } from '../db/open.ts';

/** The channel the instances of one database wake each other on (PostgreSQL). */
export const ALERT_EVENTS_CHANNEL = 'lastword_alert_events';

export interface AlertEventRow {
  id: number;
  alertId: string;
  type: AlertEventType;
}

/**
 * Records the events inside the caller's transaction. PostgreSQL: an advisory lock held to the
 * commit makes writers take their ids and commit one after another, so ids become visible in
 * order (SQLite's single writer already does that). Only transactions that announce something
 * take it, just before they commit, so it is held for a few milliseconds. The NOTIFY is
 * delivered at the commit, and not at all after a rollback.
 */
export async function recordAlertEvents(
  trx: CollectorDb,
  storage: Storage,
  events: { alertId: string; type: AlertEventType }[],
  at: Date,
): Promise<void> {
  if (!events.length) return;
  const pg = storage.engine === 'postgres';
  if (pg) await sql`select pg_advisory_xact_lock(hashtext(${ALERT_EVENTS_CHANNEL}))`.execute(trx);
  await trx
    .insertInto('alert_events')
    .values(events.map((e) => ({ alert_id: e.alertId, type: e.type, at: at.toISOString() })))
    .execute();
  if (pg) await sql`select pg_notify(${ALERT_EVENTS_CHANNEL}, '')`.execute(trx);
}

/** The events after `after`, oldest first, at most `limit`, and none after `upTo` if given. */
export async function readAlertEvents(
  storage: Storage,
  after: number,
  limit: number,
  upTo?: number,
): Promise<AlertEventRow[]> {
  const rows = await storage.db
    .selectFrom('alert_events')
    .select(['id', 'alert_id', 'type'])
    .where('id', '>', after)
    .$if(upTo !== undefined, (b) => b.where('id', '<=', upTo!))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), alertId: r.alert_id, type: r.type }));
}

/** The oldest and newest ids kept (0 and 0 before the first event). */
export async function alertEventBounds(
  storage: Storage,
): Promise<{ oldest: number; newest: number }> {
  const row = await storage.db
    .selectFrom('alert_events')
    .select((eb) => [eb.fn.min('id').as('oldest'), eb.fn.max('id').as('newest')])
    .executeTakeFirst();
  return { oldest: Number(row?.oldest ?? 0), newest: Number(row?.newest ?? 0) };
}

/**
 * Deletes the events recorded before `before`, always by a prefix of ids (instances' clocks may
 * differ a little, ids do not) and never the newest: an empty table then means "no event yet",
 * and a resume can tell an id this database issued from a stranger's.
 */
export async function pruneAlertEvents(storage: Storage, before: Date): Promise<number> {
  const { newest } = await alertEventBounds(storage);
  const last = await storage.db
    .selectFrom('alert_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('at', '<', before.toISOString())
    .where('id', '<', newest)
    .executeTakeFirst();
  if (last?.id == null) return 0;
  const deleted = await storage.db
    .deleteFrom('alert_events')
    .where('id', '<=', Number(last.id))
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
