import type { Database } from 'better-sqlite3';
import { migrations, type Migration } from './migrations/index.ts';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the newest schema, each version in its own transaction, so a crash
 * mid-upgrade leaves the last complete version. A database from a newer app is refused rather
 * than written to by code that does not know its schema.
 */
export function migrate(db: Database, list: readonly Migration[] = migrations): number {
  const latest = list.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new Error(
      `database schema v${current} is newer than this app understands (v${latest}); update the app`,
    );
  }
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
