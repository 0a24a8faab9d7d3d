// Entry point of the Electron app (bundled to dist/electron/main.cjs). Thin by design: app
// lifecycle and wiring only; the kiosk's behaviour lives in electron/core (the host) and the
// Electron policies in ./policy, both tested without Electron.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, Menu, powerSaveBlocker, session, type BrowserWindow } from 'electron';
import { loadKioskConfig } from '../core/config-file.ts';
import { createKioskHost, type KioskHost } from '../core/host.ts';
import { kioskPaths } from '../core/paths.ts';
import { makePrivateDir } from '../core/private-files.ts';
import { noteBoot } from '../core/updates/boot-history.ts';
import { registerKioskIpc } from './ipc.ts';
import { safeStorageVault } from './token-vault.ts';
import { lockDownAllContents, lockDownSession } from './lockdown.ts';
import { electronLogger } from './policy/kiosk-log.ts';
import { loginItemPlan } from './policy/login-item.ts';
import { APP_ENTRY_URL } from './policy/origin.ts';
import type { Recovery } from './policy/recovery.ts';
import { KIOSK_COMMAND_LINE_SWITCHES } from './policy/window-options.ts';
import { registerAppScheme, serveApp } from './protocol.ts';
import { startUpdates } from './updates.ts';
import {
  OUT_OF_SERVICE_URL,
  createKioskWindow,
  refuseClosing,
  watchKioskWindow,
} from './window.ts';

// The app path is the folder (or app.asar) holding package.json, with the builds under dist/.
const preloadPath = join(app.getAppPath(), 'dist', 'electron', 'preload.cjs');
const rendererRoot = join(app.getAppPath(), 'dist', 'renderer');

// Everything below runs before ready: privileged scheme, Chromium switches, sandbox for every renderer.
registerAppScheme();
for (const [name, value] of KIOSK_COMMAND_LINE_SWITCHES) app.commandLine.appendSwitch(name, value);
app.enableSandbox();
// An explicit data dir (tests, several kiosks on one dev machine) also holds Chromium's profile,
// so the single-instance lock and caches stay with it.
const explicitDataDir = process.env.LASTWORD_DATA_DIR;
if (explicitDataDir) app.setPath('userData', join(explicitDataDir, 'chromium'));
const dataDir = explicitDataDir || app.getPath('userData');
const paths = kioskPaths(dataDir, process.env);
const logger = electronLogger(paths.logs);
const log = (message: string): void => logger('warn', message);

if (!app.requestSingleInstanceLock()) {
  logger('info', 'another Lastword kiosk is already running; leaving it in charge');
  app.quit();
} else {
  start();
}

function start(): void {
  let win: BrowserWindow | null = null;
  let host: KioskHost | null = null;
  let blocker: number | null = null;
  let quitting = false;
  let recovery: Recovery | null = null;

  lockDownAllContents(app, process.platform, log);
  app.on('before-quit', () => {
    quitting = true;
    // Renderers exiting during shutdown are not crashes to recover from.
    recovery?.dispose();
  });
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit')
      log(`${details.type} process gone (${details.reason}, exit code ${details.exitCode})`);
  });
  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    if (blocker !== null && powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
    host?.close();
    host = null;
  });

  app
    .whenReady()
    .then(() => {
      Menu.setApplicationMenu(null);
      makePrivateDir(dataDir);
      applyLoginItem();
      // Before the host: a crash loop after an update must be seen even if the host cannot start.
      const startupProblem = noteBoot(join(dataDir, 'boots.json'), app.getVersion(), new Date());
      if (startupProblem) logger('error', startupProblem);
      const kioskHost = createKioskHost({
        configPath: paths.config,
        databasePath: paths.database,
        appVersion: app.getVersion(),
        actions: { reload: () => win?.reload(), exit: () => app.quit() },
        log: logger,
        logsDir: paths.logs,
        vault: safeStorageVault(process.platform),
        startupProblem,
      });
      host = kioskHost;
      applyUpdates(kioskHost);

      lockDownSession(session.defaultSession, log);
      serveApp(session.defaultSession, rendererRoot);
      registerKioskIpc(kioskHost, log);
      blocker = powerSaveBlocker.start('prevent-display-sleep');

      const kioskWin = createKioskWindow({ preloadPath, packaged: app.isPackaged });
      win = kioskWin;
      refuseClosing(kioskWin, () => quitting, log);
      // Windows ends the session without before-quit; the window must then close.
      kioskWin.on('session-end', () => {
        quitting = true;
      });
      recovery = watchKioskWindow(kioskWin, {
        entryUrl: APP_ENTRY_URL,
        setOutOfService: (reason) => kioskHost.setOutOfService(true, reason),
        log,
      });
      if (!app.isPackaged && process.env.LASTWORD_DEVTOOLS === '1')
        kioskWin.webContents.openDevTools({ mode: 'detach' });

      if (existsSync(join(rendererRoot, 'index.html'))) return kioskWin.loadURL(APP_ENTRY_URL);
      const reason = `the kiosk screen is missing (${join(rendererRoot, 'index.html')}); build the renderer first`;
      log(reason);
      kioskHost.setOutOfService(true, reason);
      return kioskWin.loadURL(OUT_OF_SERVICE_URL);
    })
    .catch((error: unknown) => {
      logger('error', 'could not start', {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      app.exit(1);
    });
}

/** Registers the app to start at login, or not, as the kiosk config says (policy/login-item.ts). */
function applyLoginItem(): void {
  const config = loadKioskConfig(paths.config);
  const plan = loginItemPlan({
    startAtLogin: config.ok ? config.config.startAtLogin : null,
    platform: process.platform,
    packaged: app.isPackaged,
  });
  if ('skip' in plan) return;
  app.setLoginItemSettings(plan.set);
  logger('info', 'start at login set', { openAtLogin: plan.set.openAtLogin });
}

/**
 * Background updates from the collector, for the packaged app only (updates.ts). electron-updater
 * is loaded only then: it is of no use to a development run, and it loads Electron itself.
 */
function applyUpdates(host: KioskHost): void {
  const config = loadKioskConfig(paths.config);
  if (!app.isPackaged || !config.ok) return;
  const kiosk = config.config;
  void import('electron-updater')
    .then(({ default: electronUpdater }) => {
      const started = startUpdates({
        updater: electronUpdater.autoUpdater,
        config: kiosk,
        busy: () => host.busy(),
        now: () => new Date(),
        log: logger,
      });
      if (started) logger('info', 'updates: checking the collector for releases');
    })
    .catch((error: unknown) =>
      logger('error', 'updates: could not start', { error: String(error) }),
    );
}
