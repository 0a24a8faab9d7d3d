// Which weekly digests fall due, claimed once: each tick (every instance, every minute) works out
// each location's newest due week in its own time zone and inserts (location, week) into
// digest_sends. The primary key lets one insert win however many instances tick at once; the
// winner, in the same transaction, writes a delivery row and a queue job per subscriber, so a
// crash commits all of it or none. A collector that was down when a digest fell due sends it
// at its first tick after: the newest due week is always the one claimed (older missed weeks
// are not sent late).
import type { Storage } from '../db/open.ts';
import { writeTransaction } from '../db/open.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { dueWeek, type DigestSchedule } from './schedule.ts';

export const DELIVER_QUEUE = 'digest.deliver';

export type DeliverJob = { locationId: number; week: string; subscriberId: string };

/** Claims every due, unclaimed location-week; returns those this call claimed. */
export async function claimDueDigests(
  storage: Storage,
  jobs: JobQueue,
  schedule: DigestSchedule,
  now: Date,
): Promise<{ locationId: number; week: string; subscribers: number }[]> {
  const locations = await storage.db.selectFrom('locations').select(['id', 'time_zone']).execute();
  const due = locations.map((l) => ({ locationId: l.id, ...dueWeek(schedule, now, l.time_zone) }));
  if (!due.length) return [];
  const weeks = [...new Set(due.map((d) => d.week))];
  const claimed = new Set(
    (
      await storage.db
        .selectFrom('digest_sends')
        .select(['location_id', 'week'])
        .where('week', 'in', weeks)
        .execute()
    ).map((r) => `${r.location_id}/${r.week}`),
  );
  const out: { locationId: number; week: string; subscribers: number }[] = [];
  for (const d of due) {
    if (claimed.has(`${d.locationId}/${d.week}`)) continue;
    const subscribers = await writeTransaction(storage, async (trx) => {
      const won = await trx
        .insertInto('digest_sends')
        .values({
          location_id: d.locationId,
          week: d.week,
          due_at: d.dueAt.toISOString(),
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['location_id', 'week']).doNothing())
        .executeTakeFirst();
      if (!Number(won.numInsertedOrUpdatedRows)) return null;
      const subs = await trx
        .selectFrom('digest_subscribers')
        .select('id')
        .where('location_id', '=', d.locationId)
        .execute();
      for (const s of subs) {
        await trx
          .insertInto('digest_deliveries')
          .values({
            location_id: d.locationId,
            week: d.week,
            subscriber_id: s.id,
            status: 'pending',
            attempts: 0,
            updated_at: now.toISOString(),
            error: null,
          })
          .execute();
        await jobs.send<DeliverJob>(trx, DELIVER_QUEUE, {
          locationId: d.locationId,
          week: d.week,
          subscriberId: s.id,
        });
      }
      return subs.length;
    });
    if (subscribers !== null) out.push({ locationId: d.locationId, week: d.week, subscribers });
  }
  return out;
}
