// Enrolment codes and POST /v1/enrol, as the collector, the kiosk host and the kiosk's setup
// screen see them. A code is 8 characters of Crockford's base32 (digits and capitals without I,
// L, O and U, so nothing reads as something else), shown as ABCD-EFGH: 40 random bits. That is
// plenty for a code that lives a day, is spent once and whose wrong guesses are throttled per
// address (10 per 15 minutes: about 2^23 days to find one open code from one address). Typing is
// forgiving: case, spaces and hyphens do not matter, and O, I and L read as 0, 1 and 1.
import { z } from 'zod';
import { RemoteKioskConfig } from './config.ts';

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 8;

/** The code as stored and hashed (8 alphabet characters), or null when it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== CODE_LENGTH) return null;
  return [...plain].every((c) => CODE_ALPHABET.includes(c)) ? plain : null;
}

/** ABCD-EFGH: two groups of four are easier to read out and type than eight in a row. */
export function formatCode(plain: string): string {
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}

export const EnrolmentCode = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const plain = normaliseCode(s);
    if (plain) return plain;
    ctx.addIssue({
      code: 'custom',
      message: 'must be the 8 letters and digits of an enrolment code, like ABCD-EFGH',
    });
    return z.NEVER;
  });

/** POST /v1/enrol: no token yet; the code is the credential. */
export const EnrolRequest = z.strictObject({ code: EnrolmentCode });
export type EnrolRequest = z.input<typeof EnrolRequest>;

/**
 * The new kiosk's id, its device token (the only time it crosses the wire) and its config,
 * which, as GET /v1/config serves it, has no collector block and no admin PIN hash: the kiosk
 * sets its own PIN.
 */
export const EnrolReply = z.strictObject({
  kioskId: z.string().min(1),
  token: z.string().min(22),
  configVersion: z.string().min(1),
  config: RemoteKioskConfig,
});
export type EnrolReply = z.infer<typeof EnrolReply>;

/**
 * The error codes POST /v1/enrol answers with, which the setup screen translates. A code that
 * was revoked reads as expired: either way the kiosk needs a new one.
 */
export const ENROL_ERRORS = [
  'invalid_request',
  'enrolment_code_unknown',
  'enrolment_code_used',
  'enrolment_code_expired',
  'rate_limited',
  'no_config',
] as const;
export type EnrolError = (typeof ENROL_ERRORS)[number];

/**
 * Why a kiosk's enrolment failed, as its setup screen and `npm run kiosk -- enrol` say it: the
 * collector's refusals above, and what can go wrong before or after one (no answer at that
 * address, an address that is not one, a reply that is not the collector's, a kiosk that has a
 * config already).
 */
export const KIOSK_ENROL_ERRORS = [
  ...ENROL_ERRORS,
  'bad_address',
  'unreachable',
  'bad_reply',
  'already_enrolled',
] as const;
export type KioskEnrolError = (typeof KIOSK_ENROL_ERRORS)[number];

export const EnrolOutcome = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), kioskId: z.string() }),
  z.strictObject({
    ok: z.literal(false),
    reason: z.enum(KIOSK_ENROL_ERRORS),
    message: z.string(),
    retryAfterSeconds: z.int().optional(),
  }),
]);
export type EnrolOutcome = z.infer<typeof EnrolOutcome>;
