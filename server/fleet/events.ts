// Changes of a kiosk's status, recorded by the fleet tick: the kiosk row keeps the status and
// since when, kiosk_status_events one row per change. The row's update names the status it
// replaces, so when several collector instances tick at once exactly one records each change.
import type { FleetEvent } from '../../shared/fleet-api.ts';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import type { FleetEntry } from './fleet-list.ts';

/** A change this call recorded. */
export interface StatusChange {
  kioskId: string;
  status: FleetEntry['status'];
  previous: FleetEntry['status'] | null;
  at: string;
}

/** Records every entry whose status differs from the one recorded; returns what it recorded. */
export async function recordStatusChanges(
  storage: Storage,
  entries: readonly FleetEntry[],
  now: Date,
): Promise<StatusChange[]> {
  const changes: StatusChange[] = [];
  for (const e of entries) {
    if (e.status === e.recorded) continue;
    const at = e.statusSince ?? now.toISOString();
    const won = await writeTransaction(storage, async (trx) => {
      const updated = await trx
        .updateTable('kiosks')
        .set({ fleet_status: e.status, fleet_status_since: at })
        .where('id', '=', e.id)
        .where((w) =>
          e.recorded === null ? w('fleet_status', 'is', null) : w('fleet_status', '=', e.recorded),
        )
        .executeTakeFirst();
      if (!Number(updated.numUpdatedRows)) return false;
      await trx
        .insertInto('kiosk_status_events')
        .values({ kiosk_id: e.id, at, status: e.status, previous: e.recorded })
        .execute();
      return true;
    });
    if (won) changes.push({ kioskId: e.id, status: e.status, previous: e.recorded, at });
  }
  return changes;
}

/** A kiosk's changes since `from`, newest first. */
export async function kioskEvents(
  db: CollectorDb,
  kioskId: string,
  from: Date,
): Promise<FleetEvent[]> {
  const rows = await db
    .selectFrom('kiosk_status_events')
    .select(['at', 'status', 'previous'])
    .where('kiosk_id', '=', kioskId)
    .where('at', '>=', from.toISOString())
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ at: toIso(r.at)!, status: r.status, previous: r.previous }));
}
