// The read API for BI and CRM tools (/api/v1 on the collector, Bearer token) as both ends see it:
// the collector checks requests and builds replies with these schemas, and serves the OpenAPI
// document generated from them (z.toJSONSchema), so the document cannot drift from the code.
// An answer counts as updated when the collector received it and again when its comment and
// contact were removed (retention, erasure): answers are never edited otherwise (a kiosk sends
// each answer once, complete or partial, after the customer finishes or walks away).
import { z } from 'zod';
import { repeatable } from './report-filter.ts';

const Instant = z.iso.datetime({ offset: true });

export const ApiAnswersQuery = z.strictObject({
  /** Answers updated at or after this instant (ISO 8601); all when left out. */
  updated_since: Instant.optional().meta({
    description:
      'Only answers updated at or after this instant. An answer is updated when received and when its comment and contact are removed (retention, erasure). Pull with the largest updatedAt seen; answers at exactly that instant come again, so keep them by id.',
  }),
  location: repeatable(z.coerce.number().int().positive().max(2_147_483_647))
    .optional()
    .meta({ description: 'Location ids (repeatable); every location of the token when left out.' }),
  cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the page before.' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: 'Answers per page, 1–1000 (default 100).' }),
});

export const ApiAnswer = z.strictObject({
  id: z.string(),
  updatedAt: Instant,
  answeredAt: Instant,
  receivedAt: Instant,
  location: z.strictObject({ id: z.int(), name: z.string(), externalId: z.string().nullable() }),
  touchpoint: z.strictObject({ id: z.int(), name: z.string() }).nullable(),
  surveyVersion: z.string(),
  language: z.string(),
  status: z.enum(['complete', 'partial']),
  smiley: z.int().min(1).max(5),
  nps: z.int().min(0).max(10).nullable(),
  ces: z.int().min(1).max(7).nullable(),
  reasons: z.array(z.string()),
  comment: z.string().nullable(),
  possibleRepeat: z.boolean(),
  /** When comment (and contact) were removed for privacy; null while kept. */
  redactedAt: Instant.nullable(),
});
export type ApiAnswer = z.infer<typeof ApiAnswer>;

export const ApiAnswersPage = z.strictObject({
  answers: z.array(ApiAnswer),
  /** null on the last page: pull again later with updated_since. */
  nextCursor: z.string().nullable(),
});
export type ApiAnswersPage = z.infer<typeof ApiAnswersPage>;

export const ApiLocations = z.strictObject({
  locations: z.array(
    z.strictObject({
      id: z.int(),
      name: z.string(),
      timeZone: z.string(),
      externalId: z.string().nullable(),
      touchpoints: z.array(z.strictObject({ id: z.int(), name: z.string() })),
    }),
  ),
});
export type ApiLocations = z.infer<typeof ApiLocations>;

export const ApiError = z.strictObject({
  error: z.string(),
  message: z.string(),
  problems: z.array(z.unknown()).optional(),
  retryAfterSeconds: z.number().optional(),
});
