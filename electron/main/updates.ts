// App updates in the Electron main process: electron-updater's generic provider pointed at the
// kiosk's collector (which picks the release for this kiosk: server/updates/rollout.ts), with the
// device token on every request. It downloads in the background; the download is installed only
// when update-policy.ts says so (no customer mid-survey, inside the install window), checked
// every minute. The updater is passed in (index.ts gives electron-updater's autoUpdater) so this
// wiring is tested with a stand-in; nothing here loads Electron.
import type { OutgoingHttpHeaders } from 'node:http';
import type { KioskConfig } from '../../shared/config.ts';
import type { Logger } from '../core/log.ts';
import {
  firstCheckDelayMs,
  installDecision,
  type InstallWindow,
} from '../core/updates/update-policy.ts';

/** The part of electron-updater's AppUpdater this uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  disableDifferentialDownload: boolean;
  requestHeaders: OutgoingHttpHeaders | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  setInterval(fn: () => void, ms: number): unknown;
}

export const INSTALL_CHECK_MS = 60_000;

/** Starts looking for updates; returns false (and does nothing) without a collector. */
export function startUpdates(opts: {
  updater: Updater;
  config: Pick<KioskConfig, 'kioskId' | 'collector' | 'updates'>;
  busy: () => boolean;
  now: () => Date;
  log: Logger;
  timers?: UpdateTimers;
}): boolean {
  const { updater, config, log } = opts;
  if (!config.collector) return false;
  const timers = opts.timers ?? { setTimeout, setInterval };
  updater.setFeedURL({ provider: 'generic', url: `${config.collector.url}/v1/updates` });
  updater.requestHeaders = { authorization: `Bearer ${config.collector.token}` };
  updater.autoDownload = true;
  // Installing on quit would restart a kiosk whenever it is stopped, customer or not.
  updater.autoInstallOnAppQuit = false;
  // The collector offers an older release when the running one was withdrawn: a rollback.
  updater.allowDowngrade = true;
  // The collector serves whole files only (no range requests).
  updater.disableDifferentialDownload = true;

  let downloaded: string | null = null;
  updater.on('update-downloaded', (info) => {
    downloaded = info.version;
    log('info', 'update downloaded; installs between customers in the install window', {
      version: info.version,
    });
  });
  // Offline or no release offered: the next check tries again; the log gets the reason once.
  let lastError: string | null = null;
  updater.on('error', (error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    log('warn', 'update check failed', { error: error.message });
  });

  const every = config.updates.checkEveryHours * 60 * 60_000;
  const check = () => void updater.checkForUpdates().catch(() => {});
  timers.setTimeout(
    () => {
      check();
      timers.setInterval(check, every);
    },
    firstCheckDelayMs(config.kioskId, every),
  );

  const window: InstallWindow = config.updates.installWindow;
  timers.setInterval(() => {
    if (!downloaded) return;
    const decision = installDecision({ now: opts.now(), busy: opts.busy(), window });
    if (!decision.install) return;
    log('info', 'installing the update and restarting', { version: downloaded });
    updater.quitAndInstall(true, true);
  }, INSTALL_CHECK_MS);
  return true;
}
