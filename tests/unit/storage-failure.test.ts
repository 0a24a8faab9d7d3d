import Database from 'better-sqlite3';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DurableWriter } from '../../electron/core/durable-writer.ts';
import { createKioskHost } from '../../electron/core/host.ts';
import type { BridgeResult } from '../../shared/result.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
afterAll(() => dir.remove());

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('when the disk fails', () => {
  it('keeps serving customers, holds their taps in memory and writes them once the disk is back', async () => {
    // The data folder's place is taken by a file: the database cannot even be created.
    const blocked = join(dir.path, 'data');
    writeFileSync(blocked, 'not a folder');
    const databasePath = join(blocked, 'kiosk.sqlite');
    const host = createKioskHost({
      configPath: writeConfig(dir.path, smallConfig()),
      databasePath,
      appVersion: 'test',
      storageRetryMs: 50,
      actions: { reload: () => {}, exit: () => {} },
    });
    expect(host.status().storage).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cannot open the database/),
    });
    expect((await host.handle('getConfig', {})).ok).toBe(true);

    const start = (await host.handle('startAnswer', {
      smiley: 1,
      language: 'en',
    })) as BridgeResult<{ answerId: string; durable: boolean; alertRaised: boolean }>;
    expect(start).toMatchObject({ ok: true, value: { durable: false, alertRaised: true } });
    const answerId = start.ok ? start.value.answerId : '';
    expect(await host.handle('updateAnswer', { answerId, step: { nps: 3 } })).toMatchObject({
      ok: true,
      value: { durable: false },
    });
    expect(await host.handle('finishAnswer', { answerId, status: 'complete' })).toMatchObject({
      ok: true,
      value: { durable: false },
    });
    expect(host.status()).toMatchObject({
      storage: { ok: false, pendingInMemory: 3 },
      lastError: expect.stringMatching(/storage failed|cannot open/),
    });

    rmSync(blocked);
    mkdirSync(blocked);
    await until(() => host.status().storage.ok);
    expect(host.status().storage.pendingInMemory).toBe(0);
    host.close();

    const db = new Database(databasePath, { readonly: true });
    expect(db.prepare('SELECT id, status, nps FROM answers').all()).toEqual([
      { id: answerId, status: 'complete', nps: 3 },
    ]);
    expect(db.prepare('SELECT kind FROM outbox ORDER BY lane').all()).toEqual([
      { kind: 'alert' },
      { kind: 'answer' },
    ]);
    db.close();
  });
});

describe('DurableWriter on a full database', () => {
  it('holds writes that hit SQLITE_FULL, keeps their order, and lands them when space returns', () => {
    const db = new Database(join(dir.path, 'full.sqlite'));
    db.exec('CREATE TABLE t (n INTEGER, pad BLOB)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);
    const errors: (string | null)[] = [];
    const writer = new DurableWriter({
      transaction: (fn) => db.transaction(fn),
      retryMs: 60_000,
      onStorageError: (m) => errors.push(m),
    });
    const insert = (n: number) => () =>
      void db.prepare('INSERT INTO t VALUES (?, zeroblob(3000))').run(n);

    const outcomes = [1, 2, 3, 4, 5].map((n) => writer.write(insert(n)).durable);
    expect(outcomes[0]).toBe(true);
    expect(outcomes.slice(-2)).toEqual([false, false]);
    expect(errors[0]).toMatch(/SQLITE_FULL/);
    const durableCount = outcomes.filter(Boolean).length;
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: durableCount });

    db.pragma('max_page_count = 100000');
    writer.flush();
    writer.close();
    expect(writer.pendingCount).toBe(0);
    expect(errors.at(-1)).toBeNull();
    expect(db.prepare('SELECT n FROM t ORDER BY rowid').all()).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ n })),
    );
    db.close();
  });

  it('throws errors that are not the disk and keeps nothing of them', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (n INTEGER UNIQUE)');
    const writer = new DurableWriter({
      transaction: (fn) => db.transaction(fn),
      onStorageError: () => {},
    });
    writer.write(() => void db.prepare('INSERT INTO t VALUES (1)').run());
    expect(() =>
      writer.write(() => {
        db.prepare('INSERT INTO t VALUES (2)').run();
        db.prepare('INSERT INTO t VALUES (1)').run();
      }),
    ).toThrow(/UNIQUE/);
    expect(writer.pendingCount).toBe(0);
    expect(db.prepare('SELECT n FROM t').all()).toEqual([{ n: 1 }]);
  });
});
