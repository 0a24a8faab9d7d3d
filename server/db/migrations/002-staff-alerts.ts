// Collector schema v2: staff alerts (what staff see and act on), their channel deliveries, and
// each location's alert routing. A staff alert is ours, not the kiosk's: window alerts have no
// kiosk alert behind them, and a kiosk alert the rules drop never becomes one.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns, type MigrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const cols = migrationColumns(engine);
  await createStaffAlerts(db, cols);
  await createAlertDeliveries(db, cols);
  await createAlertRouting(db, cols);
}

async function createStaffAlerts(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, flag, strict, off, index } = cols;
  await strict(
    db.schema
      .createTable('staff_alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // The kiosk alert behind it; unique so that routing the same kiosk alert twice is a no-op.
      .addColumn('source_alert_id', 'text', (c) => c.unique())
      .addColumn('kiosk_id', 'text', (c) => c.notNull().references('kiosks.id'))
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('touchpoint', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('low_score', 'talk_now', 'test', 'window')`),
      )
      .addColumn('priority', 'text', (c) =>
        c.notNull().check(sql`priority in ('urgent', 'high', 'normal')`),
      )
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('received_at', instant, (c) => c.notNull())
      .addColumn('late', flag, off('late'))
      // No foreign key: the answer usually arrives after its alert.
      .addColumn('answer_id', 'text')
      .addColumn('smiley', 'integer')
      .addColumn('nps', 'integer')
      .addColumn('ces', 'integer')
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status in ('open', 'acknowledged', 'resolved')`),
      )
      .addColumn('acknowledged_by', 'text')
      .addColumn('acknowledged_at', instant)
      .addColumn('resolved_by', 'text')
      .addColumn('resolved_at', instant)
      .addColumn('outcome', 'text', (c) =>
        c.check(sql`outcome in ('recovered', 'not_reachable', 'other')`),
      )
      .addColumn('note', 'text')
      // Seconds, kept per alert so reports need no date arithmetic that differs per engine.
      .addColumn('ack_seconds', 'integer')
      .addColumn('resolve_seconds', 'integer')
      // Aggregation: followers point at their head; the head counts them and remembers how many
      // the last summary message already reported.
      .addColumn('aggregated_into', 'text')
      .addColumn('aggregate_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('summarized_count', 'integer', (c) => c.notNull().defaultTo(0))
      // Why no channel was told: quiet_hours, repeat, aggregated; null when channels were told.
      .addColumn('suppressed', 'text')
      // Escalation steps already taken.
      .addColumn('escalation_step', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await index(db, 'staff_alerts_by_status', 'staff_alerts', ['status', 'received_at']);
  await index(db, 'staff_alerts_by_kiosk', 'staff_alerts', ['kiosk_id', 'received_at']);
  await index(db, 'staff_alerts_by_answer', 'staff_alerts', ['answer_id']);
}

async function createAlertDeliveries(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, strict, index } = cols;
  await strict(
    db.schema
      .createTable('alert_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_alert_id', 'text', (c) => c.notNull().references('staff_alerts.id'))
      // The channel's name in the routing config and its kind; never the URL (it can hold a token).
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('channel_kind', 'text', (c) => c.notNull())
      // initial, escalation-<n>, summary
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('delivered', 'retrying', 'failed', 'refused')`),
      )
      .addColumn('http_status', 'integer')
      .addColumn('error', 'text')
      .addColumn('at', instant, (c) => c.notNull()),
  ).execute();
  await index(db, 'alert_deliveries_by_alert', 'alert_deliveries', ['staff_alert_id', 'at']);
}

async function createAlertRouting(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, strict } = cols;
  await strict(
    db.schema
      .createTable('alert_routing')
      .addColumn('location', 'text', (c) => c.primaryKey())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull()),
  ).execute();
}
