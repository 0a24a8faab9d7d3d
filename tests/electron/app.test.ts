// The real Electron app, launched the way a kiosk runs it: built main + preload + renderer, a
// temp data dir with a valid config, Playwright driving the window. Skipped, with one line
// saying why, where no Electron binary is installed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../shared/bridge-channels.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';
import { findElectronBinary } from './binary.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const binary = findElectronBinary();
if (!binary.ok) console.log(`electron e2e: skipped — ${binary.reason}`);

type KioskWindow = Window & {
  kiosk: Record<string, (request: unknown) => Promise<unknown>>;
  __lastwordMarker?: string;
  __keys?: string[];
};

describe.skipIf(!binary.ok)('Electron kiosk app', () => {
  let data: ReturnType<typeof tempDir>;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    if (!binary.ok) return;
    if (!binary.packaged) {
      for (const built of [
        'dist/electron/main.cjs',
        'dist/electron/preload.cjs',
        'dist/renderer/index.html',
      ]) {
        if (!existsSync(join(ROOT, built)))
          throw new Error(`${built} is missing: build first (npm run build)`);
      }
    }
    data = tempDir('lastword-electron-');
    writeConfig(data.path, smallConfig());
    // Chromium's sandbox refuses to start as root (containers, CI); the kiosk never runs as root.
    const asRoot = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({
      executablePath: binary.path,
      args: binary.packaged ? asRoot : [...asRoot, ROOT],
      cwd: ROOT,
      env: { ...process.env, LASTWORD_DATA_DIR: data.path } as Record<string, string>,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForURL('app://kiosk/**');
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    data?.remove();
  });

  it('opens one kiosk window, full screen, without a menu, on app://kiosk', async () => {
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => {
          const [w, ...others] = BrowserWindow.getAllWindows();
          return {
            count: others.length + 1,
            kiosk: w?.isKiosk(),
            fullScreen: w?.isFullScreen(),
            menu: w?.isMenuBarVisible(),
            url: w?.webContents.getURL(),
          };
        }),
      )
      .toEqual({
        count: 1,
        kiosk: true,
        fullScreen: true,
        menu: false,
        url: 'app://kiosk/index.html',
      });
  });

  it('gives the page named bridge functions only, and no Node', async () => {
    const surface = await page.evaluate(() => {
      const w = window as unknown as KioskWindow;
      return {
        keys: Object.keys(w.kiosk).sort(),
        types: [...new Set(Object.values(w.kiosk).map((v) => typeof v))],
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      };
    });
    expect(surface).toEqual({
      keys: [...channels].sort(),
      types: ['function'],
      require: 'undefined',
      process: 'undefined',
    });
  });

  it('sends the strict CSP with the page', async () => {
    const csp = await page.evaluate(async () =>
      (await fetch('/index.html')).headers.get('content-security-policy'),
    );
    expect(csp).toContain("default-src 'none'");
  });

  it('refuses to navigate away or open windows', async () => {
    await page.evaluate(() => {
      window.open('https://example.com/', '_blank');
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://kiosk/index.html');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('does nothing on Ctrl+R, F5, Alt+F4 or Esc, while ordinary typing reaches the page', async () => {
    await page.evaluate(() => {
      const w = window as unknown as KioskWindow;
      w.__lastwordMarker = 'not reloaded';
      w.__keys = [];
      window.addEventListener('keydown', (e) => w.__keys?.push(e.key), true);
    });
    const send = (keyCode: string, modifiers: ('control' | 'alt')[] = []) =>
      app.evaluate(
        ({ BrowserWindow }, k) => {
          const wc = BrowserWindow.getAllWindows()[0]!.webContents;
          wc.sendInputEvent({ type: 'keyDown', keyCode: k.keyCode, modifiers: k.modifiers });
          wc.sendInputEvent({ type: 'keyUp', keyCode: k.keyCode, modifiers: k.modifiers });
        },
        { keyCode, modifiers },
      );
    await send('R', ['control']);
    await send('F5');
    await send('F4', ['alt']);
    await send('Escape');
    await send('A');
    await page.waitForTimeout(1_000);
    const after = await page.evaluate(() => {
      const w = window as unknown as KioskWindow;
      return { marker: w.__lastwordMarker, keys: w.__keys };
    });
    expect(after.marker).toBe('not reloaded');
    expect(after.keys?.map((k) => k.toLowerCase())).toEqual(['a']);
    expect(
      await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((w) => w.isKiosk()),
      ),
    ).toEqual([true]);
  });

  it('a tap through the bridge writes an answer to SQLite', async () => {
    const result = await page.evaluate(() =>
      (window as unknown as KioskWindow).kiosk.startAnswer({ smiley: 4, language: 'en' }),
    );
    expect(result).toMatchObject({ ok: true, value: { durable: true } });
    const db = new Database(join(data.path, 'kiosk.sqlite'), { readonly: true });
    try {
      const row = db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number };
      expect(row.n).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
    }
  });
});
