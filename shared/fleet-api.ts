// The fleet view's part of the staff API (/staff/api/kiosks), as both ends see it: every kiosk
// with its place, its health as its heartbeats report it, and the status the collector judges
// from them (server/fleet/status.ts), with the history behind it. Admins only.
import { z } from 'zod';

const Instant = z.iso.datetime();
const Count = z.int().min(0);

/**
 * ok; offline (no heartbeat for a while); silent (heartbeats, but no taps for much longer than
 * usual at that touchpoint in the open hours passed); storage_failing (its disk refuses writes);
 * crash_looping (it keeps restarting); clock_off (its clock is off by more than the tolerance).
 */
export const FLEET_STATUSES = [
  'ok',
  'offline',
  'silent',
  'storage_failing',
  'crash_looping',
  'clock_off',
] as const;
export const FleetStatus = z.enum(FLEET_STATUSES);
export type FleetStatus = z.infer<typeof FleetStatus>;

export const FleetKiosk = z.strictObject({
  id: z.string(),
  location: z.string(),
  locationId: z.int(),
  touchpoint: z.string(),
  appVersion: z.string().nullable(),
  /** The worst of `problems`, or ok. */
  status: FleetStatus,
  /** When that status began; null when nothing says (an ok kiosk never judged otherwise). */
  statusSince: Instant.nullable(),
  /** Every status but ok that holds now, worst first. */
  problems: z.array(FleetStatus),
  online: z.boolean(),
  /** Its location is inside its opening hours now. */
  openNow: z.boolean(),
  lastHeartbeatAt: Instant.nullable(),
  queueDepth: Count.nullable(),
  oldestUnsentAt: Instant.nullable(),
  deadLetters: Count.nullable(),
  storageError: z.string().nullable(),
  storageErrors: Count.nullable(),
  /** Device clock minus the collector's, ms. */
  clockSkewMs: z.number().nullable(),
  /** When its process started (collector clock). */
  startedAt: Instant.nullable(),
  restarts24h: Count,
  /** Answers started today, the kiosk's own count; null from kiosks that do not say. */
  tapsToday: Count.nullable(),
  lastTapAt: Instant.nullable(),
  lastError: z.string().nullable(),
});
export type FleetKiosk = z.infer<typeof FleetKiosk>;

/** GET /staff/api/kiosks (ETag; If-None-Match gets a 304 while nothing changed). */
export const FleetReply = z.strictObject({
  now: Instant,
  offlineAfterMinutes: z.number().positive(),
  kiosks: z.array(FleetKiosk),
});
export type FleetReply = z.infer<typeof FleetReply>;

export const FleetEvent = z.strictObject({
  at: Instant,
  status: FleetStatus,
  previous: FleetStatus.nullable(),
});
export type FleetEvent = z.infer<typeof FleetEvent>;

/** One kiosk's UTC hour, summed from its heartbeats. */
export const FleetHour = z.strictObject({
  hour: Instant,
  heartbeats: Count,
  restarts: Count,
  maxQueueDepth: Count,
  maxAbsSkewMs: z.number().min(0),
  /** Heartbeats in the hour that reported a storage error. */
  storageFailing: Count,
  deadLetters: Count.nullable(),
  storageErrors: Count.nullable(),
  tapsToday: Count.nullable(),
});
export type FleetHour = z.infer<typeof FleetHour>;

/** GET /staff/api/kiosks/:id/history: 30 days, newest first. */
export const FleetHistoryReply = z.strictObject({
  /** The collector's clock, which "since 3 min ago" is read by. */
  now: Instant,
  kiosk: FleetKiosk,
  events: z.array(FleetEvent),
  hours: z.array(FleetHour),
});
export type FleetHistoryReply = z.infer<typeof FleetHistoryReply>;
