// `npm start`: the demo. Builds the app, puts the example kiosk config in the data folder (once),
// starts a collector with the demo kiosk enrolled and a demo staff login, then runs the kiosk in Electron where a
// binary is installed, or otherwise serves the same kiosk in browser-kiosk mode and opens it in
// Chromium if one is found.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKioskHost } from '../../electron/core/host.ts';
import { startBridgeServer } from '../../electron/core/http-transport.ts';
import { fileLogger } from '../../electron/core/log.ts';
import { kioskPaths } from '../../electron/core/paths.ts';
import { makePrivateDir, tightenFile } from '../../electron/core/private-files.ts';
import { chromiumArgs, findChromium } from '../chromium.ts';
import { NO_ELECTRON_HINT, ROOT, findElectronBinary } from '../electron-binary.ts';
import { build } from './build.ts';
import { seedDemoAlert } from './demo-alert.ts';
import { startDemoCollector } from './demo-collector.ts';
import { demoStaff } from './demo-staff.ts';

const dataDir = process.env.LASTWORD_DATA_DIR ?? join(ROOT, '.demo-data');
const paths = kioskPaths(dataDir, process.env);
makePrivateDir(dataDir);
// The demo's collector writes the kiosk's device token into this copy: private from the start.
if (!existsSync(paths.config)) {
  copyFileSync(join(ROOT, 'build', 'kiosk.example.json'), paths.config);
  tightenFile(paths.config);
}

if (!(await build())) process.exit(1);
const say = (line: string) => process.stdout.write(`${line}\n`);
say(`data: ${dataDir}`);
say(`config: ${paths.config} (admin PIN of the example config: 246810)`);
const collector = await startDemoCollector(dataDir, paths.config);
say(`collector: ${collector.url}`);
say(`e-mail: alert and weekly digest e-mails are saved in ${collector.mailDir} (.eml files)`);
say(collector.itAlerts);
say(await demoStaff(dataDir, collector.url));
await seedDemoAlert(
  join(dataDir, 'collector.sqlite'),
  collector.url,
  JSON.parse(readFileSync(paths.config, 'utf8')),
);
say('staff board: one demo low score from Service desk 2; tap a sad face on the kiosk for more');
const { kioskId } = JSON.parse(readFileSync(paths.config, 'utf8')) as { kioskId: string };
say(`kiosk page: ${collector.url}/staff/kiosks/${kioskId} (remote actions and their history)`);

const electron = findElectronBinary();
if (electron && !process.argv.includes('--browser')) {
  say('kiosk: app://kiosk/index.html (Electron)');
  const child = spawn(electron, [ROOT], {
    stdio: 'inherit',
    env: { ...process.env, LASTWORD_DATA_DIR: dataDir },
  });
  child.on('exit', (code) => void collector.close().then(() => process.exit(code ?? 0)));
} else {
  if (!electron) say(`electron: ${NO_ELECTRON_HINT}; serving the kiosk in browser-kiosk mode`);
  const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
  const host = createKioskHost({
    configPath: paths.config,
    databasePath: paths.database,
    appVersion: version,
    log: fileLogger(paths.logs, undefined, false),
    logsDir: paths.logs,
    // The host cannot reload a browser it did not open: the kiosk page's admin reload does that.
    actions: { reload: () => {}, exit: () => shutdown() },
    // A heartbeat every 10 s, so an order from the kiosk page is carried out while you watch.
    sync: { tuning: { heartbeatMs: 10_000 } },
  });
  const port = Number(process.env.LASTWORD_KIOSK_PORT ?? 4310);
  const server = await startBridgeServer({
    host,
    rendererDir: join(ROOT, 'dist', 'renderer'),
    port,
  }).catch(() => startBridgeServer({ host, rendererDir: join(ROOT, 'dist', 'renderer') }));
  // The launch address is good for one visit: printed or on Chromium's command line, it is of no
  // use to anyone afterwards, and the bridge token itself never leaves the process.
  const url = server.launchUrl();
  say(`kiosk: ${url} (opens the kiosk once)`);
  openInChromium(url, dataDir);
  const shutdown = () => {
    void server.close().then(async () => {
      host.close();
      await collector.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Opens the kiosk in an app window where there is a screen and a Chromium; says so if not. */
function openInChromium(url: string, dir: string): void {
  const hasScreen =
    process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const browser = findChromium();
  if (!hasScreen || !browser || process.env.CI) {
    say(
      `open the kiosk URL above in a browser (${!browser ? 'no Chromium found' : 'no screen'}); Ctrl+C stops the demo`,
    );
    return;
  }
  const args = chromiumArgs(url, join(dir, 'chromium-profile'), 'app');
  spawn(browser, args, { stdio: 'ignore', detached: true }).unref();
  say(`opened in ${browser}; Ctrl+C stops the demo`);
}
