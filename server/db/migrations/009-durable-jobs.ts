// Collector schema v9: what used to wait in one process's memory now waits in the database, so a
// restart or a second instance loses none of it.
// held_notifications: a channel message that quiet hours held back (a new card, an escalation step,
// a summary), released by the escalation tick once the location's quiet hours are over. Ids only
// (and the channel names): the message is built from the alert as it stands when it is sent.
// alert_deliveries.message_id: the id every attempt of one message carries. A job whose instance
// died after recording its attempt runs again elsewhere; finding its attempt recorded, it does
// not send again (the next attempt, if any, was added in that same transaction).
// local_jobs (SQLite only): the embedded collector's job queue (server/jobs/sqlite-queue.ts). On
// PostgreSQL, pg-boss keeps its jobs in a schema of its own and no such table is made.
import type { Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, json, strict, index } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('held_notifications')
      // uuidv7: released oldest first.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_alert_id', 'text', (c) => c.notNull())
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      // A summary's {count, minutes}; null for the others.
      .addColumn('more', json)
      .addColumn('channels', json, (c) => c.notNull())
      .addColumn('held_at', instant, (c) => c.notNull()),
  ).execute();
  await db.schema.alterTable('alert_deliveries').addColumn('message_id', 'text').execute();
  await index(db, 'alert_deliveries_by_message', 'alert_deliveries', ['message_id', 'attempt']);
  if (engine !== 'sqlite') return;
  await strict(
    db.schema
      .createTable('local_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('queue', 'text', (c) => c.notNull())
      .addColumn('data', json, (c) => c.notNull())
      // Milliseconds since the epoch: the queue's own clock, compared as numbers.
      .addColumn('run_after', 'integer', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text'),
  ).execute();
  await index(db, 'local_jobs_due', 'local_jobs', ['run_after']);
}
