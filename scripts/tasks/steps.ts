// Runs the project's tools as child processes with the Node that runs this script, so the
// toolchain bootstrapped by scripts/run.mjs is used throughout.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../electron-binary.ts';

export const bin = {
  vite: join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
  vitest: join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
  eslint: join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
  tsc: join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
  prettier: join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs'),
  electronBuilder: join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
};

/** Runs `node <script> ...args` in the repo, output shown; resolves to the exit code. */
export function node(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}

/**
 * Runs `node <script> ...args` in the repo with its output (stdout and stderr, in the order
 * written) held back and handed over at the end, so several can run at once and each still
 * prints as one block.
 */
export function nodeHeld(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    const done = (code: number) => resolve({ code, output: Buffer.concat(chunks).toString() });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', () => done(1));
  });
}

export function nodeSync(script: string, args: string[] = []): number {
  return (
    spawnSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: 'inherit' }).status ?? 1
  );
}

export function heading(text: string): void {
  process.stdout.write(`\n=== ${text}\n`);
}
