// Collector schema v24: IT alerts about kiosks (server/fleet/it-alerts.ts). On each kiosk's row,
// the status IT was last told about and when (it_alert_status, it_alerted_at): the fleet tick
// tells IT when a kiosk's status differs from it while its location is open, claiming the change
// with a conditional update, so several instances tell it once and a change made while the store
// is closed is told at opening. it_alert_deliveries is the delivery log of those messages, as
// alert_deliveries is of staff alerts'. it_default_routing holds the IT routing of locations
// whose own routing has no `it` section (one row).
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

// Written out here, not imported: a migration must build the same schema forever.
const STATUSES = [
  'ok',
  'offline',
  'silent',
  'storage_failing',
  'crash_looping',
  'clock_off',
] as const;

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, strict, index } = migrationColumns(engine);
  const statuses = sql.join(STATUSES.map((s) => sql.lit(s)));
  await db.schema
    .alterTable('kiosks')
    .addColumn('it_alert_status', 'text', (c) => c.check(sql`it_alert_status in (${statuses})`))
    .execute();
  await db.schema.alterTable('kiosks').addColumn('it_alerted_at', instant).execute();
  await strict(
    db.schema
      .createTable('it_alert_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kiosk_id', 'text', (c) => c.notNull().references('kiosks.id'))
      // The status the message told of (ok: recovered).
      .addColumn('kiosk_status', 'text', (c) =>
        c.notNull().check(sql`kiosk_status in (${statuses})`),
      )
      // The channel's name in the routing and its kind; never the URL (it can hold a token).
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('channel_kind', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) =>
        c.notNull().check(sql`reason in ('alert', 'recovered', 'reminder')`),
      )
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('delivered', 'retrying', 'failed', 'refused')`),
      )
      .addColumn('http_status', 'integer')
      .addColumn('error', 'text')
      .addColumn('at', instant, (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull()),
  ).execute();
  await index(db, 'it_alert_deliveries_by_kiosk', 'it_alert_deliveries', ['kiosk_id', 'at']);
  await index(db, 'it_alert_deliveries_by_message', 'it_alert_deliveries', [
    'message_id',
    'attempt',
  ]);
  await strict(
    db.schema
      .createTable('it_default_routing')
      .addColumn('scope', 'text', (c) => c.primaryKey().check(sql`scope = 'default'`))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull()),
  ).execute();
}
