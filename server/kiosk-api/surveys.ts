// Every survey the collector has been given, kept for good (migration 011): a config attached to a
// kiosk leaves its survey here, content-addressed, and ingest gives each answer the id of the
// survey its kiosk was given under the version the answer names. So an answer from last year
// still reads its reasons by the labels it was asked with, whatever the kiosk shows today.
import { createHash } from 'node:crypto';
import type { SurveyDefinition } from '../../shared/survey.ts';
import type { CollectorDb, Storage } from '../db/open.ts';

/** Keeps `survey` (once per content) and records that `kioskId` was given it at `now`. */
export async function keepSurvey(
  trx: CollectorDb,
  kioskId: string,
  survey: SurveyDefinition,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const id = await keptSurveyId(trx, survey, now);
  await trx
    .insertInto('kiosk_surveys')
    .values({ kiosk_id: kioskId, survey_id: id, attached_at: at })
    .onConflict((oc) => oc.columns(['kiosk_id', 'survey_id']).doUpdateSet({ attached_at: at }))
    .execute();
}

/** The kept row of `survey`, added if this content is new (web admin versions point at it). */
export async function keptSurveyId(
  trx: CollectorDb,
  survey: SurveyDefinition,
  now: Date,
): Promise<number> {
  const body = JSON.stringify(survey);
  const hash = surveyHash(body);
  await trx
    .insertInto('surveys')
    .values({ hash, version: survey.version, body, first_seen_at: now.toISOString() })
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
  const { id } = await trx
    .selectFrom('surveys')
    .select('id')
    .where('hash', '=', hash)
    .executeTakeFirstOrThrow();
  return id;
}

/** A kept survey's key: SHA-256 of its exact JSON text. */
export function surveyHash(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The kept survey for each version string among `versions`, as given to `kioskId`: when two of
 * its surveys share a version (a survey changed without a new version), the one attached last.
 * A version it was never given (a kiosk on a local config) is missing from the map.
 */
export async function surveysByVersion(
  trx: CollectorDb,
  kioskId: string,
  versions: string[],
): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('kiosk_surveys')
    .innerJoin('surveys', 'surveys.id', 'kiosk_surveys.survey_id')
    .select(['surveys.version', 'surveys.id'])
    .where('kiosk_surveys.kiosk_id', '=', kioskId)
    .where('surveys.version', 'in', versions)
    .orderBy('kiosk_surveys.attached_at')
    .execute();
  return new Map(rows.map((r) => [r.version, r.id]));
}

/** A kept survey's reason ids mapped to their labels in `language`; empty for an unknown id. */
export async function reasonLabelsOf(
  storage: Storage,
  surveyId: number,
  language: string,
): Promise<Map<string, string>> {
  const row = await storage.db
    .selectFrom('surveys')
    .select('body')
    .where('id', '=', surveyId)
    .executeTakeFirst();
  return row ? reasonLabels(JSON.parse(row.body) as SurveyDefinition, language) : new Map();
}

/** A survey's reason ids mapped to their labels in `language` (the id where it has none). */
export function reasonLabels(survey: SurveyDefinition, language: string): Map<string, string> {
  return new Map(
    [...survey.reasons.low, ...survey.reasons.high].map((r) => [r.id, r.label[language] ?? r.id]),
  );
}
