// Opens the collector's storage: SQLite (better-sqlite3) by default, PostgreSQL (pg) when a
// DATABASE_URL is given. Both sit behind the same Kysely query layer and are migrated to the
// newest schema before the first request.
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import type { Engine } from './engine.ts';
import { migrations, type CollectorMigration } from './migrations/index.ts';
import type { CollectorTables } from './tables.ts';

export type { Engine } from './engine.ts';
export type CollectorDb = Kysely<CollectorTables>;

export interface Storage {
  db: CollectorDb;
  engine: Engine;
  /** Where the data lives, fit for a log line: a file path, or the URL without its password. */
  location: string;
  /**
   * PostgreSQL only: a connection of its own, outside the pool, for a caller that holds one for
   * as long as it runs (LISTEN); the caller connects and ends it.
   */
  dedicatedClient?: () => pg.Client;
  /** PostgreSQL only: the URL, for a library that opens its own pool (the job queue, pg-boss). */
  connectionString?: string;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** postgres://… selects PostgreSQL; otherwise sqlitePath is used. */
  databaseUrl?: string | undefined;
  sqlitePath?: string | undefined;
  /** Problems that are not tied to a request (a pooled PostgreSQL connection dropping). */
  onBackgroundError?: (error: Error) => void;
}

/** `beforeMigrating` runs on the connected storage first (main.ts claims a SQLite file there). */
export async function openStorage(
  opts: StorageOptions,
  beforeMigrating?: (storage: Storage) => Promise<void>,
): Promise<Storage> {
  const storage = connectStorage(opts);
  try {
    await beforeMigrating?.(storage);
    await migrateToLatest(storage.db, storage.engine);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}

/** The storage as it is, not migrated: the migration tests build each older schema on it. */
export function connectStorage(opts: StorageOptions): Storage {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.onBackgroundError)
    : openSqlite(opts.sqlitePath);
}

function openSqlite(path: string | undefined): Storage {
  if (!path) throw new Error('no storage given: set a SQLite path or a postgres:// URL');
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  // WAL so the CLI can read and write while the server runs; synchronous=FULL because a kiosk
  // deletes nothing but marks items sent on our 2xx, so an acknowledged commit must survive a
  // power cut; busy_timeout so the CLI and the server wait for each other instead of failing.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<CollectorTables>({
    dialect: new SqliteDialect({ database: keepingStatements(database) }),
  });
  return { db, engine: 'sqlite', location: file, close: () => db.destroy() };
}

/** Prepared statements kept per SQL text, most recently used last. */
const STATEMENT_CACHE = 200;

/**
 * better-sqlite3 as Kysely's SQLite driver sees it, with prepared statements kept: Kysely asks
 * for every query to be prepared anew, and preparing a 500-row insert cost half as much again as
 * running it. A statement is only ever run, never iterated, so one can serve every call.
 */
function keepingStatements(database: Database.Database): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(text) {
      let statement = kept.get(text);
      if (statement) kept.delete(text);
      else statement = database.prepare(text);
      kept.set(text, statement);
      if (kept.size > STATEMENT_CACHE) kept.delete(kept.keys().next().value!);
      return statement;
    },
  };
}

function openPostgres(url: string, onBackgroundError?: (error: Error) => void): Storage {
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its server must not crash the process; the next query fails instead
  // and the kiosk retries, so it is only worth a log line.
  pool.on('error', (error) => onBackgroundError?.(error));
  const db = new Kysely<CollectorTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    location: redactUrl(url),
    dedicatedClient: () => new pg.Client({ connectionString: url }),
    connectionString: url,
    close: () => db.destroy(),
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** Any fixed number of ours, so that our advisory lock is told apart from other applications'. */
const MIGRATION_LOCK_CLASS = 0x4c57_0001;

/**
 * Runs the migrations in `list` (by default all of them) that the database has not run yet.
 * On PostgreSQL several instances may start at once (a rolling upgrade, a scaled deployment):
 * each holds a session advisory lock on one connection around the whole run, from creating the
 * bookkeeping tables to the last migration, so they take turns and the later ones find nothing
 * to do. The lock is per schema, so collectors on other schemas of the server do not wait.
 */
export async function migrateToLatest(
  db: Kysely<CollectorTables>,
  engine: Engine,
  list: readonly CollectorMigration[] = migrations,
): Promise<string[]> {
  if (engine === 'sqlite') return runMigrator(db, engine, list);
  return db.connection().execute(async (conn) => {
    const key = sql`${sql.lit(MIGRATION_LOCK_CLASS)}, hashtext(current_schema())`;
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    try {
      return await runMigrator(conn, engine, list);
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

async function runMigrator(
  db: Kysely<CollectorTables>,
  engine: Engine,
  list: readonly CollectorMigration[],
): Promise<string[]> {
  const all: Record<string, Migration> = {};
  for (const m of list) all[m.name] = { up: (trx) => m.up(trx, engine) };
  // Kysely looks for its bookkeeping tables in any schema unless told which one; name the
  // current one, so that a database shared by schemas (search_path) migrates each on its own.
  const schema =
    engine === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => all },
    ...(schema && { migrationTableSchema: schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const what = failed ? `migration ${failed}` : 'migration';
    throw new Error(
      `collector database ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return results.map((r) => r.migrationName);
}

/**
 * Runs fn in one write transaction. PostgreSQL: an ordinary transaction (callers lock the rows
 * they depend on). SQLite: BEGIN IMMEDIATE, which takes the write lock up front, so a CLI
 * writing to the same file makes the server wait (busy_timeout) instead of failing a batch with
 * SQLITE_BUSY when a deferred transaction tries to upgrade its lock.
 * `durable: false` (SQLite) commits without waiting for the disk: only for work whose loss in a
 * power cut is harmless because it can be done again. In WAL mode a power cut loses a suffix of
 * commits, never one from the middle, and the next durable commit makes it safe on disk.
 */
export async function writeTransaction<T>(
  storage: Storage,
  fn: (trx: CollectorDb) => Promise<T>,
  opts: { durable?: boolean } = {},
): Promise<T> {
  if (storage.engine === 'postgres') return storage.db.transaction().execute(fn);
  const relaxed = opts.durable === false;
  return storage.db.connection().execute(async (conn) => {
    if (relaxed) await sql`pragma synchronous = NORMAL`.execute(conn);
    try {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => {});
        throw error;
      }
    } finally {
      if (relaxed) await sql`pragma synchronous = FULL`.execute(conn);
    }
  });
}
