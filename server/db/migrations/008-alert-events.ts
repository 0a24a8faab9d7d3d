// Collector schema v8: alert_events, the numbered list of what the staff screens were told (a new
// card, a changed one). Several collector instances share one database, and a screen connected
// to one must see what routing or a colleague did on another, and resume by event id on whichever
// instance its reconnect lands. So the event id is this table's key, the same everywhere, and each
// event is written in the transaction of the change it announces: none for a rolled-back change,
// none missing for a committed one. Each instance reads the rows after the last one it saw
// (server/alerts/feed.ts). Old rows are pruned; the newest is always kept (see alert-events.ts).
// No foreign key to staff_alerts: an event outliving its alert is skipped by the reader.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, big, strict, ascending } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('alert_events')
      .addColumn('id', big, ascending)
      .addColumn('alert_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('alert', 'update')`))
      .addColumn('at', instant, (c) => c.notNull()),
  ).execute();
}
