// A kiosk host harness for the host tests: real SQLite files in a temp directory, the small
// test config, a clock the test moves (a minute on after every test), and every host opened
// closed after each test.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { createKioskHost, type KioskHost } from '../../electron/core/host.ts';
import { smallConfig, writeConfig } from './config.ts';
import { tempDir } from './tmp.ts';

export interface HostHarness {
  /** The hosts' clock, in ms; tests move it. */
  clock: number;
  now(): Date;
  /** A kiosk named `name`: open() starts a host on its files, read() queries its database. */
  kiosk(
    name: string,
    config?: unknown,
  ): {
    open(): KioskHost;
    read(sql: string, ...params: unknown[]): Record<string, unknown>[];
    calls: string[];
  };
}

export function hostHarness(): HostHarness {
  const dir = tempDir();
  const hosts: KioskHost[] = [];
  afterAll(() => dir.remove());
  const h: HostHarness = {
    clock: Date.parse('2026-11-23T09:00:00Z'),
    now: () => new Date(h.clock),
    kiosk(name, config = smallConfig()) {
      const configPath = writeConfig(dir.path, config, `${name}.json`);
      const databasePath = join(dir.path, `${name}.sqlite`);
      const calls: string[] = [];
      const open = () => {
        const host = createKioskHost({
          configPath,
          databasePath,
          appVersion: '1.2.3',
          now: h.now,
          actions: { reload: () => calls.push('reload'), exit: () => calls.push('exit') },
        });
        hosts.push(host);
        return host;
      };
      const read = (sql: string, ...params: unknown[]) => {
        const db = new Database(databasePath, { readonly: true });
        try {
          return db.prepare(sql).all(...params) as Record<string, unknown>[];
        } finally {
          db.close();
        }
      };
      return { open, read, calls };
    },
  };
  afterEach(() => {
    hosts.splice(0).forEach((host) => host.close());
    h.clock += 60_000;
  });
  return h;
}
