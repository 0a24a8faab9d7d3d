// A kiosk's heartbeat: the latest is kept on the kiosk's row, which is what a fleet view needs (is
// it alive, is its queue draining, is its clock right, is its disk failing, did it restart), and
// the hour it fell in is summed into kiosk_hours (server/fleet/hours.ts): history without a row
// per kiosk per minute.
import type { HeartbeatRequest } from '../../shared/protocol.ts';
import type { ClockReading } from './device-clock.ts';
import type { Storage } from '../db/open.ts';
import { storableText, toFlag, toIso, utc } from '../db/values.ts';
import { addHeartbeatHour, nextRestarts } from '../fleet/hours.ts';

export async function recordHeartbeat(
  storage: Storage,
  kioskId: string,
  hb: HeartbeatRequest,
  receivedAt: Date,
  clock: ClockReading,
): Promise<{ wasClockFlagged: boolean }> {
  const before = await storage.db
    .selectFrom('kiosks')
    .select(['clock_flagged', 'started_at', 'recent_restarts', 'storage_failing_since'])
    .where('id', '=', kioskId)
    .executeTakeFirstOrThrow();
  const at = receivedAt.toISOString();
  const startedAt = hb.startedAt === undefined ? null : utc(hb.startedAt);
  const previousStart = toIso(before.started_at);
  // A start time other than the one we hold is a restart; the first one we hear of is not.
  const restarted = startedAt !== null && previousStart !== null && startedAt !== previousStart;
  const failing = typeof hb.storageError === 'string';
  await storage.db
    .updateTable('kiosks')
    .set({
      last_seen_at: at,
      last_heartbeat_at: at,
      last_heartbeat_device_time: utc(hb.deviceTime),
      // What a kiosk reports about itself is kept even when it holds a NUL: a refused heartbeat
      // would make a working kiosk look dead.
      app_version: storableText(hb.appVersion),
      queue_depth: hb.queueDepth,
      oldest_unsent_at: hb.oldestUnsentAt === null ? null : utc(hb.oldestUnsentAt),
      last_error: hb.lastError === null ? null : storableText(hb.lastError),
      clock_skew_ms: clock.skewMs,
      clock_flagged: clock.flagged ? 1 : 0,
      dead_letters: hb.deadLetters ?? null,
      storage_error: failing ? storableText(hb.storageError!) : null,
      storage_errors: hb.storageErrors ?? null,
      storage_failing_since: failing ? (toIso(before.storage_failing_since) ?? at) : null,
      started_at: startedAt ?? previousStart,
      recent_restarts: nextRestarts(
        before.recent_restarts,
        restarted ? Date.parse(startedAt) - clock.skewMs : null,
        receivedAt.getTime(),
      ),
      last_tap_at: hb.lastTapAt ? utc(hb.lastTapAt) : null,
      taps_today: hb.tapsToday ?? null,
    })
    .where('id', '=', kioskId)
    .execute();
  await addHeartbeatHour(storage.db, kioskId, hb, receivedAt, clock.skewMs, restarted);
  return { wasClockFlagged: toFlag(before.clock_flagged) };
}
