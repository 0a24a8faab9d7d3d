// The kiosk config file: one per device, written by IT or by enrolment. Parsed strictly; an
// invalid file is shown on screen with the field and the reason (see describeIssues).
import { z } from 'zod';
import { LanguageCode, SurveyDefinition, localizedTexts, type LocalizedText } from './survey.ts';

/** A time of day on a 24-hour clock: quiet hours, install windows. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#1a73e8"');

export const Branding = z.strictObject({
  name: z.string().min(1).max(80),
  /**
   * A data: URL so the strict CSP can stay closed to remote images. The kiosk shows it in an
   * <img>, where an SVG runs no script; the web admin takes PNG, WebP or JPEG only
   * (shared/brand-logo.ts).
   */
  logo: z
    .string()
    .regex(
      /^data:image\/(png|svg\+xml|webp|jpeg);base64,[A-Za-z0-9+/=]+$/,
      'must be a base64 data: URL of a PNG, SVG, WebP or JPEG image',
    )
    .max(512 * 1024)
    .optional(),
  colors: z.strictObject({ primary: HexColor, background: HexColor, text: HexColor }).optional(),
  welcome: z.record(LanguageCode, z.string().min(1).max(200)),
});
export type Branding = z.infer<typeof Branding>;

/** Plain http is for a collector on this machine (127.0.0.0/8, ::1, localhost) or a lab only. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname; // normalised: "127.1" is 127.0.0.1, IPv6 is bracketed
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * A device token the kiosk keeps sealed with the OS keystore (Electron safeStorage,
 * electron/core/token-vault.ts) is written as this prefix and the sealed bytes in base64; a
 * hand-written plain token never contains a colon.
 */
export const SEALED_TOKEN_PREFIX = 'sealed:';

const Collector = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }),
    token: z
      .string()
      .min(22, 'must be the device token printed at enrolment (at least 128 bits)')
      .max(4096)
      .refine(
        (t) => t.startsWith(SEALED_TOKEN_PREFIX) || t.length <= 200,
        'must be the device token printed at enrolment (at most 200 characters)',
      ),
    /** Lets a lab collector speak plain http: the device token and answers then cross in clear. */
    allowInsecureHttp: z.boolean().optional(),
  })
  .superRefine((c, ctx) => {
    if (
      URL.canParse(c.url) &&
      c.url.startsWith('http:') &&
      !isLoopback(c.url) &&
      !c.allowInsecureHttp
    )
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message:
          'must be https:// (plain http only to a loopback address, or with "allowInsecureHttp": true for a lab)',
      });
  });

export const KioskId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');

/** The fields of a kiosk config; the checks across fields are in checkTexts below. */
const KioskFields = z.strictObject({
  kioskId: KioskId,
  location: z.string().min(1).max(120),
  touchpoint: z.string().min(1).max(120),
  collector: Collector.optional(),
  languages: z.strictObject({
    default: LanguageCode,
    available: z.array(LanguageCode).min(1).max(12),
  }),
  idleTimeoutSeconds: z.int().min(10).max(600).default(30),
  /**
   * How long the thank-you screen ignores taps before the faces are back for the next customer.
   * The renderer's; the host uses it for nothing.
   */
  thankYouLockSeconds: z.int().min(1).max(15).default(3),
  /**
   * A first tap this soon after the previous one is flagged as a possible repeated press (a low
   * score still raises its alert, marked so). 3 s by default: the next customer in a queue cannot
   * reach the faces sooner (the thank-you screen holds them that long), so a real customer is
   * never taken for a repeat. A kiosk plagued by repeated presses can widen it; 0: never.
   */
  repeatWindowSeconds: z.int().min(0).max(60).default(3),
  /** Answers, alerts and dead letters the collector has settled are kept this long, then purged. */
  retentionDays: z.int().min(1).max(3650).default(30),
  /**
   * The packaged app registers itself to start when the kiosk user logs in (Windows, macOS); on
   * Linux the session starts it (deploy/linux). The Electron main process's; the host ignores it.
   */
  startAtLogin: z.boolean().default(false),
  /**
   * App updates from the collector (packaged Electron app only): how often to look, and the
   * device-local hours when a downloaded update may be installed (never mid-survey).
   */
  updates: z
    .strictObject({
      checkEveryHours: z.number().min(0.25).max(168).default(4),
      installWindow: z
        .strictObject({ from: ClockTime, to: ClockTime })
        .default({ from: '02:00', to: '05:00' }),
    })
    .default({ checkEveryHours: 4, installWindow: { from: '02:00', to: '05:00' } }),
  /** scrypt hash as produced by `lastword-kiosk hash-pin`: "scrypt$N$r$p$salt$hash" (base64). */
  adminPinHash: z
    .string()
    .regex(
      /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
      'must be a PIN hash made by `npm run kiosk -- hash-pin`',
    ),
  branding: Branding,
  survey: SurveyDefinition,
});

