// Heartbeat history at an hour's grain: each heartbeat adds itself to its kiosk's row for the UTC
// hour it arrived in (one upsert), so 30 days of a 5,000-kiosk fleet is 3.6 million small rows,
// not 216 million. With kiosk_status_events (events.ts) it answers "when did it go offline":
// the event says when, the hours show what led up to it (restarts, a queue growing, a disk).
import { sql } from 'kysely';
import type { FleetHour } from '../../shared/fleet-api.ts';
import type { HeartbeatRequest } from '../../shared/protocol.ts';
import type { CollectorDb } from '../db/open.ts';
import { toIso, toNumber } from '../db/values.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Restarts kept on the kiosk row: a day's, enough to see a crash loop and count restarts. */
const KEPT_RESTARTS = 20;

/** The kiosk row's restart list (JSON text) with `restartAt` added and older than a day dropped. */
export function nextRestarts(
  stored: string | null,
  restartAt: number | null,
  now: number,
): string | null {
  const kept = restartsOf(stored).filter((t) => t > now - DAY_MS);
  if (restartAt !== null) kept.push(restartAt);
  return kept.length ? JSON.stringify(kept.slice(-KEPT_RESTARTS)) : null;
}

/** The restart instants (ms) a kiosk row holds; anything unreadable counts as none. */
export function restartsOf(stored: string | null): number[] {
  if (!stored) return [];
  try {
    const parsed = JSON.parse(stored) as unknown;
    return Array.isArray(parsed) ? parsed.filter((t): t is number => Number.isFinite(t)) : [];
  } catch {
    return [];
  }
}

const larger = (column: string) =>
  sql<number>`case when excluded.${sql.ref(column)} > kiosk_hours.${sql.ref(column)} then excluded.${sql.ref(column)} else kiosk_hours.${sql.ref(column)} end`;

/** Adds one heartbeat to its kiosk's hour. */
export async function addHeartbeatHour(
  db: CollectorDb,
  kioskId: string,
  hb: HeartbeatRequest,
  receivedAt: Date,
  skewMs: number,
  restarted: boolean,
): Promise<void> {
  const hour = new Date(Math.floor(receivedAt.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  await db
    .insertInto('kiosk_hours')
    .values({
      kiosk_id: kioskId,
      hour,
      heartbeats: 1,
      restarts: restarted ? 1 : 0,
      max_queue_depth: hb.queueDepth,
      max_abs_skew_ms: Math.abs(skewMs),
      storage_failing: typeof hb.storageError === 'string' ? 1 : 0,
      dead_letters: hb.deadLetters ?? null,
      storage_errors: hb.storageErrors ?? null,
      taps_today: hb.tapsToday ?? null,
      last_at: receivedAt.toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(['kiosk_id', 'hour']).doUpdateSet({
        heartbeats: sql`kiosk_hours.heartbeats + 1`,
        restarts: sql`kiosk_hours.restarts + excluded.restarts`,
        max_queue_depth: larger('max_queue_depth'),
        max_abs_skew_ms: larger('max_abs_skew_ms'),
        storage_failing: sql`kiosk_hours.storage_failing + excluded.storage_failing`,
        dead_letters: sql`excluded.dead_letters`,
        storage_errors: sql`excluded.storage_errors`,
        taps_today: sql`excluded.taps_today`,
        last_at: sql`excluded.last_at`,
      }),
    )
    .execute();
}

/** A kiosk's hours since `from`, newest first. */
export async function kioskHours(
  db: CollectorDb,
  kioskId: string,
  from: Date,
): Promise<FleetHour[]> {
  const rows = await db
    .selectFrom('kiosk_hours')
    .selectAll()
    .where('kiosk_id', '=', kioskId)
    .where('hour', '>=', from.toISOString())
    .orderBy('hour', 'desc')
    .execute();
  return rows.map((r) => ({
    hour: toIso(r.hour)!,
    heartbeats: r.heartbeats,
    restarts: r.restarts,
    maxQueueDepth: r.max_queue_depth,
    maxAbsSkewMs: toNumber(r.max_abs_skew_ms) ?? 0,
    storageFailing: r.storage_failing,
    deadLetters: r.dead_letters,
    storageErrors: r.storage_errors,
    tapsToday: r.taps_today,
  }));
}
