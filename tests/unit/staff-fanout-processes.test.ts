// The cross-instance proof with two real collector processes (`node server/main.ts`, as an
// operator runs them behind a load balancer) on one PostgreSQL database: a staff screen on A sees
// within a second what a kiosk posted to B, and resumes on B without gap or repeat. The schema is
// migrated before they start (several instances migrating at once is another change's concern).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { freshPostgresSchema, postgresReachable } from '../support/collector.ts';
import {
  latencySummary,
  proveSharedScreens,
  seedSharedDatabase,
  type TwoInstances,
} from '../support/fanout.ts';
import { loginAs, PASSWORD_WORK_MS, type StaffClient } from '../support/staff.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PG_URL = process.env.LASTWORD_TEST_PG_URL;
const reachable = await postgresReachable(PG_URL);
if (!reachable)
  console.log(
    'cross-instance fan-out (processes): skipped — no PostgreSQL reachable (set LASTWORD_TEST_PG_URL)',
  );

/** Starts `node server/main.ts` on the database; resolves to it and the URL it says it serves. */
async function startCollectorProcess(
  databaseUrl: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LASTWORD_COLLECTOR_PORT: '0',
      LASTWORD_COLLECTOR_HOST: '127.0.0.1',
      LASTWORD_COLLECTOR_RATE_PER_SECOND: '10000',
      LASTWORD_COLLECTOR_RATE_BURST: '10000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no "listening" line within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`the collector exited early with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg?.startsWith('collector listening on ')) {
        clearTimeout(timer);
        resolve(entry.url!);
      }
    });
  });
  return { child, url };
}

describe.skipIf(!reachable)('two collector processes on one PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>>;
  let storage: Storage;
  const children: ChildProcess[] = [];
  let urls: string[] = [];
  let kiosk: TwoInstances['kiosk'];
  let mo: StaffClient;

  beforeAll(async () => {
    schema = await freshPostgresSchema(PG_URL!);
    storage = await openStorage({ databaseUrl: schema.url });
    kiosk = await seedSharedDatabase(storage);
    const started = await Promise.all([
      startCollectorProcess(schema.url),
      startCollectorProcess(schema.url),
    ]);
    children.push(...started.map((s) => s.child));
    urls = started.map((s) => s.url);
    mo = await loginAs(urls[0]!, 'mo');
  }, PASSWORD_WORK_MS);

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await storage?.close();
    await schema?.drop();
  });

  it('shows on A within a second what a kiosk posted to B, and resumes on B without gap or repeat', async () => {
    const latencies = await proveSharedScreens({
      aUrl: urls[0]!,
      bUrl: urls[1]!,
      storage,
      kiosk,
      staff: mo,
    });
    console.log(
      `cross-process alert, kiosk POST on B → staff event on A: ${latencySummary(latencies)}`,
    );
  }, 60_000);
});
