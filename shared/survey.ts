// The survey definition: what the kiosk asks, in which languages, and which answers count as
// "unhappy". It arrives in the kiosk config file (and later from the collector), so it is a
// trust boundary: strict schema, unknown keys rejected, every text present in every language.
import { z } from 'zod';

/** BCP 47-ish language code as used by i18next: "en", "et", "zh-Hans", "ar". */
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as "en" or "zh-Hans"');
export type LanguageCode = z.infer<typeof LanguageCode>;

/** A text given once per language. Completeness is checked against the config's languages. */
export const LocalizedText = z.record(LanguageCode, z.string().min(1).max(500));
export type LocalizedText = z.infer<typeof LocalizedText>;

const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short lower-case id (a-z, 0-9, _ or -)');

export const Reason = z.strictObject({ id: Slug, label: LocalizedText });
export type Reason = z.infer<typeof Reason>;

export const ScaleEnds = z.strictObject({ low: LocalizedText, high: LocalizedText });

export const SurveyDefinition = z
  .strictObject({
    /** Changes whenever the survey changes; stored with every answer. */
    version: z.string().min(1).max(64),
    /**
     * The idle screen: the faces themselves (the first tap is the answer), or a "tap anywhere to
     * start" screen before them.
     */
    attract: z.enum(['faces', 'tapAnywhere']).default('faces'),
    smiley: z.strictObject({
      faces: z.union([z.literal(4), z.literal(5)]),
      prompt: LocalizedText,
      /** One word per face, worst first: a face alone means different things across cultures. */
      labels: z.array(LocalizedText),
    }),
    /** Answers at or below these values are "unhappy" (shared/low-score.ts): low reasons, alert, callback offer. */
    lowScore: z.strictObject({
      smileyAtMost: z.int().min(1).max(4),
      npsAtMost: z.int().min(0).max(10).default(6),
      cesAtMost: z.int().min(1).max(7).default(2),
    }),
    reasons: z.strictObject({
      prompt: LocalizedText,
      low: z.array(Reason).min(1).max(12),
      high: z.array(Reason).min(1).max(12),
    }),
    nps: z.strictObject({ prompt: LocalizedText, ends: ScaleEnds }),
    ces: z.strictObject({ prompt: LocalizedText, ends: ScaleEnds }).optional(),
    comment: z
      .strictObject({ prompt: LocalizedText, maxLength: z.int().min(10).max(1000).default(300) })
      .optional(),
    contact: z
      .strictObject({
        /** Versioned so that each stored consent says which wording the customer agreed to. */
        consentVersion: z.string().min(1).max(64),
        consentText: LocalizedText,
      })
      .optional(),
    thankYou: z.strictObject({ happy: LocalizedText, unhappy: LocalizedText }),
  })
  .superRefine((s, ctx) => {
    if (s.smiley.labels.length !== s.smiley.faces) {
      ctx.addIssue({
        code: 'custom',
        path: ['smiley', 'labels'],
        message: `needs exactly ${s.smiley.faces} labels, one per face`,
      });
    }
    if (s.lowScore.smileyAtMost >= s.smiley.faces) {
      ctx.addIssue({
        code: 'custom',
        path: ['lowScore', 'smileyAtMost'],
        message: 'must be below the number of faces',
      });
    }
    for (const list of ['low', 'high'] as const) {
      const ids = s.reasons[list].map((r) => r.id);
      if (new Set(ids).size !== ids.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['reasons', list],
          message: 'reason ids must be unique',
        });
      }
    }
  });
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

/** Every LocalizedText in the survey, with its path, so completeness can be checked in one place. */
export function localizedTexts(
  survey: SurveyDefinition,
): { path: (string | number)[]; text: LocalizedText }[] {
  const out: { path: (string | number)[]; text: LocalizedText }[] = [];
  const walk = (value: unknown, path: (string | number)[], isText: boolean): void => {
    if (isText) {
      out.push({ path, text: value as LocalizedText });
      return;
    }
    if (Array.isArray(value))
      value.forEach((v, i) => walk(v, [...path, i], path.at(-1) === 'labels'));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        walk(v, [...path, k], TEXT_KEYS.has(k) && !Array.isArray(v));
      }
    }
  };
  walk(survey, [], false);
  return out;
}
const TEXT_KEYS = new Set(['prompt', 'label', 'low', 'high', 'consentText', 'happy', 'unhappy']);
