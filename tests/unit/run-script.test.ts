// scripts/run.mjs, the runner behind `npm start` and `npm test`, hands the task to a child process.
// A service manager, a test or `kill` may stop it by signalling the runner alone: the task must stop
// with it, cleanly, and not live on as an orphan holding its port and data.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = tempDir('lastword-run-script-');
let runner: ChildProcess | undefined;
afterAll(() => {
  if (runner?.exitCode === null) runner.kill('SIGKILL');
  dir.remove();
});

describe('the runner behind npm start', () => {
  it('passes SIGTERM on to its task and exits as the task did', async () => {
    const proc = spawn(process.execPath, ['scripts/run.mjs', 'collector'], {
      cwd: ROOT,
      env: {
        ...process.env,
        LASTWORD_DB: join(dir.path, 'collector.sqlite'),
        DATABASE_URL: '',
        LASTWORD_COLLECTOR_PORT: '0',
        LASTWORD_COLLECTOR_HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    runner = proc;
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      proc.once('exit', (code, signal) => resolve([code, signal])),
    );
    const logs: Record<string, unknown>[] = [];
    const listening = new Promise<string>((resolve) =>
      createInterface({ input: proc.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (String(entry.msg).startsWith('collector listening on ')) resolve(entry.url as string);
      }),
    );
    const url = await Promise.race([listening, exited.then(() => 'the runner exited early')]);
    await fetch(url); // answers (any status): the task is listening

    proc.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(logs.at(-1)).toMatchObject({
      signal: 'SIGTERM',
      msg: expect.stringMatching(/^stopping/),
    });
    // The port is free again: nothing of the task is left behind.
    await expect(fetch(url)).rejects.toThrow();
  });
});
