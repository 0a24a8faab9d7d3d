// The kiosk's own row during a batch: read and locked first (so two batches of one kiosk take
// turns), its highest contiguous seq walked forward over the answers just stored, and its last
// contact and clock reading written back, all in the batch's transaction (ingest-store.ts).
import { sql } from 'kysely';
import type { CollectorDb, Storage } from '../db/open.ts';
import { toFlag } from '../db/values.ts';
import type { ClockReading } from './device-clock.ts';

/** The kiosk's row as locked for the batch. */
export interface LockedKiosk {
  highest: number;
  flagged: boolean;
  touchpointId: number | null;
  locationId: number | null;
}

/** Reads the kiosk's row, locking it on PostgreSQL (SQLite's BEGIN IMMEDIATE already serializes). */
export async function lockKiosk(
  trx: CollectorDb,
  storage: Storage,
  kioskId: string,
): Promise<LockedKiosk> {
  const row = await trx
    .selectFrom('kiosks')
    .select((eb) => [
      'highest_contiguous_seq',
      'clock_flagged',
      'touchpoint_id',
      eb
        .selectFrom('touchpoints')
        .select('location_id')
        .whereRef('touchpoints.id', '=', 'kiosks.touchpoint_id')
        .as('location_id'),
    ])
    .where('id', '=', kioskId)
    .$if(storage.engine === 'postgres', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  return {
    highest: row.highest_contiguous_seq,
    flagged: toFlag(row.clock_flagged),
    touchpointId: row.touchpoint_id,
    locationId: row.location_id,
  };
}

/** Walks the seq run forward from the last known end; cost is the length of the run added. */
export async function advanceSeq(trx: CollectorDb, kioskId: string, from: number): Promise<number> {
  const next = await trx
    .selectFrom('answers')
    .select('seq')
    .where('kiosk_id', '=', kioskId)
    .where('seq', '=', from + 1)
    .executeTakeFirst();
  if (!next) return from;
  const end = await trx
    .selectFrom('answers as a')
    .select('a.seq')
    .where('a.kiosk_id', '=', kioskId)
    .where('a.seq', '>', from)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('answers as b')
            .select(sql`1`.as('one'))
            .whereRef('b.kiosk_id', '=', 'a.kiosk_id')
            .where('b.seq', '=', sql<number>`a.seq + 1`),
        ),
      ),
    )
    .orderBy('a.seq')
    .limit(1)
    .executeTakeFirstOrThrow();
  return end.seq;
}

export async function touchKiosk(
  trx: CollectorDb,
  ctx: { kioskId: string; receivedAt: Date; clock: ClockReading },
  extra: { highest_contiguous_seq?: number },
): Promise<void> {
  await trx
    .updateTable('kiosks')
    .set({
      last_seen_at: ctx.receivedAt.toISOString(),
      clock_skew_ms: ctx.clock.skewMs,
      clock_flagged: ctx.clock.flagged ? 1 : 0,
      ...extra,
    })
    .where('id', '=', ctx.kioskId)
    .execute();
}
