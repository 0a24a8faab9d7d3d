// Which survey version a kiosk gets: its own assignment, else its touchpoint's, else its
// location's (the most specific wins); none of them, and the kiosk keeps the survey of the config
// it was given. Read inside the transaction that stores a kiosk's config (storeConfig), so every
// way a config is written (set-config, enrolment, an assignment) serves the assigned version.
import type { SurveyContent } from '../../shared/config.ts';
import type { AssignmentScope } from '../../shared/survey-admin-api.ts';
import type { CollectorDb } from '../db/open.ts';

const PRECEDENCE: readonly AssignmentScope[] = ['kiosk', 'touchpoint', 'location'];

/** Where a kiosk stands, as assignment targets (its touchpoint and location ids as text). */
export interface KioskPlace {
  kiosk: string;
  touchpoint: string | null;
  location: string | null;
}

/** The version the most specific of `assignments` gives a kiosk at `place`, or null. */
export function mostSpecific(
  place: KioskPlace,
  assignments: readonly { scope: AssignmentScope; target: string; version_id: number }[],
): number | null {
  for (const scope of PRECEDENCE) {
    const target = place[scope];
    const hit =
      target !== null && assignments.find((a) => a.scope === scope && a.target === target);
    if (hit) return hit.version_id;
  }
  return null;
}

/** The id of the version assigned to `kioskId`, or null when no assignment reaches it. */
export async function assignedVersion(trx: CollectorDb, kioskId: string): Promise<number | null> {
  const row = await trx
    .selectFrom('kiosks')
    .leftJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
    .select(['kiosks.touchpoint_id', 'touchpoints.location_id'])
    .where('kiosks.id', '=', kioskId)
    .executeTakeFirst();
  if (!row) return null;
  const place: KioskPlace = {
    kiosk: kioskId,
    touchpoint: row.touchpoint_id === null ? null : String(row.touchpoint_id),
    location: row.location_id === null ? null : String(row.location_id),
  };
  const assignments = await trx
    .selectFrom('survey_assignments')
    .select(['scope', 'target', 'version_id'])
    .where((eb) =>
      eb.or(
        PRECEDENCE.filter((scope) => place[scope] !== null).map((scope) =>
          eb.and([eb('scope', '=', scope), eb('target', '=', place[scope]!)]),
        ),
      ),
    )
    .execute();
  return mostSpecific(place, assignments);
}

/** A kept version's languages, branding and survey, as a kiosk config carries them. */
export async function versionContent(
  trx: CollectorDb,
  versionId: number,
): Promise<SurveyContent | null> {
  const row = await trx
    .selectFrom('survey_versions')
    .innerJoin('surveys', 'surveys.id', 'survey_versions.survey_id')
    .select(['survey_versions.languages', 'survey_versions.branding', 'surveys.body'])
    .where('survey_versions.id', '=', versionId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    languages: JSON.parse(row.languages) as SurveyContent['languages'],
    branding: JSON.parse(row.branding) as SurveyContent['branding'],
    survey: JSON.parse(row.body) as SurveyContent['survey'],
  };
}

/** The content assigned to `kioskId`, or null (the kiosk's config keeps its own). */
export async function assignedContent(
  trx: CollectorDb,
  kioskId: string,
): Promise<SurveyContent | null> {
  const versionId = await assignedVersion(trx, kioskId);
  return versionId === null ? null : versionContent(trx, versionId);
}
