// Collector schema v6: personal data can be removed while the scores stay (the retention period,
// and erasure on request: server/privacy/). answers.redacted_at and staff_alerts.redacted_at say
// when the comment and contact, or the staff note, were removed, so a reader can tell "removed"
// from "never given". alert_deliveries.personal_data says whether a message carried comment or
// contact to an outside channel, so an erasure can name the recipients to ask as well; it is null
// on rows written before, when nobody recorded it. Two partial indexes hold only the rows that
// still carry text, so the retention pass finds its next batch without reading the whole table.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, flag, unknownFlag } = migrationColumns(engine);
  await db.schema.alterTable('answers').addColumn('redacted_at', instant).execute();
  await db.schema.alterTable('staff_alerts').addColumn('redacted_at', instant).execute();
  await db.schema
    .alterTable('alert_deliveries')
    .addColumn('personal_data', flag, unknownFlag('personal_data'))
    .execute();
  await db.schema
    .createIndex('answers_with_text_by_received')
    .on('answers')
    .column('received_at')
    .where(sql<boolean>`comment is not null or contact is not null`)
    .execute();
  await db.schema
    .createIndex('staff_alerts_with_note_by_received')
    .on('staff_alerts')
    .column('received_at')
    .where(sql<boolean>`note is not null`)
    .execute();
}
