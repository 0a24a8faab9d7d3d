// What a customer's answer holds as it moves through the survey. The kiosk host owns ids, seq
// and timestamps; the renderer only sends what the customer tapped.
import { z } from 'zod';
import { LanguageCode } from './survey.ts';

export const AnswerId = z.uuid({ version: 'v7' });

export const Contact = z
  .strictObject({
    consentVersion: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(100),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
      .optional(),
    email: z.email().max(254).optional(),
  })
  .refine((c) => c.phone || c.email, {
    message: 'needs a phone number or an e-mail address',
    path: ['phone'],
  });
export type Contact = z.infer<typeof Contact>;

/** A later step of the survey; each present field replaces the stored one. */
export const AnswerStep = z
  .strictObject({
    smiley: z.int().min(1).max(5),
    reasons: z.array(z.string().min(1).max(40)).max(12),
    nps: z.int().min(0).max(10),
    ces: z.int().min(1).max(7),
    comment: z.string().max(1000),
    contact: Contact,
    language: LanguageCode,
  })
  .partial()
  .refine((s) => Object.keys(s).length > 0, { message: 'a step must change something' });
export type AnswerStep = z.infer<typeof AnswerStep>;

export const FinalStatus = z.enum(['complete', 'partial']);
export type FinalStatus = z.infer<typeof FinalStatus>;
export type AnswerStatus = 'draft' | FinalStatus;

export const AlertKind = z.enum(['low_score', 'talk_now', 'test']);
export type AlertKind = z.infer<typeof AlertKind>;
