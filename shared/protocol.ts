// Sync protocol v1: what a kiosk sends to the collector and what it gets back. Both sides parse
// with these schemas, so the contract lives in one place. Strict objects throughout: a key the
// other side does not know is a bug to surface, not data to drop silently.
import { z } from 'zod';
import { AlertKind, AnswerId, Contact, FinalStatus } from './answer.ts';
import { KioskConfig, RemoteKioskConfig } from './config.ts';
import { KioskCommand, MAX_COMMANDS_PER_REPLY } from './kiosk-commands.ts';
import { LanguageCode } from './survey.ts';

/** Items per batch; a kiosk with a longer queue sends several batches. */
export const MAX_BATCH_ITEMS = 500;
/** A device clock further off than this is flagged on the collector (answers are still kept). */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60_000;

export const KioskId = KioskConfig.shape.kioskId;

const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
/** PostgreSQL's timestamptz text ends at year 9999 in UTC; an offset can push 9999-12-31 past it. */
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * The calendar must hold the date: JavaScript rolls 2026-02-31 over to March 3rd and PostgreSQL
 * refuses year 0, so either would otherwise fail (or change) at the storage layer instead of
 * here, and so would an instant past 9999-12-31 in UTC. Far-past years are allowed: a kiosk whose clock battery died still sends real answers.
 */
function isRealInstant(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  const at = Date.parse(s);
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d && at >= EARLIEST && at <= LATEST;
}

/** An ISO 8601 instant with Z or an offset, as `Date#toISOString()` writes it. */
export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .refine(isRealInstant, 'must be a real date and time');

/**
 * PostgreSQL text and jsonb cannot hold U+0000. A touch keyboard never types it, so an item that
 * carries one is corrupt or hostile: it is rejected with a reason instead of failing its batch.
 */
const hasNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : typeof value === 'object' && value !== null
      ? Object.entries(value).some(([key, v]) => key.includes('\u0000') || hasNul(v))
      : false;
// Each string on its own: in the JSON text, a customer who typed the six characters \u0000 would
// look the same as a real NUL.
const noNul = (value: unknown) => !hasNul(value);
const NO_NUL = { message: 'text must not contain NUL (U+0000) characters' };

export const AnswerUpload = z
  .strictObject({
    id: AnswerId,
    kioskId: KioskId,
    /** Per-kiosk, gapless on the kiosk; the collector reports how far it holds them without a gap. */
    seq: z.int().min(1).max(2_147_483_647),
    surveyVersion: z.string().min(1).max(64),
    status: FinalStatus,
    language: LanguageCode,
    startedAt: IsoDateTime,
    finalizedAt: IsoDateTime,
    smiley: z.int().min(1).max(5),
    reasons: z.array(z.string().min(1).max(40)).max(12),
    nps: z.int().min(0).max(10).optional(),
    ces: z.int().min(1).max(7).optional(),
    comment: z.string().max(1000).optional(),
    contact: Contact.optional(),
    talkNow: z.boolean(),
    possibleRepeat: z.boolean(),
  })
  .refine(noNul, NO_NUL);
export type AnswerUpload = z.infer<typeof AnswerUpload>;

/** What staff need to act on an alert: where, and the scores so far. Never customer text. */
export const AlertDetail = z.strictObject({
  /** The kiosk's own alert rows carry it; when present it must name the sending kiosk. */
  kioskId: KioskId.optional(),
  location: z.string().min(1).max(120),
  touchpoint: z.string().min(1).max(120),
  smiley: z.int().min(1).max(5).optional(),
  nps: z.int().min(0).max(10).optional(),
  ces: z.int().min(1).max(7).optional(),
  /**
   * The kiosk judged the tap a possible repeated press. A low score then folds into the kiosk's
   * open card ("1 more low score"); a "talk to someone now" is never refused for it.
   */
  possibleRepeat: z.boolean().optional(),
  /**
   * Reason ids chosen before "talk to someone now": staff see what went wrong while the customer
   * waits, before the finished answer (which carries them too) arrives.
   */
  reasons: z.array(z.string().min(1).max(40)).max(12).optional(),
});
export type AlertDetail = z.infer<typeof AlertDetail>;

export const AlertUpload = z
  .strictObject({
    id: AnswerId,
    /** null for a test alert; otherwise the answer, which may not have arrived yet. */
    answerId: AnswerId.nullable(),
    kind: AlertKind,
    createdAt: IsoDateTime,
    detail: AlertDetail,
  })
  .refine(noNul, NO_NUL);
export type AlertUpload = z.infer<typeof AlertUpload>;

