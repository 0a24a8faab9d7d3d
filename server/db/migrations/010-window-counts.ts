// Collector schema v10: the alert router's reads no longer grow with the tables.
// window_counts: the window rule's rolling counts, per location and minute, one column per smiley
// value. The rule used to count the location's answers received in the last `minutes` on every
// batch, so a kiosk draining thousands of fresh answers made each batch slower than the last;
// routing now adds each batch's answers to their minute and the rule sums at most a day of
// minutes. An answer's minute is that of the earlier of its receive time and its finalized time,
// so it counts exactly while both are inside the window (a kiosk whose clock runs ahead cannot
// keep its answers recent). The index 005 made for the old count, answers_by_kiosk_received, goes:
// nothing else reads it, and every answer insert paid for it. Counting starts with this version:
// the answers of the last minutes before the upgrade are not in a window.
// staff_alerts_heads holds only the cards others fold into, so finding a kiosk's open card skips
// the alerts folded into it (in a storm, every one of them).
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { strict, big } = migrationColumns(engine);
  let table = db.schema
    .createTable('window_counts')
    .addColumn('location', 'text', (c) => c.notNull())
    // Minutes since the epoch.
    .addColumn('minute', big, (c) => c.notNull());
  for (let smiley = 1; smiley <= 5; smiley++)
    table = table.addColumn(`smiley_${smiley}`, 'integer', (c) => c.notNull().defaultTo(0));
  await strict(table.addPrimaryKeyConstraint('window_counts_pk', ['location', 'minute'])).execute();
  await db.schema.dropIndex('answers_by_kiosk_received').execute();
  await db.schema
    .createIndex('staff_alerts_heads')
    .on('staff_alerts')
    .columns(['kiosk_id', 'kind', 'received_at'])
    .where(sql<boolean>`aggregated_into is null and suppressed is null`)
    .execute();
}