type ConfigTexts = Pick<z.output<typeof KioskFields>, 'languages' | 'branding' | 'survey'>;

/** Every text in every language the kiosk offers, and a default language it offers. */
function checkTexts(c: ConfigTexts, ctx: z.RefinementCtx): void {
  const langs = c.languages.available;
  if (!langs.includes(c.languages.default)) {
    ctx.addIssue({
      code: 'custom',
      path: ['languages', 'default'],
      message: `"${c.languages.default}" is not in languages.available`,
    });
  }
  const missing = (text: LocalizedText, path: (string | number)[]) => {
    for (const lang of langs) {
      if (!text[lang])
        ctx.addIssue({
          code: 'custom',
          path: [...path, lang],
          message: `missing the "${lang}" text`,
        });
    }
  };
  missing(c.branding.welcome, ['branding', 'welcome']);
  for (const { path, text } of localizedTexts(c.survey)) missing(text, ['survey', ...path]);
}

export const KioskConfig = KioskFields.superRefine(checkTexts);

/**
 * The part of a kiosk config the web admin versions and assigns (server/survey-versions/): the
 * languages, the branding and the survey, checked by the same fields and text rule as a whole
 * config, so a version that passes here is one every kiosk it is assigned to accepts.
 */
export const SurveyContent = KioskFields.pick({
  languages: true,
  branding: true,
  survey: true,
}).superRefine(checkTexts);
export type SurveyContent = z.infer<typeof SurveyContent>;
export type KioskConfig = z.infer<typeof KioskConfig>;

/**
 * A kiosk config as the collector serves it (GET /v1/config). The collector URL and token and the
 * admin PIN hash are the kiosk's own and never taken from the wire: a collector (or whoever can
 * attach configs on it) must not be able to set a PIN it knows on every kiosk. A PIN hash from
 * a collector that still serves one is accepted here and ignored.
 */
export const RemoteKioskConfig = KioskFields.omit({ collector: true, adminPinHash: true })
  .extend({ adminPinHash: KioskFields.shape.adminPinHash.optional() })
  .superRefine(checkTexts);
export type RemoteKioskConfig = z.infer<typeof RemoteKioskConfig>;

/** What the renderer may see: no collector token, no PIN hash. */
export const PublicKioskConfig = z.strictObject({
  kioskId: z.string(),
  location: z.string(),
  touchpoint: z.string(),
  languages: KioskConfig.shape.languages,
  idleTimeoutSeconds: z.int(),
  thankYouLockSeconds: z.int(),
  branding: Branding,
  survey: SurveyDefinition,
});
export type PublicKioskConfig = z.infer<typeof PublicKioskConfig>;

export function publicConfig(c: KioskConfig): PublicKioskConfig {
  return {
    kioskId: c.kioskId,
    location: c.location,
    touchpoint: c.touchpoint,
    languages: c.languages,
    idleTimeoutSeconds: c.idleTimeoutSeconds,
    thankYouLockSeconds: c.thankYouLockSeconds,
    branding: c.branding,
    survey: c.survey,
  };
}

export interface FieldProblem {
  field: string;
  reason: string;
}

/** Turns zod issues into "field: reason" lines a person fixing a config file can act on. */
export function describeIssues(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length
      ? issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
          .join('.')
          .replace(/\.\[/g, '[')
      : '(file)',
    reason: issue.message,
  }));
}
