// The collector as an operator starts it, `node server/main.ts` in a process of its own, for the
// tests that are about processes: several instances starting at once, a second one refused, a
// restart after SIGKILL. It waits for the log line that says where it listens, or for the exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..', '..');

export interface CollectorChild {
  child: ChildProcess;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  /** Where it listens once it says so; rejects if it exits first. */
  listening: Promise<string>;
  /** Its exit code (or the signal's name) once it has exited. */
  exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): Promise<number | string>;
}

/**
 * Starts `node server/main.ts` on `storage` (LASTWORD_DB or DATABASE_URL) on an ephemeral port,
 * with any other settings in `env` (LASTWORD_WEBHOOK_ALLOW_HOSTS, say).
 */
export function spawnCollector(
  storage: { LASTWORD_DB?: string; DATABASE_URL?: string },
  env: Record<string, string> = {},
): CollectorChild {
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LASTWORD_DB: '',
      DATABASE_URL: '',
      ...storage,
      ...env,
      LASTWORD_COLLECTOR_PORT: '0',
      LASTWORD_COLLECTOR_HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const listening = new Promise<string>((resolve, reject) => {
    void exited.then((code) =>
      reject(new Error(`the collector exited with ${code}: ${lastMsg()}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      const m = /^collector listening on (\S+)/.exec(String(entry.msg));
      if (m) resolve(m[1]!);
    });
  });
  // A test that only waits for the exit must not see an unhandled rejection.
  listening.catch(() => {});
  const lastMsg = () => {
    const last = logs.at(-1);
    return last ? `${String(last.msg)} ${String(last.errorMessage ?? '')}` : '(no log)';
  };
  return {
    child,
    logs,
    listening,
    exited,
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
