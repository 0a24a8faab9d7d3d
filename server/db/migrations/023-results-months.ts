// Collector schema v23: month rows beside the results rollup's day rows (server/reports/
// month-rows.ts says what they hold and why). results_months: per location, touchpoint (0: none)
// and local month, the month's day rows summed, with hours per weekday and per-day counts as flat
// JSON arrays of counts (read whole, never queried into). results_months_dirty: the (location,
// month) pairs whose day rows changed since their month was summed; rolling days up marks them,
// and this migration marks every month that has day rows, so the first read sums history once
// from the day rows (not from the answers).
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { strict } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('results_months')
      .addColumn('location_id', 'integer', (c) => c.notNull())
      .addColumn('touchpoint_id', 'integer', (c) => c.notNull())
      // Local "YYYY-MM" at the location.
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('answers', 'integer', (c) => c.notNull())
      .addColumn('happy', 'integer', (c) => c.notNull())
      .addColumn('unhappy', 'integer', (c) => c.notNull())
      .addColumn('promoters', 'integer', (c) => c.notNull())
      .addColumn('passives', 'integer', (c) => c.notNull())
      .addColumn('detractors', 'integer', (c) => c.notNull())
      .addColumn('ces_sum', 'integer', (c) => c.notNull())
      .addColumn('ces_n', 'integer', (c) => c.notNull())
      // [answers, happy] × 24 hours × 7 weekdays (Monday first), flat.
      .addColumn('hours', 'text', (c) => c.notNull())
      // [answers, happy, promoters, passives, detractors] × 31 days of the month, flat.
      .addColumn('days', 'text', (c) => c.notNull())
      // {"reason id": [unhappy, happy]}.
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('results_months_pk', ['location_id', 'month', 'touchpoint_id']),
  ).execute();
  await strict(
    db.schema
      .createTable('results_months_dirty')
      .addColumn('location_id', 'integer', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('results_months_dirty_pk', ['location_id', 'month']),
  ).execute();
  await sql`insert into results_months_dirty (location_id, month)
    select distinct location_id, substr(day, 1, 7) from results_days`.execute(db);
}
