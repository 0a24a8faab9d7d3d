// SQLite is the embedded single-instance default: a second collector server on the same file is
// refused with a message that says why and what to do, while the admin CLI keeps working beside
// the server, and a server killed outright does not keep its successor from starting.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { connectStorage } from '../../server/db/open.ts';
import {
  HEARTBEAT_MS,
  InstanceRefused,
  STALE_MS,
  claimSqliteFile,
} from '../../server/db/sqlite-instance.ts';
import { call, heartbeat } from '../support/collector.ts';
import { spawnCollector, type CollectorChild } from '../support/collector-process.ts';
import { tempDir } from '../support/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = tempDir('lastword-single-');
const file = join(dir.path, 'collector.sqlite');
const children: CollectorChild[] = [];
const start = () => {
  const c = spawnCollector({ LASTWORD_DB: file });
  children.push(c);
  return c;
};

afterAll(async () => {
  await Promise.all(children.map((c) => c.kill('SIGKILL')));
  dir.remove();
});

describe('one collector server per SQLite file', () => {
  it(
    'refuses a second server, not the CLI, and starts again after a SIGKILL',
    { timeout: 60_000 },
    async () => {
      const first = start();
      const firstUrl = await first.listening;

      const enrol = spawnSync(
        process.execPath,
        ['server/cli.ts', 'enrol', 'desk-1', '--location', 'Store', '--touchpoint', 'Desk'],
        {
          cwd: ROOT,
          env: { ...process.env, LASTWORD_DB: file, DATABASE_URL: '' },
          encoding: 'utf8',
        },
      );
      expect(enrol.status, enrol.stderr).toBe(0);
      const token = enrol.stdout.trim().split('\n').at(-1)!;
      const serves = async (url: string) =>
        (await call({ url, token }, 'POST', '/v1/heartbeat', heartbeat('desk-1'))).status === 200;
      expect(await serves(firstUrl)).toBe(true);

      const second = start();
      const outcome = await Promise.race([second.exited, second.listening.then(() => 'served')]);
      expect(outcome).toBe(1);
      const refusal = String(second.logs.at(-1)?.errorMessage);
      expect(refusal).toContain(file);
      expect(refusal).toContain(`pid ${first.child.pid}`);
      expect(refusal).toContain('PostgreSQL (DATABASE_URL)');
      // The first one never noticed.
      expect(await serves(firstUrl)).toBe(true);

      expect(await first.kill('SIGKILL')).toBe('SIGKILL');
      const third = start();
      const thirdUrl = await third.listening;
      expect(await serves(thirdUrl)).toBe(true);
    },
  );

  it('lets a new server take over from one whose heartbeat stopped, and tells the old one', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const storage = connectStorage({ sqlitePath: join(dir.path, 'hung.sqlite') });
    try {
      const t0 = Date.parse('2026-12-01T09:00:00.000Z');
      const at = (ms: number) => () => new Date(t0 + ms);
      let lost: (e: Error) => void = () => {};
      const told = new Promise<Error>((resolve) => (lost = resolve));
      const hung = await claimSqliteFile(storage, lost, at(0));
      await expect(claimSqliteFile(storage, () => {}, at(STALE_MS - 1000))).rejects.toThrow(
        InstanceRefused,
      );
      const next = await claimSqliteFile(storage, () => {}, at(STALE_MS + 1000));
      // The hung one wakes up: its next heartbeat finds the file taken, and it must stop.
      vi.advanceTimersByTime(HEARTBEAT_MS);
      expect((await told).message).toContain('another collector server took over');
      await hung.release();
      await next.release();
    } finally {
      vi.useRealTimers();
      await storage.close();
    }
  });
});
