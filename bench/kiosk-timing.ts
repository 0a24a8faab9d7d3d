// Shared by the start, recovery and endurance benches: start the kiosk as a thin client runs it
// (`npm run kiosk -- serve`, browser-kiosk mode, on the example config in a fresh data folder),
// wait for the faces.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { exampleConfig, writeConfig } from '../tests/support/config.ts';

export interface HostProcess {
  child: ChildProcess;
  url: Promise<string>;
  stop(): Promise<void>;
}

/** `url` is the launch address serve prints for Chromium (the last word of its command line). */
export function startHostProcess(dataDir: string): HostProcess {
  writeConfig(dataDir, exampleConfig());
  const child = spawn(process.execPath, ['scripts/tasks/kiosk.ts', 'serve', '--port', '0'], {
    env: { ...process.env, LASTWORD_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`kiosk host exited (${code})`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('chromium: ')) resolve(line.split(' ').at(-1)!);
    });
  });
  return {
    child,
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Resolves at the first frame with the faces on screen (polled every frame), with that moment
 * on the page's own clock: ms since its navigation started (the launch address).
 */
export async function facesPainted(page: Page): Promise<number> {
  const at = await page.waitForFunction(
    () => document.querySelectorAll('.screen-smiley .face').length > 0 && performance.now(),
    undefined,
    {
      polling: 'raf',
      timeout: 30_000,
    },
  );
  return Math.round(Number(await at.jsonValue()));
}

export function summary(values: number[]) {
  const all = [...values].sort((a, b) => a - b);
  const at = (p: number) => all[Math.min(all.length - 1, Math.ceil(p * all.length) - 1)] ?? null;
  return { runs: all.length, p50_ms: at(0.5), max_ms: all.at(-1) ?? null };
}
