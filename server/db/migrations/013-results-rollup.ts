// Collector schema v13: the results page's rollup (server/reports/rollup.ts says how it is kept).
// results_days: per location, touchpoint (0: none) and local day, the counts every tile, trend,
// ranking and heat map is summed from, answers flagged as possible repeats left out: hourly
// counts and reason counts as JSON text (read whole, never queried into). results_dirty: the
// (location, UTC day) pairs whose answers changed since their days were rolled up, marked in the
// ingest transaction (one insert that usually hits an existing row) and rolled up on the next
// read. Every answer held now is marked, so the first read rolls history up once.
// answers_by_place: (location_id, finalized_at), what rolling a day up and the unrolled path
// (a filter by language or status) read answers by.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { strict, index } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('results_days')
      .addColumn('location_id', 'integer', (c) => c.notNull())
      .addColumn('touchpoint_id', 'integer', (c) => c.notNull())
      // Local "YYYY-MM-DD" at the location, and its ISO weekday (1 Monday … 7 Sunday).
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('weekday', 'integer', (c) => c.notNull())
      .addColumn('answers', 'integer', (c) => c.notNull())
      .addColumn('happy', 'integer', (c) => c.notNull())
      .addColumn('unhappy', 'integer', (c) => c.notNull())
      .addColumn('promoters', 'integer', (c) => c.notNull())
      .addColumn('passives', 'integer', (c) => c.notNull())
      .addColumn('detractors', 'integer', (c) => c.notNull())
      .addColumn('ces_sum', 'integer', (c) => c.notNull())
      .addColumn('ces_n', 'integer', (c) => c.notNull())
      // [[answers, happy] × 24 local hours] and {"reason id": [unhappy, happy]}.
      .addColumn('hours', 'text', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('results_days_pk', ['location_id', 'day', 'touchpoint_id']),
  ).execute();
  await strict(
    db.schema
      .createTable('results_dirty')
      .addColumn('location_id', 'integer', (c) => c.notNull())
      // The UTC "YYYY-MM-DD" of finalized_at.
      .addColumn('utc_day', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('results_dirty_pk', ['location_id', 'utc_day']),
  ).execute();
  await index(db, 'answers_by_place', 'answers', ['location_id', 'finalized_at']);
  const utcDay =
    engine === 'postgres'
      ? sql`to_char(finalized_at at time zone 'UTC', 'YYYY-MM-DD')`
      : sql`substr(finalized_at, 1, 10)`;
  await sql`insert into results_dirty (location_id, utc_day)
    select distinct location_id, ${utcDay} from answers where location_id is not null`.execute(db);
}
