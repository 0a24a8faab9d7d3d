// The one contract between the kiosk UI (renderer) and the kiosk host: channel -> request schema
// -> response schema. The channel names live in shared/bridge-channels.ts; `satisfies` below
// makes a channel without a schema here (or a schema for no channel) fail to compile.
import { z } from 'zod';
import { ADMIN_PIN_DIGITS } from './admin-pin.ts';
import { AlertKind, AnswerId, AnswerStep, FinalStatus } from './answer.ts';
import { PublicKioskConfig } from './config.ts';
import { EnrolOutcome } from './enrolment.ts';
import { LanguageCode } from './survey.ts';
import type { BridgeResult } from './result.ts';
import type { Channel } from './bridge-channels.ts';

export type { Channel };

const Empty = z.strictObject({});
const AdminSession = z.string().min(16).max(128);
export const AdminPin = z
  .string()
  .regex(
    new RegExp(`^[0-9]{${ADMIN_PIN_DIGITS.min},${ADMIN_PIN_DIGITS.max}}$`),
    `must be ${ADMIN_PIN_DIGITS.min}-${ADMIN_PIN_DIGITS.max} digits`,
  );

export const KioskStatus = z.strictObject({
  kioskId: z.string().nullable(),
  appVersion: z.string(),
  /** null until the first sync attempt: unknown is not offline. */
  online: z.boolean().nullable(),
  queueDepth: z.int(),
  deadLetters: z.int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  databasePath: z.string(),
  storage: z.strictObject({
    ok: z.boolean(),
    error: z.string().nullable(),
    /** Steps accepted while the disk failed, kept in memory and retried. */
    pendingInMemory: z.int(),
    /** Where a corrupt database was moved at start, if that happened. */
    movedAside: z.string().nullable(),
  }),
  outOfService: z.boolean(),
  configError: z.array(z.strictObject({ field: z.string(), reason: z.string() })).nullable(),
});
export type KioskStatus = z.infer<typeof KioskStatus>;

export const bridgeContract = {
  /** The kiosk's survey and look; fails with `unavailable` and field problems if the config is bad. */
  getConfig: { request: Empty, response: PublicKioskConfig },
  getStatus: { request: Empty, response: KioskStatus },
  /** The first tap: a durable draft answer exists once this resolves. */
  startAnswer: {
    request: z.strictObject({ smiley: z.int().min(1).max(5), language: LanguageCode }),
    response: z.strictObject({
      answerId: AnswerId,
      /** False when the disk failed: the answer is held in memory and retried. */
      durable: z.boolean(),
      possibleRepeat: z.boolean(),
      alertRaised: z.boolean(),
    }),
  },
  updateAnswer: {
    request: z.strictObject({ answerId: AnswerId, step: AnswerStep }),
    response: z.strictObject({ durable: z.boolean(), alertRaised: z.boolean() }),
  },
  /** "Talk to someone now": raises the priority alert at once. */
  requestHelp: {
    request: z.strictObject({ answerId: AnswerId }),
    response: z.strictObject({ durable: z.boolean(), alertRaised: z.boolean() }),
  },
  finishAnswer: {
    request: z.strictObject({ answerId: AnswerId, status: FinalStatus }),
    response: z.strictObject({ durable: z.boolean() }),
  },
  /**
   * The answer is still on screen: sent every few seconds while it is open, so the host can tell
   * a customer taking their time from a screen that is gone (see host/abandoned-drafts.ts).
   */
  touchAnswer: { request: z.strictObject({ answerId: AnswerId }), response: Empty },
  unlockAdmin: {
    request: z.strictObject({ pin: AdminPin }),
    response: z.strictObject({
      session: AdminSession.nullable(),
      attemptsLeft: z.int(),
      lockedUntil: z.string().nullable(),
    }),
  },
  sendTestAlert: {
    request: z.strictObject({ session: AdminSession }),
    response: z.strictObject({ kind: AlertKind }),
  },
  setDefaultLanguage: {
    request: z.strictObject({ session: AdminSession, language: LanguageCode }),
    response: Empty,
  },
  reloadKiosk: { request: z.strictObject({ session: AdminSession }), response: Empty },
  exitKiosk: { request: z.strictObject({ session: AdminSession }), response: Empty },
  /**
   * The setup screen of a kiosk without a config: trades an enrolment code at the collector for
   * the kiosk's token and config (electron/core/enrolment.ts); the PIN is the admin PIN it sets.
   * Refused once the kiosk has a config. Failures are outcomes, with a reason to translate.
   */
  enrol: {
    request: z.strictObject({
      collector: z.string().min(1).max(300),
      code: z.string().min(1).max(40),
      pin: AdminPin,
    }),
    response: EnrolOutcome,
  },
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;
export type BridgeRequest<C extends Channel> = z.input<(typeof bridgeContract)[C]['request']>;
export type BridgeResponse<C extends Channel> = z.output<(typeof bridgeContract)[C]['response']>;

/** What the preload puts on window.kiosk: one named function per channel, envelopes out. */
export type KioskBridge = {
  [C in Channel]: (request: BridgeRequest<C>) => Promise<BridgeResult<BridgeResponse<C>>>;
};
