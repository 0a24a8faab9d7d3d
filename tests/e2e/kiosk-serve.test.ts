// `npm run kiosk -- serve`, browser-kiosk mode on a thin client: the printed Chromium command line
// opens the kiosk (its launch address sets the bridge cookie, the page loads, the bridge answers
// with the kiosk's own config, which serve leaves as IT wrote it: no demo collector enrolled in
// it); with --open, serve runs the browser (its network stack in the browser process, for cold
// start), loads the kiosk again when the page crashes and opens the browser again with a new
// launch address when it exits. Needs `npm run build` first (the kiosk page).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumPath } from '../support/chromium.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const LAUNCH = /(http:\/\/127\.0\.0\.1:\d+)\/launch\/[\w-]+/;

let child: ChildProcessWithoutNullStreams | null = null;
const dirs: { remove(): void }[] = [];

function startServe(args: string[], env: NodeJS.ProcessEnv) {
  const data = tempDir('lastword-serve-');
  dirs.push(data);
  const configPath = writeConfig(data.path, smallConfig());
  // The thin client's own command: run.mjs runs serve's build (dist/kiosk) in its process.
  const proc = spawn(
    process.execPath,
    ['scripts/run.mjs', 'kiosk', 'serve', '--port', '0', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, LASTWORD_DATA_DIR: data.path, ...env },
    },
  );
  child = proc;
  let stdout = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr.resume();
  /** Resolves with the first printed line that matches. */
  const line = (pattern: RegExp) =>
    vi.waitFor(
      () => {
        const found = stdout.split('\n').find((l) => pattern.test(l));
        if (!found) throw new Error(`no line like ${pattern} yet:\n${stdout}`);
        return found;
      },
      { timeout: 30_000, interval: 50 },
    );
  return { proc, data, configPath, line };
}

/**
 * Evaluates `expression` in the kiosk's tab of a browser serve runs, over its DevTools port (a
 * connection per call: a crashed tab's connection may end). Throws while there is no answer.
 */
async function inKioskTab(port: string, expression: string): Promise<unknown> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    type: string;
    url: string;
    webSocketDebuggerUrl: string;
  }[];
  const tab = targets.find((t) => t.type === 'page' && t.url.startsWith('http://127.0.0.1:'));
  if (!tab) throw new Error('no kiosk tab yet');
  const socket = new WebSocket(tab.webSocketDebuggerUrl);
  try {
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const reply = await new Promise<{ result?: { result?: { value?: unknown } } }>(
      (resolve, reject) => {
        setTimeout(() => reject(new Error('no answer')), 2000);
        socket.onmessage = (event) => resolve(JSON.parse(String(event.data)));
        socket.send(
          JSON.stringify({
            id: 1,
            method: 'Runtime.evaluate',
            params: { expression, returnByValue: true },
          }),
        );
      },
    );
    return reply.result?.result?.value;
  } finally {
    socket.close();
  }
}

/** The command lines of every process started under `pid` (Linux: read from /proc). */
function descendantCommandLines(pid: number): string[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const under = (p: number): boolean => p === pid || (p > 1 && under(parents.get(p) ?? 0));
  return [...parents.keys()]
    .filter((p) => p !== pid && under(p))
    .flatMap((p) => {
      try {
        return [readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ')];
      } catch {
        return [];
      }
    });
}

afterEach(async () => {
  // serve stops its Chromium and waits for it: only then are the profile's files done with.
  const running = child;
  if (running && running.exitCode === null && running.signalCode === null) {
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill();
    });
  }
  child = null;
  for (const d of dirs.splice(0)) d.remove();
});

