// Collector schema v21: remote actions on one kiosk (server/kiosk-api/commands.ts). An admin's
// order is a kiosk_commands row, delivered in the kiosk's heartbeat replies until the kiosk
// reports its result or the order expires; the row keeps when it was ordered, sent and finished,
// what the kiosk said and, for a log fetch, the lines it sent (filtered on the kiosk: codes and
// ids, never customer text). A token rotation keeps the old token's hash until the kiosk proves
// it holds the new one (next_token_hash), then for a short grace (old_token_hash, _until) so a
// request already in flight is not refused. A replacement device enrols with a code that names
// the kiosk it replaces (enrolment_codes.replaces_kiosk).
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, json, big, ascending, strict, index } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('kiosk_commands')
      .addColumn('id', big, ascending)
      .addColumn('kiosk_id', 'text', (c) => c.notNull().references('kiosks.id'))
      .addColumn('kind', 'text', (c) =>
        c
          .notNull()
          .check(sql`kind in ('reload', 'resend_dead_letters', 'rotate_token', 'fetch_logs')`),
      )
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('pending', 'sent', 'done', 'failed')`),
      )
      // How many log lines a fetch asks for; null for the other kinds.
      .addColumn('lines', 'integer')
      .addColumn('ordered_by', 'text', (c) => c.notNull())
      .addColumn('ordered_at', instant, (c) => c.notNull())
      .addColumn('expires_at', instant, (c) => c.notNull())
      .addColumn('sent_at', instant)
      .addColumn('finished_at', instant)
      .addColumn('message', 'text')
      .addColumn('log_lines', json),
  ).execute();
  // The heartbeat's look-up of what is open for one kiosk, and the kiosk page's history.
  await index(db, 'kiosk_commands_by_kiosk', 'kiosk_commands', ['kiosk_id', 'status', 'id']);
  await db.schema.alterTable('kiosks').addColumn('next_token_hash', 'text').execute();
  await db.schema.alterTable('kiosks').addColumn('old_token_hash', 'text').execute();
  await db.schema.alterTable('kiosks').addColumn('old_token_until', instant).execute();
  // Every request looks a token up by any of the three hashes.
  await index(db, 'kiosks_next_token', 'kiosks', ['next_token_hash']);
  await index(db, 'kiosks_old_token', 'kiosks', ['old_token_hash']);
  await db.schema.alterTable('enrolment_codes').addColumn('replaces_kiosk', 'text').execute();
}
