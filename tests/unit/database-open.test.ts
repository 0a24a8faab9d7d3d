import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open.ts';
import { tempDir } from '../support/tmp.ts';

describe('opening the kiosk database', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('uses WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const { db } = openDatabase(join(dir.path, 'a', 'kiosk.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('moves a corrupt database aside with its -wal and -shm and starts a fresh one', () => {
    const path = join(dir.path, 'corrupt.sqlite');
    writeFileSync(path, 'this is not a database'.repeat(500));
    writeFileSync(`${path}-wal`, 'stale wal');
    writeFileSync(`${path}-shm`, 'stale shm');
    const at = new Date('2026-11-23T10:00:00.000Z');
    const { db, movedAside } = openDatabase(path, () => at);
    expect(movedAside).toBe(`${path}.corrupt-2026-11-23T10-00-00-000Z`);
    expect(readFileSync(movedAside!, 'utf8')).toMatch(/^this is not a database/);
    expect(readFileSync(`${movedAside}-wal`, 'utf8')).toBe('stale wal');
    expect(existsSync(`${movedAside}-shm`)).toBe(true);
    // The copy keeps customers' answers: private, like the database it was.
    if (process.platform !== 'win32')
      for (const suffix of ['', '-wal', '-shm'])
        expect(statSync(movedAside + suffix).mode & 0o777).toBe(0o600);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer version of the app', () => {
    const path = join(dir.path, 'future.sqlite');
    const future = new Database(path);
    future.pragma('user_version = 99');
    future.close();
    expect(() => openDatabase(path)).toThrow(/schema v99 is newer/);
  });
});
