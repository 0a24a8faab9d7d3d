// Collector schema v17: duty_shifts, who was on duty at which touchpoint and when, so answers can
// be credited to the people who served those customers (server/reports/recognition.ts). A shift
// starts when a member of staff checks in ("I'm at Desk 2") and ends when they check out, check
// in elsewhere, or at `expires_at` (12 h after the start), so a forgotten check-out never credits
// the night to them. One open shift per account: the partial unique index makes a second
// check-in fail instead of leaving two. Answers are matched at read time, so ingest, the hot
// path, does not change.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, strict, index } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('duty_shifts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('touchpoint_id', 'integer', (c) => c.notNull())
      .addColumn('started_at', instant, (c) => c.notNull())
      .addColumn('expires_at', instant, (c) => c.notNull())
      .addColumn('ended_at', instant),
  ).execute();
  await index(db, 'duty_shifts_by_touchpoint', 'duty_shifts', ['touchpoint_id', 'started_at']);
  await sql`create unique index duty_shifts_one_open on duty_shifts (user_id) where ended_at is null`.execute(
    db,
  );
}
