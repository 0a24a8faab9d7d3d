// Collector schema v12: kiosk app updates, fed to electron-updater's generic provider
// (server/updates/). A release is one app version published on a channel, with the manifests
// electron-builder wrote for it (latest-linux.yml, latest.yml, …) and the names of its files; the
// files themselves live in the updates folder. `percent` is its staged rollout; a withdrawn
// release is never offered again. update_assignments puts a kiosk or a whole location on a
// channel (beta) or pins it to one version; the kiosk's own row wins over its location's.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, json, strict } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('releases')
      .addColumn('version', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      // {"latest-linux.yml": "<text>", …}: served as written, byte for byte (they carry sha512s).
      .addColumn('manifests', json, (c) => c.notNull())
      // ["Lastword-1.2.0.AppImage", …]: what kiosks may download for this version.
      .addColumn('files', json, (c) => c.notNull())
      .addColumn('percent', 'integer', (c) => c.notNull())
      .addColumn('published_at', instant, (c) => c.notNull())
      .addColumn('withdrawn_at', instant)
      .addCheckConstraint('releases_percent', sql`percent between 0 and 100`)
      .addCheckConstraint('releases_channel', sql`channel in ('stable', 'beta')`),
  ).execute();
  await strict(
    db.schema
      .createTable('update_assignments')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('channel', 'text')
      .addColumn('version', 'text')
      .addColumn('updated_at', instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('update_assignments_key', ['scope', 'target'])
      .addCheckConstraint('update_assignments_scope', sql`scope in ('kiosk', 'location')`)
      .addCheckConstraint(
        'update_assignments_what',
        // Spelled out: `null in (…)` is null, which a check lets through.
        sql`case when channel is null then version is not null else channel in ('stable', 'beta') end`,
      ),
  ).execute();
}
