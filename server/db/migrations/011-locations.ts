// Collector schema v11: places and surveys become records that reports can trust.
// locations: a name (the key alert routing and staff accounts already use), an IANA time zone that
// reports bucket in, opening hours per weekday (null: not set, read as open around the clock) and
// closed dates, and an external id for a CRM or BI tool. touchpoints belong to a location, and a
// kiosk to a touchpoint: kiosks.location and kiosks.touchpoint (free text) go. Each distinct text
// pair becomes a touchpoint of a location of that name (and each routed location a location), in
// UTC until an admin sets the zone (`set-location`).
// surveys: every survey the collector has been given, content-addressed (hash of its exact JSON
// text), and kiosk_surveys: which kiosk was given which, when. Kept for good, so an answer from
// last year still reads its reasons by the labels it was asked with.
// answers.location_id, touchpoint_id and survey_id: where and with what each answer was asked,
// fixed at ingest, so moving or replacing a kiosk never rewrites history. Answers stored before
// take their kiosk's place now, and the survey its config carries when the versions match (null
// otherwise: a kiosk on a local config). No foreign keys on these three: the ids come from the
// kiosk's locked row in the same transaction, nothing here is ever deleted, and on PostgreSQL a
// key check is a trigger per inserted answer on the ingest path.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns, type MigrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const cols = migrationColumns(engine);
  await createPlaces(db, cols);
  await placeKiosks(db, cols);
  await createSurveys(db, cols);
  await keepAttachedSurveys(db);
  await snapshotAnswers(db);
}

async function createPlaces(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, json, strict, ascending } = cols;
  await strict(
    db.schema
      .createTable('locations')
      .addColumn('id', 'integer', ascending)
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      // {"mon": [["08:00", "20:00"]], …}: a weekday left out is closed.
      .addColumn('hours', json)
      // ["2026-12-25", …], local dates.
      .addColumn('closed_days', json, (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.unique())
      .addColumn('created_at', instant, (c) => c.notNull()),
  ).execute();
  await strict(
    db.schema
      .createTable('touchpoints')
      .addColumn('id', 'integer', ascending)
      .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .addUniqueConstraint('touchpoints_location_name', ['location_id', 'name']),
  ).execute();
}

async function placeKiosks(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  await sql`insert into locations (name, time_zone, closed_days, created_at)
    select name, 'UTC', cast('[]' as ${sql.raw(cols.json)}), min(at) from (
      select location as name, enrolled_at as at from kiosks
      union all select location, updated_at from alert_routing
    ) as known group by name order by min(at), name`.execute(db);
  await sql`insert into touchpoints (location_id, name, created_at)
    select l.id, k.touchpoint, min(k.enrolled_at) from kiosks k
    join locations l on l.name = k.location
    group by l.id, k.touchpoint order by min(k.enrolled_at), l.id, k.touchpoint`.execute(db);
  await db.schema
    .alterTable('kiosks')
    .addColumn('touchpoint_id', 'integer', (c) => c.references('touchpoints.id'))
    .execute();
  await sql`update kiosks set touchpoint_id = (select t.id from touchpoints t
    join locations l on l.id = t.location_id
    where l.name = kiosks.location and t.name = kiosks.touchpoint)`.execute(db);
  await db.schema.alterTable('kiosks').dropColumn('location').execute();
  await db.schema.alterTable('kiosks').dropColumn('touchpoint').execute();
}

async function createSurveys(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, strict, ascending } = cols;
  await strict(
    db.schema
      .createTable('surveys')
      .addColumn('id', 'integer', ascending)
      // SHA-256 of body, hex: the same survey given twice is one row.
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      // The survey's own version string, as answers carry it.
      .addColumn('version', 'text', (c) => c.notNull())
      // Exact JSON text, kept as text so that the hash stays stable (jsonb reorders keys).
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('first_seen_at', instant, (c) => c.notNull()),
  ).execute();
  await strict(
    db.schema
      .createTable('kiosk_surveys')
      .addColumn('kiosk_id', 'text', (c) => c.notNull().references('kiosks.id'))
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      // The last time it was attached: the newest wins when two share a version string.
      .addColumn('attached_at', instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('kiosk_surveys_pk', ['kiosk_id', 'survey_id']),
  ).execute();
}

/** The survey in each attached config becomes the first kept survey (bodies are JSON text). */
async function keepAttachedSurveys(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ kiosk_id: string; body: string; updated_at: string | Date }>`
    select kiosk_id, body, updated_at from kiosk_configs order by updated_at, kiosk_id`.execute(db);
  for (const row of rows) {
    const survey = (JSON.parse(row.body) as { survey?: { version?: unknown } }).survey;
    if (typeof survey?.version !== 'string') continue;
    const body = JSON.stringify(survey);
    const hash = createHash('sha256').update(body).digest('hex');
    const at = row.updated_at instanceof Date ? row.updated_at.toISOString() : row.updated_at;
    await sql`insert into surveys (hash, version, body, first_seen_at)
      values (${hash}, ${survey.version}, ${body}, ${at}) on conflict (hash) do nothing`.execute(
      db,
    );
    await sql`insert into kiosk_surveys (kiosk_id, survey_id, attached_at)
      values (${row.kiosk_id}, (select id from surveys where hash = ${hash}), ${at})`.execute(db);
  }
}

async function snapshotAnswers(db: Kysely<unknown>): Promise<void> {
  for (const column of ['location_id', 'touchpoint_id', 'survey_id'])
    await db.schema.alterTable('answers').addColumn(column, 'integer').execute();
  await sql`update answers set
    touchpoint_id = (select k.touchpoint_id from kiosks k where k.id = answers.kiosk_id),
    location_id = (select t.location_id from kiosks k join touchpoints t on t.id = k.touchpoint_id
      where k.id = answers.kiosk_id),
    survey_id = (select ks.survey_id from kiosk_surveys ks join surveys s on s.id = ks.survey_id
      where ks.kiosk_id = answers.kiosk_id and s.version = answers.survey_version
      order by ks.attached_at desc limit 1)`.execute(db);
}
