// The collector's admin CLI (`node server/cli.ts`) as a real process, run the way an operator
// runs it: on the database the environment names, with stdin piped when given (passwords).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function adminCli(env: NodeJS.ProcessEnv, args: string[], input?: string): CliRun {
  const r = spawnSync(process.execPath, ['server/cli.ts', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 20_000,
    ...(input !== undefined && { input }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
