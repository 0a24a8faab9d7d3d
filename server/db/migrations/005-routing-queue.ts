// Collector schema v5: alert routing as a durable queue, and the indexes its rules read.
// routing_jobs: every ingest transaction that stores items also records "route these", so an
// answer is never stored without its low score being judged, even if the process dies right
// after the commit (before, only kiosk alerts of the last hour were recovered at start). The job
// holds item ids only: customer text keeps one copy, in answers.
// The window rule counts a location's answers received in the last minutes and scanned the whole
// answers table to do it, so ingest slowed as the table grew; it now reads an index range per
// kiosk. The window alert already raised for a location is found the same way.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, json, strict, index } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('routing_jobs')
      // uuidv7: taken oldest first.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kiosk_id', 'text', (c) => c.notNull().references('kiosks.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('answers', 'alerts')`))
      .addColumn('item_ids', json, (c) => c.notNull())
      .addColumn('received_at', instant, (c) => c.notNull())
      // A job that failed on its own is retried a few times, then left here for an operator.
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text'),
  ).execute();
  await index(db, 'answers_by_kiosk_received', 'answers', ['kiosk_id', 'received_at']);
  await index(db, 'staff_alerts_by_location', 'staff_alerts', ['location', 'kind', 'received_at']);
}
