// One real kiosk (host + SQLite + localhost transport + built renderer) in one real Chromium,
// for the end-to-end journeys. Build the renderer first: `node node_modules/vite/bin/vite.js build`.
import Database from 'better-sqlite3';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { exampleConfig } from '../support/config.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';

export interface AnswerRow {
  id: string;
  seq: number;
  status: 'draft' | 'complete' | 'partial';
  smiley: number;
  reasons: string | null;
  nps: number | null;
  ces: number | null;
  comment: string | null;
  contact: string | null;
  talk_now: number;
  possible_repeat: number;
  language: string;
}

export interface AlertRow {
  id: string;
  answer_id: string | null;
  kind: 'low_score' | 'talk_now' | 'test';
}

export interface KioskPage {
  kiosk: RunningKiosk;
  browser: Browser;
  page: Page;
  /** Uncaught page errors and CSP violations seen so far. */
  problems(): Promise<string[]>;
  /** Every finger or pointer that went down on the page so far. */
  taps(): Promise<number>;
  answers(): AnswerRow[];
  alerts(): AlertRow[];
  close(): Promise<void>;
}

declare global {
  interface Window {
    __cspViolations?: string[];
    __taps?: number;
    __lastTapAt?: number;
  }
}

export async function openKiosk(
  opts: { config?: Record<string, unknown>; width?: number; height?: number } = {},
): Promise<KioskPage> {
  const kiosk = await startKiosk({ config: opts.config ?? exampleConfig() });
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1920, height: opts.height ?? 1080 },
    hasTouch: true,
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
  // Playwright injects this outside the page's CSP, so it sees every violation the page causes.
  await page.addInitScript(() => {
    window.__taps = 0;
    window.addEventListener(
      'pointerdown',
      () => {
        window.__taps = (window.__taps ?? 0) + 1;
        window.__lastTapAt = performance.now();
      },
      true,
    );
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations?.push(`CSP ${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  await page.goto(kiosk.url);
  await idleFaces(page).waitFor();
  const db = new Database(kiosk.databasePath, { readonly: true, fileMustExist: true });
  return {
    kiosk,
    browser,
    page,
    async problems() {
      return [...pageErrors, ...(await page.evaluate(() => window.__cspViolations ?? []))];
    },
    taps: () => page.evaluate(() => window.__taps ?? 0),
    answers: () => db.prepare('SELECT * FROM answers ORDER BY seq').all() as AnswerRow[],
    alerts: () => db.prepare('SELECT * FROM alerts ORDER BY created_at, id').all() as AlertRow[],
    async close() {
      db.close();
      await browser.close();
      await kiosk.close();
    },
  };
}

/** The idle screen in English: the faces, waiting for the next customer. */
export const idleFaces = (page: Page): Locator =>
  page.getByRole('heading', { name: 'How was your visit today?' });

/**
 * Waits until a finger on a face would count: the thank-you lock is gone and the screen-change
 * guard is over. Polled every frame; returns how long that was after the last tap, in ms.
 */
export async function facesReady(page: Page): Promise<number> {
  const since = await page.waitForFunction(
    () =>
      document.querySelector('.screen-smiley') !== null &&
      document.querySelector('.input-lock') === null &&
      document.querySelector('.stage.settling') === null &&
      performance.now() - (window.__lastTapAt ?? 0),
    undefined,
    { polling: 'raf', timeout: 15_000 },
  );
  return Number(await since.jsonValue());
}

/** One finger on the centre of `target`, at once: no waiting for it to become actionable. */
export async function tapNow(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('tap target has no box');
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}
export const button = (page: Page, name: string | RegExp): Locator =>
  page.getByRole('button', { name, exact: typeof name === 'string' });
export const keyboard = (page: Page): Locator =>
  page.getByRole('group', { name: /keyboard|клавиатура|键盘|klaviatuur|لوحة المفاتيح/i });

export async function typeOnKeyboard(page: Page, keys: string[]): Promise<void> {
  for (const key of keys)
    await keyboard(page).getByRole('button', { name: key, exact: true }).click();
}
