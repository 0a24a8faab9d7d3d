import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'checks', 'electronegativity.ts');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('electronegativity gate', () => {
  const dir = tempDir('lastword-eng-test-');
  afterAll(() => dir.remove());

  it('finds no high or medium issue in the Electron shell', () => {
    const r = run();
    expect(r.stdout.trim().split('\n').at(-1), r.stdout + r.stderr).toMatch(
      /^electronegativity: 0 high, 0 medium, \d+ low$/,
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('fails on a window that turns context isolation off', () => {
    const bad = join(dir.path, 'bad-window.ts');
    writeFileSync(
      bad,
      "import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n",
    );
    const r = run('--also', bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/HIGH CONTEXT_ISOLATION_JS_CHECK also-0-bad-window\.ts:2/);
    expect(r.stdout).toMatch(/^electronegativity: [1-9]\d* high, [1-9]\d* medium, \d+ low$/m);
  });
});
