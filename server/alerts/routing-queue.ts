// The durable hand-over from ingest to alert routing. The ingest transaction that stores a
// batch's new items records a job naming them (the Actual-style outbox: the change and its
// message commit together); the alert service takes jobs oldest first and deletes each in the
// transaction that writes its staff alerts. A crash between the two commits leaves the job, and
// the next start routes it. On PostgreSQL the take skips rows another instance holds. A job that
// fails on its own (not with the rest of its pass) counts an attempt; after MAX_ATTEMPTS it is
// no longer taken, so one bad row cannot hold every later alert back.
import { v7 as uuidv7 } from 'uuid';
import type { CollectorDb, Storage } from '../db/open.ts';
import { fromJson, toIso } from '../db/values.ts';

export interface RoutingJob {
  id: string;
  kioskId: string;
  kind: 'answers' | 'alerts';
  itemIds: string[];
  receivedAt: Date;
}

/** Called inside the ingest transaction; items that were only resends need no job. */
export async function recordRoutingJob(
  trx: CollectorDb,
  job: Omit<RoutingJob, 'id'>,
): Promise<void> {
  if (!job.itemIds.length) return;
  await trx
    .insertInto('routing_jobs')
    .values({
      id: uuidv7(),
      kiosk_id: job.kioskId,
      kind: job.kind,
      item_ids: JSON.stringify(job.itemIds),
      received_at: job.receivedAt.toISOString(),
    })
    .execute();
}

export const MAX_ATTEMPTS = 5;

/** The oldest jobs still to try (or the one with `onlyId`), locked for this transaction on PostgreSQL. */
export async function takeRoutingJobs(
  trx: CollectorDb,
  storage: Storage,
  limit: number,
  onlyId?: string,
): Promise<RoutingJob[]> {
  const rows = await trx
    .selectFrom('routing_jobs')
    .selectAll()
    .where('attempts', '<', MAX_ATTEMPTS)
    .$if(onlyId !== undefined, (q) => q.where('id', '=', onlyId!))
    .orderBy('id')
    .limit(limit)
    .$if(storage.engine === 'postgres', (q) => q.forUpdate().skipLocked())
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kioskId: r.kiosk_id,
    kind: r.kind,
    itemIds: fromJson<string[]>(r.item_ids),
    receivedAt: new Date(toIso(r.received_at)!),
  }));
}

export async function deleteRoutingJobs(trx: CollectorDb, ids: string[]): Promise<void> {
  if (ids.length) await trx.deleteFrom('routing_jobs').where('id', 'in', ids).execute();
}

/** The next job still to try after `after` (unlocked): the steps of a one-by-one pass. */
export async function nextRoutingJob(storage: Storage, after: string): Promise<string | null> {
  const row = await storage.db
    .selectFrom('routing_jobs')
    .select('id')
    .where('attempts', '<', MAX_ATTEMPTS)
    .where('id', '>', after)
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Counts a failed attempt; returns how many the job has had. */
export async function recordRoutingFailure(
  storage: Storage,
  id: string,
  error: string,
): Promise<number> {
  const row = await storage.db
    .updateTable('routing_jobs')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? MAX_ATTEMPTS;
}
