// The collector as an operator starts it (`node server/main.ts`, its own process), for the
// benches that measure it over HTTP: rate limit lifted, since they measure capacity, not the
// limiter. Its log is read line by line and dropped (echoed with BENCH_DEBUG=1): writing it is
// part of the cost being measured.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { StorageOptions } from '../server/db/open.ts';

const ROOT = join(import.meta.dirname, '..');

export interface CollectorProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startCollectorProcess(storage: StorageOptions): Promise<CollectorProcess> {
  const env = {
    ...process.env,
    DATABASE_URL: storage.databaseUrl ?? '',
    LASTWORD_DB: storage.sqlitePath ?? '',
    LASTWORD_COLLECTOR_PORT: '0',
    LASTWORD_COLLECTOR_RATE_PER_SECOND: '1000000',
    LASTWORD_COLLECTOR_RATE_BURST: '1000000',
  };
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (process.env.BENCH_DEBUG) process.stderr.write(`${line}\n`);
      const m = /"msg":"collector listening on (http:\/\/[^"]+)"/.exec(line);
      if (m) resolve(m[1]!);
    });
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
