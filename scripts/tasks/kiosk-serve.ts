// `npm run kiosk -- serve`: browser-kiosk mode as a deployment, for thin clients that run Chromium
// and no Electron. The kiosk host with the config in the kiosk's data folder (the collector it
// names is the real one: no demo collector here), the localhost bridge and the built kiosk page.
// It prints the exact Chromium command line that opens the kiosk. The launch address in it works
// once, so with --open serve runs that Chromium itself and opens it again, with a new address,
// whenever it exits, and loads the kiosk again in its tab when the page's renderer dies: the
// browser half of "restart on crash" (systemd does the host's half).
//   --port N   the loopback port (default LASTWORD_KIOSK_PORT or 4310; 0 picks a free one)
//   --open     run Chromium full screen (CHROMIUM_PATH or the usual places) and keep it running
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { KioskHost } from '../../electron/core/host.ts';
import { startBridgeServer } from '../../electron/core/http-transport.ts';
import { fileLogger, type Logger } from '../../electron/core/log.ts';
import { kioskPaths, resolveDataDir, type KioskPaths } from '../../electron/core/paths.ts';
import { makePrivateDir } from '../../electron/core/private-files.ts';
import { chromiumArgs, findChromium, shellLine } from '../chromium.ts';
import { DEVTOOLS_PIPE_FLAG, recoverCrashedPages } from '../chromium-recovery.ts';

/** Pause before Chromium is opened again, so a browser that cannot start does not spin a core. */
const REOPEN_DELAY_MS = 1000;

/**
 * `rendererDir` is the built kiosk page (dist/renderer), named by the caller: this file also runs
 * bundled from dist/kiosk (vite.serve.config.ts), so it cannot find the checkout from its own place.
 */
export async function serve(argv: string[], rendererDir: string): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, open: { type: 'boolean', default: false } },
  });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`no kiosk page in ${rendererDir}: run \`npm run build\` first`);
    process.exit(1);
  }
  const dataDir = resolveDataDir(process.env, process.platform, homedir());
  const paths = kioskPaths(dataDir, process.env);
  makePrivateDir(dataDir);

  // Cold start: the address is served and Chromium started before the kiosk host is loaded
  // (its modules, the config, the database: most of this process's start), so the browser's
  // own start runs beside it. The page's files need no host; bridge calls wait for it.
  let browser: ReturnType<typeof keepOpen> | null = null;
  const log = fileLogger(paths.logs);
  let hostStarted: (host: KioskHost) => void = () => undefined;
  const hostReady = new Promise<KioskHost>((resolve) => (hostStarted = resolve));
  const server = await startBridgeServer({
    host: hostReady,
    rendererDir,
    port: Number(values.port ?? process.env.LASTWORD_KIOSK_PORT ?? 4310),
  });
  say(`kiosk host: ${server.origin} (data ${dataDir})`);

  const chromium = findChromium();
  const profile = join(dataDir, 'chromium-profile');
  const command = (url: string) => [chromium ?? 'chromium', ...chromiumArgs(url, profile, 'kiosk')];
  if (values.open && chromium) {
    browser = keepOpen(() => command(server.launchUrl()), `${server.origin}/`, say, log);
  } else {
    if (values.open) say('no Chromium found (set CHROMIUM_PATH); start it with the line below');
    say(`chromium: ${shellLine(command(server.launchUrl()))}`);
    say('(the launch address opens the kiosk once; --open runs Chromium and reopens it)');
  }

  const host = await startHost(paths, log, say, {
    // Reloading the kiosk from its admin screen: a fresh Chromium where serve runs it.
    reload: () => browser?.restart(),
    exit: () => shutdown(),
  });
  hostStarted(host);

  function shutdown(): void {
    // Chromium is let finish writing its profile before serve exits.
    void Promise.all([browser?.stop(), server.close()]).then(() => {
      host.close();
      process.exit(0);
    });
  }
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** The kiosk host on the data folder's config, loaded only now (see serve). */
async function startHost(
  paths: KioskPaths,
  log: Logger,
  say: (line: string) => void,
  actions: { reload(): void; exit(): void },
): Promise<KioskHost> {
  const [{ loadKioskConfig }, { createKioskHost }, pkg] = await Promise.all([
    import('../../electron/core/config-file.ts'),
    import('../../electron/core/host.ts'),
    import('../../package.json', { with: { type: 'json' } }),
  ]);
  const config = loadKioskConfig(paths.config);
  say(
    config.ok
      ? `config: ${paths.config} (kiosk ${config.config.kioskId}, survey ${config.config.survey.version})`
      : `config: ${paths.config}: ${config.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')} (the kiosk shows this on screen)`,
  );
  return createKioskHost({
    configPath: paths.config,
    databasePath: paths.database,
    appVersion: pkg.default.version,
    log,
    logsDir: paths.logs,
    actions,
  });
}

/**
 * Runs Chromium and opens it again, each time with a new launch address, whenever it exits; a
 * page whose renderer dies is loaded again in the same browser (chromium-recovery.ts).
 */
function keepOpen(
  nextCommand: () => string[],
  kioskUrl: string,
  say: (line: string) => void,
  log: Logger,
): { restart(): void; stop(): Promise<void> } {
  let child: ChildProcess | null = null;
  let stopping = false;
  const open = () => {
    const [file, ...args] = nextCommand();
    say(`chromium: ${shellLine([file!, ...args])} (started; opened again whenever it exits)`);
    const started = spawn(file!, [DEVTOOLS_PIPE_FLAG, ...args], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    });
    child = started;
    const [, , , toBrowser, fromBrowser] = started.stdio;
    recoverCrashedPages({
      toBrowser: toBrowser as Writable,
      fromBrowser: fromBrowser as Readable,
      kioskUrl,
      log,
    });
    started.on('error', (error) =>
      log('error', 'could not start Chromium', { error: error.message }),
    );
    started.on('exit', (code, signal) => {
      if (stopping) return;
      log('warn', 'Chromium exited; opening the kiosk again', { code, signal });
      setTimeout(open, REOPEN_DELAY_MS);
    });
  };
  open();
  return {
    restart: () => child?.kill(),
    stop: () => {
      stopping = true;
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null)
        return Promise.resolve();
      return new Promise((resolve) => {
        running.once('exit', () => resolve());
        running.kill();
      });
    },
  };
}
