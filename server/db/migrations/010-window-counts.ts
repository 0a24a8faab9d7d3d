// Collector schema v10: the alert router's reads no longer grow with the tables.
// answers_window replaces 005's answers_by_kiosk_received (same leading columns) and also holds
// every column the window rule reads, so its count is an index-only range scan instead of a row
// lookup per recent answer. staff_alerts_heads holds only the cards others fold into, so finding
// a kiosk's open card skips the alerts folded into it (in a storm, every one of them).
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { index } = migrationColumns(engine);
  await index(db, 'answers_window', 'answers', [
    'kiosk_id',
    'received_at',
    'finalized_at',
    'possible_repeat',
    'smiley',
  ]);
  await db.schema.dropIndex('answers_by_kiosk_received').execute();
  await db.schema
    .createIndex('staff_alerts_heads')
    .on('staff_alerts')
    .columns(['kiosk_id', 'kind', 'received_at'])
    .where(sql<boolean>`aggregated_into is null and suppressed is null`)
    .execute();
}
