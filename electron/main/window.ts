// The kiosk window and its watchdog: crashes and hangs of the page are recovered here within
// the crash budget, then the out-of-service page takes over (see policy/recovery.ts).
import { BrowserWindow } from 'electron';
import { createCrashBudget } from './policy/crash-budget.ts';
import { APP_ORIGIN } from './policy/origin.ts';
import { OUT_OF_SERVICE_PATH } from './policy/out-of-service.ts';
import { createRecovery, type Recovery } from './policy/recovery.ts';
import { kioskWindowOptions } from './policy/window-options.ts';

export const OUT_OF_SERVICE_URL = `${APP_ORIGIN}${OUT_OF_SERVICE_PATH}`;

export function createKioskWindow(opts: { preloadPath: string; packaged: boolean }): BrowserWindow {
  // Electronegativity only reads options written inline in `new BrowserWindow({...})`; these come
  // from kioskWindowOptions (contextIsolation, sandbox and Auxclick off all set there, asserted by
  // tests/unit/electron-window-options.test.ts), so its three "option missing" findings are false.
  const win = new BrowserWindow(kioskWindowOptions(opts)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  win.removeMenu();
  return win;
}

/**
 * Refuses every request to close the window (Alt+F4 handled by the OS, a window manager's close
 * button, the taskbar) unless the app itself is quitting: admin exit, OS shutdown or logoff.
 */
export function refuseClosing(
  win: BrowserWindow,
  isQuitting: () => boolean,
  log: (message: string) => void,
): void {
  win.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    log('refused a request to close the kiosk window');
  });
}

export function watchKioskWindow(
  win: BrowserWindow,
  opts: {
    entryUrl: string;
    setOutOfService: (reason: string) => void;
    log: (message: string) => void;
  },
): Recovery {
  const load = (url: string): void => {
    if (win.isDestroyed()) return;
    win.loadURL(url).catch((error: unknown) => opts.log(`could not load ${url}: ${String(error)}`));
  };
  const recovery = createRecovery({
    budget: createCrashBudget({ max: 5, windowMs: 10 * 60_000, now: Date.now }),
    timers: {
      set: (fn, ms) => setTimeout(fn, ms),
      clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
    actions: {
      reload: () => load(opts.entryUrl),
      killRenderer: () => {
        if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer();
      },
      outOfService: (reason) => {
        opts.setOutOfService(reason);
        load(OUT_OF_SERVICE_URL);
      },
      log: opts.log,
    },
  });
  win.webContents.on('render-process-gone', (_event, details) =>
    recovery.rendererGone(details.reason),
  );
  win.webContents.on('preload-error', (_event, path, error) =>
    opts.log(`preload ${path} failed: ${error.message}`),
  );
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame) opts.log(`could not load ${url}: ${description} (${code})`);
  });
  win.on('unresponsive', () => recovery.unresponsive());
  win.on('responsive', () => recovery.responsive());
  win.on('closed', () => recovery.dispose());
  return recovery;
}
