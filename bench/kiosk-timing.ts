// Shared by the start, recovery and endurance benches: start the kiosk as a thin client runs it
// (`npm run kiosk -- serve`, browser-kiosk mode, on the example config in a fresh data folder),
// wait for the faces.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../tests/support/chromium.ts';
import { exampleConfig, writeConfig } from '../tests/support/config.ts';

export interface HostProcess {
  child: ChildProcess;
  url: Promise<string>;
  stop(): Promise<void>;
}

/** A one-time launch address in serve's printed Chromium command line. */
const LAUNCH_URL = /http:\/\/127\.0\.0\.1:\d+\/launch\/[\w-]+/;

/** `url` is the launch address serve prints for Chromium (in its `--app=` argument). */
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
      const launch = line.startsWith('chromium: ') && LAUNCH_URL.exec(line);
      if (launch) resolve(launch[0]);
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

export interface OpenKiosk {
  child: ChildProcess;
  /** Wall-clock ms (Date.now) at the spawn. */
  spawnedAt: number;
  /** Wall-clock ms when serve printed a line starting with each of these words. */
  printed: Map<string, number>;
  /** The DevTools port of the browser serve runs. */
  devtoolsPort: Promise<string>;
  /** That browser, reached over the port. */
  browser: Promise<Browser>;
  stop(): Promise<void>;
}

/**
 * The kiosk exactly as the thin client's unit starts it (`node scripts/run.mjs kiosk serve
 * --open`): serve launches Chromium itself, with its own kiosk flags. The only change is the
 * browser path, a wrapper that adds what a machine without a screen needs (headless, no
 * sandbox, no GPU) and a DevTools port, found in the profile's DevToolsActivePort file, for the
 * bench to watch the page from outside. A data folder used before keeps its database and its
 * browser profile (with Chromium's caches), as a kiosk's does from one day to the next. `port`
 * is serve's loopback port; a kiosk's is the same at every start (4310), and Chromium's caches
 * hold the page's files by address, so a restart that is to find them gives the same port.
 */
export async function startOpenKiosk(dataDir: string, port = 0): Promise<OpenKiosk> {
  writeConfig(dataDir, exampleConfig());
  const wrapper = join(dataDir, 'chromium-wrapper.sh');
  // Only what a machine without a screen needs; serve's own flags are what is measured.
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--window-size=1920,1080',
    '--remote-debugging-port=0',
  ];
  // chromiumPath is the Chromium serve itself would pick (scripts/chromium.ts), else the npm one.
  writeFileSync(wrapper, `#!/bin/sh\nexec ${await chromiumPath()} ${flags.join(' ')} "$@"\n`);
  chmodSync(wrapper, 0o755);
  // A profile used before still holds the last browser's port.
  const portFile = join(dataDir, 'chromium-profile', 'DevToolsActivePort');
  rmSync(portFile, { force: true });
  const printed = new Map<string, number>();
  const spawnedAt = Date.now();
  const child = spawn(
    process.execPath,
    ['scripts/run.mjs', 'kiosk', 'serve', '--port', String(port), '--open'],
    {
      env: { ...process.env, LASTWORD_DATA_DIR: dataDir, CHROMIUM_PATH: wrapper },
      stdio: ['ignore', 'pipe', 'ignore'],
      // Its own process group, stopped as a whole as systemd stops the unit's.
      detached: true,
    },
  );
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const word = line.split(':')[0]!;
    if (!printed.has(word)) printed.set(word, Date.now());
  });
  const devtoolsPort = (async () => {
    while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n')) {
      if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode})`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return readFileSync(portFile, 'utf8').split('\n')[0]!;
  })();
  // Connected only when asked for: a browser is not connected twice.
  let browser: Promise<Browser> | null = null;
  return {
    child,
    spawnedAt,
    printed,
    devtoolsPort,
    get browser() {
      browser ??= devtoolsPort.then((port) => chromium.connectOverCDP(`http://127.0.0.1:${port}`));
      return browser;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        process.kill(-child.pid!, 'SIGTERM');
      }),
  };
}

/** The kiosk's page in a browser serve runs, once it has one at the kiosk's address. */
export async function kioskPage(browser: Browser): Promise<Page> {
  for (;;) {
    const page = browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url().startsWith('http://127.0.0.1:'));
    if (page) return page;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
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

/** A loopback port free now, for a kiosk that is to keep it from one start to the next. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function summary(values: number[]) {
  const all = [...values].sort((a, b) => a - b);
  const at = (p: number) => all[Math.min(all.length - 1, Math.ceil(p * all.length) - 1)] ?? null;
  return { runs: all.length, p50_ms: at(0.5), max_ms: all.at(-1) ?? null };
}