/** What a kiosk sends to POST /v1/answers. */
/** sentAt is the device clock when the batch left: compared with the receive time to catch bad clocks. */
export const AnswerBatch = z.strictObject({
  kioskId: KioskId,
  sentAt: IsoDateTime,
  answers: z.array(AnswerUpload).max(MAX_BATCH_ITEMS),
});
export type AnswerBatch = z.infer<typeof AnswerBatch>;
/** What a kiosk sends to POST /v1/alerts. */
export const AlertBatch = z.strictObject({
  kioskId: KioskId,
  sentAt: IsoDateTime,
  alerts: z.array(AlertUpload).max(MAX_BATCH_ITEMS),
});
export type AlertBatch = z.infer<typeof AlertBatch>;

/**
 * How the collector reads a batch: the envelope strictly (a bad one is a 400 for the whole
 * request), the items one by one, so that one bad item is rejected alone and never blocks the
 * kiosk's queue.
 */
export const AnswerBatchEnvelope = z.strictObject({
  kioskId: KioskId,
  sentAt: IsoDateTime,
  answers: z.array(z.unknown()).max(MAX_BATCH_ITEMS),
});
export const AlertBatchEnvelope = z.strictObject({
  kioskId: KioskId,
  sentAt: IsoDateTime,
  alerts: z.array(z.unknown()).max(MAX_BATCH_ITEMS),
});

export const ItemStatus = z.enum(['stored', 'duplicate', 'rejected']);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const ItemResult = z.strictObject({
  /** The item's id as sent; null when the item had no string id at all. results[i] is items[i]. */
  id: z.string().nullable(),
  status: ItemStatus,
  /** Why it was rejected, readable by whoever reads the kiosk's dead-letter table. */
  reason: z.string().optional(),
});
export type ItemResult = z.infer<typeof ItemResult>;

export const BatchReply = z.strictObject({
  results: z.array(ItemResult),
  /** The highest seq n such that the collector holds answers 1..n of this kiosk: gaps show. */
  highestContiguousSeq: z.int().min(0),
});
export type BatchReply = z.infer<typeof BatchReply>;

export const HeartbeatRequest = z.strictObject({
  kioskId: KioskId,
  appVersion: z.string().min(1).max(64),
  queueDepth: z.int().min(0).max(2_147_483_647),
  oldestUnsentAt: IsoDateTime.nullable(),
  lastError: z.string().max(500).nullable(),
  deviceTime: IsoDateTime,
  // What the fleet view shows beside the above. Optional: a kiosk built before them leaves them
  // out, and its heartbeats are taken as before.
  /** Items the collector refused, kept on the kiosk for someone to look at. */
  deadLetters: z.int().min(0).max(2_147_483_647).optional(),
  /** The storage failure in force now (disk full, read-only…); null while writes land. */
  storageError: z.string().max(500).nullable().optional(),
  /** Writes that failed on the disk since this kiosk process started. */
  storageErrors: z.int().min(0).max(2_147_483_647).optional(),
  /** When this kiosk process started, by the device clock: a new value is a restart. */
  startedAt: IsoDateTime.optional(),
  /** When the latest customer started an answer, by the device clock; null before the first. */
  lastTapAt: IsoDateTime.nullable().optional(),
  /** Answers started since midnight, the device's local day. */
  tapsToday: z.int().min(0).max(2_147_483_647).optional(),
});
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>;

export const HeartbeatReply = z.strictObject({
  serverTime: IsoDateTime,
  /** The version GET /v1/config would return now; null while no config is attached. */
  configVersion: z.string().nullable(),
  /** Orders from an admin (shared/kiosk-commands.ts); left out when there are none. */
  commands: z.array(KioskCommand).max(MAX_COMMANDS_PER_REPLY).optional(),
});
export type HeartbeatReply = z.infer<typeof HeartbeatReply>;

/**
 * GET /v1/config: the kiosk's settings and survey, without a `collector` block or a PIN hash (the
 * kiosk keeps its own URL, token and PIN). The version is also the ETag.
 */
export const ConfigReply = z.strictObject({
  version: z.string().min(1),
  config: RemoteKioskConfig,
});
export type ConfigReply = z.infer<typeof ConfigReply>;

export const ErrorReply = z.strictObject({
  error: z.string(),
  message: z.string(),
  /** Field-level reasons for a 400. */
  problems: z.array(z.strictObject({ field: z.string(), reason: z.string() })).optional(),
  /** Set with a 429, same as the Retry-After header. */
  retryAfterSeconds: z.int().optional(),
});
export type ErrorReply = z.infer<typeof ErrorReply>;
