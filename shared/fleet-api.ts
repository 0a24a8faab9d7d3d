// The fleet view's part of the staff API (/staff/api/kiosks), as both ends see it: every kiosk
// with its place, its health as its heartbeats report it, and the status the collector judges
// from them (server/fleet/status.ts), with the history behind it. Admins only.
import { z } from 'zod';
import {
  flatRows,
  isBoolean,
  isCount,
  isInt,
  isListOf,
  isNumber,
  isOneOf,
  isString,
  optional,
  required,
  type RowOf,
} from './flat-rows.ts';

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

/** An instant as ms since 1970: the list's times, read as numbers rather than parsed as text. */
const EpochMs = z.int().min(0);

/** A location as the list names it once, rather than with each of its kiosks. */
export const FleetPlace = z.strictObject({
  id: z.int(),
  name: z.string(),
  /** Inside its opening hours now. */
  openNow: z.boolean(),
});
export type FleetPlace = z.infer<typeof FleetPlace>;

const isStatus = isOneOf(FLEET_STATUSES);

/**
 * A kiosk as the Kiosks page lists it: what its table shows and nothing else (a kiosk's own page
 * reads the whole `FleetKiosk` from its history), times as epoch ms, and a field with nothing to
 * say left out rather than null: at 5,000 kiosks that is a reply half the size. Same meanings as
 * `FleetKiosk`. Checked by plain predicates (flat-rows.ts), as strictly as a zod object.
 */
const FLEET_ROW = {
  id: required(isString, 'text'),
  locationId: required(isInt, 'an integer'),
  touchpoint: required(isString, 'text'),
  appVersion: optional(isString, 'text'),
  status: required(isStatus, 'a fleet status'),
  /** Epoch ms. */
  statusSince: optional(isCount, 'epoch ms'),
  /** Left out when there is none (an ok kiosk). */
  problems: optional(isListOf(isStatus), 'a list of fleet statuses'),
  online: required(isBoolean, 'true or false'),
  lastHeartbeatAt: optional(isCount, 'epoch ms'),
  queueDepth: optional(isCount, 'a count'),
  oldestUnsentAt: optional(isCount, 'epoch ms'),
  deadLetters: optional(isCount, 'a count'),
  storageError: optional(isString, 'text'),
  storageErrors: optional(isCount, 'a count'),
  clockSkewMs: optional(isNumber, 'a number'),
  restarts24h: required(isCount, 'a count'),
  tapsToday: optional(isCount, 'a count'),
  lastTapAt: optional(isCount, 'epoch ms'),
};
export type FleetRow = RowOf<typeof FLEET_ROW>;

/**
 * GET /staff/api/kiosks (ETag; If-None-Match gets a 304 while nothing changed): every active
 * kiosk, each at one of `places`.
 */
export const FleetListReply = z
  .strictObject({
    now: EpochMs,
    offlineAfterMinutes: z.number().positive(),
    places: z.array(FleetPlace),
    kiosks: flatRows(FLEET_ROW),
  })
  .superRefine((reply, ctx) => {
    const ids = new Set(reply.places.map((p) => p.id));
    reply.kiosks.forEach((k, i) => {
      if (!ids.has(k.locationId))
        ctx.addIssue({
          code: 'custom',
          path: ['kiosks', i, 'locationId'],
          message: 'not one of the places listed',
        });
    });
  });
export type FleetListReply = z.infer<typeof FleetListReply>;

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