describe('npm run kiosk -- serve', () => {
  it('prints a Chromium kiosk command line whose address opens the kiosk on its own config', async () => {
    const serve = startServe([], {});
    const configBefore = readFileSync(serve.configPath, 'utf8');
    const printed = await serve.line(/^chromium: /);
    expect(printed).toMatch(/ --kiosk /);
    // An app window: no address bar, whose suggestion popup would load beside the kiosk page.
    expect(printed).toMatch(/ --app=http:\/\/127\.0\.0\.1:\d+\/launch\//);
    expect(printed).toContain(`--user-data-dir=${join(serve.data.path, 'chromium-profile')}`);
    const [launch, origin] = LAUNCH.exec(printed) as unknown as [string, string];

    const launched = await fetch(launch, { redirect: 'manual' });
    expect(launched.status).toBe(303);
    const cookie = launched.headers.get('set-cookie')!.split(';')[0]!;
    const page = await fetch(`${origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const config = await fetch(`${origin}/bridge/getConfig`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await config.json()).toMatchObject({
      ok: true,
      value: { kioskId: smallConfig().kioskId },
    });
    expect(readFileSync(serve.configPath, 'utf8')).toBe(configBefore);
  });

  it.skipIf(process.platform === 'win32')(
    'with --open loads the kiosk again in the same browser when its page crashes',
    async () => {
      // The real Chromium, headless and with a DevTools port for the test to crash the page by.
      const wrap = tempDir('lastword-chromium-wrapper-');
      dirs.push(wrap);
      const browser = join(wrap.path, 'chromium');
      const flags = '--headless --no-sandbox --disable-gpu --remote-debugging-port=0';
      writeFileSync(browser, `#!/bin/sh\nexec ${await chromiumPath()} ${flags} "$@"\n`);
      chmodSync(browser, 0o755);
      const serve = startServe(['--open'], { CHROMIUM_PATH: browser });
      const portFile = join(serve.data.path, 'chromium-profile', 'DevToolsActivePort');
      const port = await vi.waitFor(
        () => {
          if (!existsSync(portFile)) throw new Error('no DevTools port yet');
          return readFileSync(portFile, 'utf8').split('\n')[0]!;
        },
        { timeout: 60_000, interval: 50 },
      );
      const FACES = `document.querySelector('.screen-smiley .face') !== null`;
      await vi.waitFor(async () => expect(await inKioskTab(port, FACES)).toBe(true), {
        timeout: 60_000,
        interval: 100,
      });

      // Cold start: Chromium's network stack runs in its browser process, not a process of its
      // own that the launch request would wait for (scripts/chromium.ts).
      if (process.platform === 'linux') {
        const processes = descendantCommandLines(serve.proc.pid!);
        expect(processes.some((c) => c.includes('--type=renderer'))).toBe(true);
        expect(processes.filter((c) => c.includes('network.mojom.NetworkService'))).toEqual([]);
      }

      const crashedAt = Date.now();
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
        type: string;
        webSocketDebuggerUrl: string;
      }[];
      const crash = new WebSocket(targets.find((t) => t.type === 'page')!.webSocketDebuggerUrl);
      await new Promise((resolve) => (crash.onopen = resolve));
      crash.send(JSON.stringify({ id: 1, method: 'Page.crash' }));
      // A new page (loaded after the crash) with the faces: serve's recovery, nobody else's.
      await vi.waitFor(
        async () =>
          expect(await inKioskTab(port, `${FACES} && performance.timeOrigin > ${crashedAt}`)).toBe(
            true,
          ),
        { timeout: 60_000, interval: 100 },
      );
      crash.close();
      expect(readFileSync(join(serve.data.path, 'logs', 'kiosk.log'), 'utf8')).toContain(
        'kiosk screen failed (renderer crashed); reloading',
      );
    },
  );

  // The stand-in browser is a shell script.
  it.skipIf(process.platform === 'win32')(
    'with --open runs Chromium and reopens it with a new launch address when it exits',
    async () => {
      const fake = tempDir('lastword-fake-chromium-');
      dirs.push(fake);
      const opened = join(fake.path, 'opened.txt');
      const browser = join(fake.path, 'chromium');
      // A browser that starts, notes the address it was given, and crashes at once.
      writeFileSync(
        browser,
        `#!/bin/sh\nfor a; do last="$a"; done\necho "$last" >> '${opened}'\nexit 1\n`,
      );
      chmodSync(browser, 0o755);
      const serve = startServe(['--open'], { CHROMIUM_PATH: browser });
      const urls = await vi.waitFor(
        () => {
          const lines = readFileSync(opened, 'utf8').trim().split('\n');
          if (lines.length < 2) throw new Error('not reopened yet');
          return lines;
        },
        { timeout: 30_000, interval: 100 },
      );
      expect(urls[0]).toMatch(LAUNCH);
      expect(urls[1]).toMatch(LAUNCH);
      expect(urls[1]).not.toBe(urls[0]);
      serve.proc.kill('SIGTERM');
      expect(await new Promise((resolve) => serve.proc.on('exit', resolve))).toBe(0);
    },
  );
});
