// Collector schema v1. One definition for both engines: only the column types differ (see
// server/db/columns.ts), and SQLite tables are STRICT so that a wrong type fails as it would in
// PostgreSQL instead of being stored quietly.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns, type MigrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const cols = migrationColumns(engine);
  await createKiosks(db, cols);
  await createAnswers(db, cols);
  await createAlerts(db, cols);
  await createKioskConfigs(db, cols);
}

async function createKiosks(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, flag, big, strict, off } = cols;
  await strict(
    db.schema
      .createTable('kiosks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('touchpoint', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', instant, (c) => c.notNull())
      .addColumn('revoked_at', instant)
      .addColumn('highest_contiguous_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_seen_at', instant)
      .addColumn('clock_skew_ms', big)
      .addColumn('clock_flagged', flag, off('clock_flagged'))
      .addColumn('app_version', 'text')
      .addColumn('queue_depth', 'integer')
      .addColumn('oldest_unsent_at', instant)
      .addColumn('last_error', 'text')
      .addColumn('last_heartbeat_at', instant)
      .addColumn('last_heartbeat_device_time', instant),
  ).execute();
}

async function createAnswers(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, flag, json, uuid, strict, required } = cols;
  await strict(
    db.schema
      .createTable('answers')
      .addColumn('id', uuid, (c) => c.primaryKey())
      .addColumn('kiosk_id', 'text', (c) => c.notNull().references('kiosks.id'))
      .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
      .addColumn('survey_version', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('complete', 'partial')`))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('started_at', instant, (c) => c.notNull())
      .addColumn('finalized_at', instant, (c) => c.notNull())
      .addColumn('smiley', 'integer', (c) => c.notNull().check(sql`smiley between 1 and 5`))
      .addColumn('reasons', json, (c) => c.notNull())
      .addColumn('nps', 'integer', (c) => c.check(sql`nps between 0 and 10`))
      .addColumn('ces', 'integer', (c) => c.check(sql`ces between 1 and 7`))
      .addColumn('comment', 'text')
      .addColumn('contact', json)
      .addColumn('talk_now', flag, required('talk_now'))
      .addColumn('possible_repeat', flag, required('possible_repeat'))
      .addColumn('device_sent_at', instant, (c) => c.notNull())
      .addColumn('received_at', instant, (c) => c.notNull())
      // A second answer claiming a held seq is a kiosk bug to report, not a duplicate to hide.
      .addUniqueConstraint('answers_kiosk_seq', ['kiosk_id', 'seq']),
  ).execute();
}

async function createAlerts(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, json, uuid, strict, index } = cols;
  await strict(
    db.schema
      .createTable('alerts')
      .addColumn('id', uuid, (c) => c.primaryKey())
      .addColumn('kiosk_id', 'text', (c) => c.notNull().references('kiosks.id'))
      // No foreign key: alerts travel in the priority lane and usually arrive before their answer.
      .addColumn('answer_id', uuid)
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('low_score', 'talk_now', 'test')`),
      )
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('detail', json, (c) => c.notNull())
      .addColumn('device_sent_at', instant, (c) => c.notNull())
      .addColumn('received_at', instant, (c) => c.notNull()),
  ).execute();
  await index(db, 'alerts_by_kiosk', 'alerts', ['kiosk_id', 'received_at']);
}

async function createKioskConfigs(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, strict } = cols;
  await strict(
    db.schema
      .createTable('kiosk_configs')
      .addColumn('kiosk_id', 'text', (c) => c.primaryKey().references('kiosks.id'))
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull()),
  ).execute();
}
