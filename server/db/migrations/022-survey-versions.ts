// Collector schema v22: survey versions made in the web admin, and where each is assigned.
// survey_versions: the languages and branding of a version as JSON text, and its survey by
// reference to the kept, content-addressed `surveys` row (migration 011), so a survey is stored
// once however many versions and kiosks carry it, and answers keep pointing at the same row.
// Who made it (account id, and the name as it was then) and when; never changed or deleted, so
// rolling back is assigning an older one. survey_assignments: one version per location,
// touchpoint or kiosk (`target` is the location or touchpoint id as text, or the kiosk id);
// the most specific applies to a kiosk (server/survey-versions/effective.ts).
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, strict, ascending } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('survey_versions')
      .addColumn('id', 'integer', ascending)
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      // Exact JSON text of the config's `languages` and `branding` (the logo inside, ≤ 256 KiB).
      .addColumn('languages', 'text', (c) => c.notNull())
      .addColumn('branding', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('based_on', 'integer', (c) => c.references('survey_versions.id'))
      .addColumn('created_by', 'text')
      .addColumn('created_by_name', 'text', (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull()),
  ).execute();
  await strict(
    db.schema
      .createTable('survey_assignments')
      .addColumn('scope', 'text', (c) =>
        c.notNull().check(sql`scope in ('location', 'touchpoint', 'kiosk')`),
      )
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('version_id', 'integer', (c) => c.notNull().references('survey_versions.id'))
      .addColumn('assigned_by', 'text')
      .addColumn('assigned_by_name', 'text', (c) => c.notNull())
      .addColumn('assigned_at', instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('survey_assignments_pk', ['scope', 'target']),
  ).execute();
}
