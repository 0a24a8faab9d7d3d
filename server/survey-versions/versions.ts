// Survey versions (migration 022): made by an admin from a checked SurveyContent, kept for good
// with author and time. The survey part is kept once per content in `surveys` (the table answers
// point at), so a version that only changes branding or languages shares its survey row. A
// survey version string names one survey: a different survey under a version string already
// seen is refused, or its answers would be read against the wrong reasons.
import type { SurveyContent } from '../../shared/config.ts';
import type { SurveyVersionSummary } from '../../shared/survey-admin-api.ts';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import { keptSurveyId, surveyHash } from '../kiosk-api/surveys.ts';
import { recordAudit, type AuditActor } from '../staff/audit.ts';
import { versionContent } from './effective.ts';

/** A refusal that names the field of the content it is about. */
export class SurveyVersionError extends Error {
  readonly field: string;
  readonly status: number;
  constructor(status: number, field: string, message: string) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

export async function createVersion(
  storage: Storage,
  input: { content: SurveyContent; note?: string | undefined; basedOn?: number | undefined },
  by: AuditActor,
  now: Date,
): Promise<{ version: SurveyVersionSummary; content: SurveyContent }> {
  const { content } = input;
  const id = await writeTransaction(storage, async (trx) => {
    const body = JSON.stringify(content.survey);
    const clash = await trx
      .selectFrom('surveys')
      .select('id')
      .where('version', '=', content.survey.version)
      .where('hash', '!=', surveyHash(body))
      .executeTakeFirst();
    if (clash)
      throw new SurveyVersionError(
        409,
        'content.survey.version',
        `"${content.survey.version}" already names a different survey: give the changed survey a new version`,
      );
    if (input.basedOn !== undefined && !(await exists(trx, input.basedOn)))
      throw new SurveyVersionError(404, 'basedOn', `no survey version ${input.basedOn}`);
    const surveyId = await keptSurveyId(trx, content.survey, now);
    const row = await trx
      .insertInto('survey_versions')
      .values({
        survey_id: surveyId,
        languages: JSON.stringify(content.languages),
        branding: JSON.stringify(content.branding),
        note: input.note || null,
        based_on: input.basedOn ?? null,
        created_by: by.id,
        created_by_name: by.name,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      by,
      {
        action: 'survey.create',
        target: `#${row.id} (${content.survey.version})`,
        details: {
          languages: content.languages.available,
          ...(input.basedOn && { basedOn: input.basedOn }),
        },
      },
      now,
    );
    return row.id;
  });
  return (await getVersion(storage, id))!;
}

async function exists(trx: CollectorDb, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('survey_versions')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

function summaryQuery(db: CollectorDb) {
  return db
    .selectFrom('survey_versions')
    .innerJoin('surveys', 'surveys.id', 'survey_versions.survey_id')
    .select([
      'survey_versions.id',
      'surveys.version',
      'survey_versions.note',
      'survey_versions.created_by_name',
      'survey_versions.created_at',
      'survey_versions.based_on',
      'survey_versions.languages',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function summary(row: SummaryRow): SurveyVersionSummary {
  return {
    id: Number(row.id),
    surveyVersion: row.version,
    note: row.note,
    author: row.created_by_name,
    createdAt: toIso(row.created_at)!,
    basedOn: row.based_on,
    languages: (JSON.parse(row.languages) as SurveyContent['languages']).available,
  };
}

/** Every version, newest first. */
export async function listVersions(storage: Storage): Promise<SurveyVersionSummary[]> {
  const rows = await summaryQuery(storage.db).orderBy('survey_versions.id', 'desc').execute();
  return rows.map(summary);
}

export async function getVersion(
  storage: Storage,
  id: number,
): Promise<{ version: SurveyVersionSummary; content: SurveyContent } | null> {
  const row = await summaryQuery(storage.db)
    .where('survey_versions.id', '=', id)
    .executeTakeFirst();
  const content = row && (await versionContent(storage.db, id));
  return row && content ? { version: summary(row), content } : null;
}
