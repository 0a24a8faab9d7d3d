// Opens the kiosk database durably: WAL so readers never block the writer, synchronous=FULL so
// an acknowledged tap survives power loss, and a quick_check at start so a corrupt file is
// noticed before the first customer, moved aside (with its -wal/-shm) and replaced.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makePrivateDir, makePrivateFile, tightenFile } from '../private-files.ts';
import { migrate } from './migrate.ts';

export interface OpenedDatabase {
  db: Database.Database;
  /** Where a corrupt file was moved, if it was. */
  movedAside: string | null;
}

/** The pragmas every connection to the kiosk database uses (the sync engine opens its own). */
export function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * True when the file at path is absent or passes quick_check. The check runs on a read-only
 * connection: a read-write one may reset a stale -wal on close, destroying the evidence that
 * the moved-aside copy is kept for.
 */
function healthy(path: string): boolean {
  if (!existsSync(path)) return true;
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch (error) {
    if (isCorruption(error)) return false;
    throw error;
  } finally {
    db?.close();
  }
}

export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return (
    code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_')
  );
}

const CORRUPT = '.corrupt-';

/** Where a corrupt database at path is moved at `at`: the time stays readable in the name. */
function movedAsidePath(path: string, at: Date): string {
  return `${path}${CORRUPT}${at.toISOString().replace(/[:.]/g, '-')}`;
}

/** The moved-aside copies of the database at path (with their -wal and -shm), and when each was moved. */
export function movedAsideCopies(path: string): { file: string; movedAt: number }[] {
  const prefix = `${basename(path)}${CORRUPT}`;
  const stamp = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z(-wal|-shm)?$/;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const m = name.startsWith(prefix) ? stamp.exec(name.slice(prefix.length)) : null;
    if (!m) return [];
    const movedAt = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
    return [{ file: join(dirname(path), name), movedAt }];
  });
}

export function openDatabase(path: string, now: () => Date = () => new Date()): OpenedDatabase {
  makePrivateDir(dirname(path));
  let movedAside: string | null = null;
  if (!healthy(path)) {
    movedAside = movedAsidePath(path, now());
    for (const suffix of ['', '-wal', '-shm']) {
      if (!existsSync(path + suffix)) continue;
      renameSync(path + suffix, movedAside + suffix);
      tightenFile(movedAside + suffix);
    }
  }
  // SQLite gives the -wal and -shm it creates the database file's mode: 0600 from the start.
  makePrivateFile(path);
  for (const suffix of ['-wal', '-shm']) tightenFile(path + suffix);
  const db = new Database(path);
  configure(db);
  migrate(db);
  return { db, movedAside };
}
