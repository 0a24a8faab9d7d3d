// Collector schema v20: the fleet view (server/fleet/). On each kiosk's row, what its newer
// heartbeats add (dead letters, its disk, its start, its last tap) and the status the fleet tick
// last judged, with when it began. History for "when did it go offline" without a row per kiosk
// per minute: kiosk_status_events (one row per change of status) and kiosk_hours (one row per
// kiosk per hour it sent heartbeats, summed as they arrive), both pruned after 30 days.
// touchpoint_usual_taps: how many taps each touchpoint usually gets in each hour of the week (the
// silent-kiosk check). fleet_claims: the daily prune and refresh, claimed once by one instance.
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
  const { instant, big, strict, index, ascending } = migrationColumns(engine);
  const statuses = sql.join(STATUSES.map((s) => sql.lit(s)));
  for (const [column, type] of [
    ['dead_letters', 'integer'],
    ['storage_error', 'text'],
    ['storage_errors', 'integer'],
    ['storage_failing_since', instant],
    ['started_at', instant],
    // JSON text: the collector-clock instants of the restarts seen in the last day (at most 20).
    ['recent_restarts', 'text'],
    ['last_tap_at', instant],
    ['taps_today', 'integer'],
    ['fleet_status', 'text'],
    ['fleet_status_since', instant],
  ] as const)
    await db.schema.alterTable('kiosks').addColumn(column, type).execute();

  await strict(
    db.schema
      .createTable('kiosk_status_events')
      .addColumn('id', big, ascending)
      .addColumn('kiosk_id', 'text', (c) => c.notNull())
      .addColumn('at', instant, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${statuses})`))
      .addColumn('previous', 'text', (c) => c.check(sql`previous in (${statuses})`)),
  ).execute();
  await index(db, 'kiosk_status_events_by_kiosk', 'kiosk_status_events', ['kiosk_id', 'at']);
  await index(db, 'kiosk_status_events_by_at', 'kiosk_status_events', ['at']);

  await strict(
    db.schema
      .createTable('kiosk_hours')
      .addColumn('kiosk_id', 'text', (c) => c.notNull())
      // The UTC hour's start.
      .addColumn('hour', instant, (c) => c.notNull())
      .addColumn('heartbeats', 'integer', (c) => c.notNull())
      .addColumn('restarts', 'integer', (c) => c.notNull())
      .addColumn('max_queue_depth', 'integer', (c) => c.notNull())
      .addColumn('max_abs_skew_ms', big, (c) => c.notNull())
      // Heartbeats that reported a storage error.
      .addColumn('storage_failing', 'integer', (c) => c.notNull())
      // As the hour's latest heartbeat reported them; null from kiosks that do not say.
      .addColumn('dead_letters', 'integer')
      .addColumn('storage_errors', 'integer')
      .addColumn('taps_today', 'integer')
      .addColumn('last_at', instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('kiosk_hours_pk', ['kiosk_id', 'hour']),
  ).execute();
  await index(db, 'kiosk_hours_by_hour', 'kiosk_hours', ['hour']);

  await strict(
    db.schema
      .createTable('touchpoint_usual_taps')
      .addColumn('touchpoint_id', 'integer', (c) => c.primaryKey())
      // JSON text: 168 numbers, the mean taps in each local hour of the week, Monday 00:00 first.
      .addColumn('taps', 'text', (c) => c.notNull())
      .addColumn('computed_at', instant, (c) => c.notNull()),
  ).execute();

  await strict(
    db.schema
      .createTable('fleet_claims')
      .addColumn('task', 'text', (c) => c.notNull())
      // The UTC day the task ran for, "YYYY-MM-DD".
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('claimed_at', instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('fleet_claims_pk', ['task', 'day']),
  ).execute();
}
