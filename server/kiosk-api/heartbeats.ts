// A kiosk's heartbeat: only the latest is kept, on the kiosk's row, which is what a fleet view
// needs (is it alive, is its queue draining, is its clock right) without a table that grows by
// one row per kiosk per minute forever.
import type { HeartbeatRequest } from '../../shared/protocol.ts';
import type { ClockReading } from './device-clock.ts';
import type { Storage } from '../db/open.ts';
import { storableText, toFlag, utc } from '../db/values.ts';

export async function recordHeartbeat(
  storage: Storage,
  kioskId: string,
  hb: HeartbeatRequest,
  receivedAt: Date,
  clock: ClockReading,
): Promise<{ wasClockFlagged: boolean }> {
  const before = await storage.db
    .selectFrom('kiosks')
    .select('clock_flagged')
    .where('id', '=', kioskId)
    .executeTakeFirstOrThrow();
  const at = receivedAt.toISOString();
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
    })
    .where('id', '=', kioskId)
    .execute();
  return { wasClockFlagged: toFlag(before.clock_flagged) };
}
