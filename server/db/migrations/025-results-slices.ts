// Collector schema v25: the results rollup in slices (server/reports/slices.ts says why).
// results_slice_days and results_slice_months hold the rows of results_days and results_months
// once more per answer language, status (complete/partial) and `repeats` (1: the answers the kiosk
// flagged as possible repeats, which the default rows leave out), so a view filtered by any of
// them is summed from rows, not read from a year of answers. Every held answer's day is marked,
// so the first read rolls history up again from the answers (the slices cannot be summed from
// the default rows: those have lost each answer's language and status).
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

const COUNTS = [
  'answers',
  'happy',
  'unhappy',
  'promoters',
  'passives',
  'detractors',
  'ces_sum',
  'ces_n',
] as const;

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { strict } = migrationColumns(engine);
  for (const [table, period] of [
    ['results_slice_days', 'day'],
    ['results_slice_months', 'month'],
  ] as const) {
    let t: CreateTableBuilder<string, string> = db.schema
      .createTable(table)
      .addColumn('location_id', 'integer', (c) => c.notNull())
      .addColumn('touchpoint_id', 'integer', (c) => c.notNull())
      // Local "YYYY-MM-DD" (with its ISO weekday) or "YYYY-MM" at the location.
      .addColumn(period, 'text', (c) => c.notNull());
    if (period === 'day') t = t.addColumn('weekday', 'integer', (c) => c.notNull());
    t = t
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('repeats', 'integer', (c) => c.notNull().check(sql`repeats in (0, 1)`));
    for (const count of COUNTS) t = t.addColumn(count, 'integer', (c) => c.notNull());
    // As in results_days (013) and results_months (023): JSON text, read whole.
    t = t.addColumn('hours', 'text', (c) => c.notNull());
    if (period === 'month') t = t.addColumn('days', 'text', (c) => c.notNull());
    t = t
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, [
        'location_id',
        period,
        'touchpoint_id',
        'language',
        'status',
        'repeats',
      ]);
    await strict(t).execute();
  }
  const utcDay =
    engine === 'postgres'
      ? sql`to_char(finalized_at at time zone 'UTC', 'YYYY-MM-DD')`
      : sql`substr(finalized_at, 1, 10)`;
  await sql`insert into results_dirty (location_id, utc_day)
    select distinct location_id, ${utcDay} from answers where location_id is not null
    on conflict do nothing`.execute(db);
}
