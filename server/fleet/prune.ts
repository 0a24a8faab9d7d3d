// The fleet history is kept for 30 days: older hour rows and status events are deleted by the
// daily fleet.prune job, an hour's rows at a time (one indexed DELETE of at most one row per
// kiosk), so heartbeats go in between on a large fleet.
import type { Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';

export const FLEET_HISTORY_DAYS = 30;

/** Deletes hour rows and status events older than `before`; returns the rows deleted. */
export async function pruneFleetHistory(storage: Storage, before: Date): Promise<number> {
  const cut = before.toISOString();
  let deleted = 0;
  const hours = await storage.db
    .selectFrom('kiosk_hours')
    .select('hour')
    .distinct()
    .where('hour', '<', cut)
    .execute();
  for (const { hour } of hours) {
    const r = await storage.db
      .deleteFrom('kiosk_hours')
      .where('hour', '=', toIso(hour)!)
      .executeTakeFirst();
    deleted += Number(r.numDeletedRows);
  }
  const events = await storage.db
    .deleteFrom('kiosk_status_events')
    .where('at', '<', cut)
    .executeTakeFirst();
  return deleted + Number(events.numDeletedRows);
}
