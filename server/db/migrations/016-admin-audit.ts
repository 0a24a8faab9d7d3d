// Collector schema v16: admin_audit, what admins did to accounts (and, as features join it, to
// kiosks and exports), for admins to read in the web admin. Each row is written in the
// transaction of the change it records, so the log never claims a change that was rolled back
// nor misses one that committed. `actor_id` is null for the command line, which has no account;
// `actor` keeps the name as it was, so a later rename or deletion does not rewrite history.
// `details` holds what changed (role, locations, disabled; never a password, a token or a
// customer's text). Numbered ids give a stable order to page through.
import type { Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, big, json, strict, ascending } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('admin_audit')
      .addColumn('id', big, ascending)
      .addColumn('at', instant, (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('details', json, (c) => c.notNull())
      .addColumn('address', 'text'),
  ).execute();
}
