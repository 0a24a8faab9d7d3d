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
  answers(): AnswerRow[];
  alerts(): AlertRow[];
  close(): Promise<void>;
}

declare global {
  interface Window {
    __cspViolations?: string[];
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
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations?.push(`CSP ${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  await page.goto(kiosk.url);
  await startButton(page).waitFor();
  const db = new Database(kiosk.databasePath, { readonly: true, fileMustExist: true });
  return {
    kiosk,
    browser,
    page,
    async problems() {
      return [...pageErrors, ...(await page.evaluate(() => window.__cspViolations ?? []))];
    },
    answers: () => db.prepare('SELECT * FROM answers ORDER BY seq').all() as AnswerRow[],
    alerts: () => db.prepare('SELECT * FROM alerts ORDER BY created_at, id').all() as AlertRow[],
    async close() {
      db.close();
      await browser.close();
      await kiosk.close();
    },
  };
}

export const startButton = (page: Page): Locator =>
  page.getByRole('button', { name: /Tap anywhere to start/ });
export const button = (page: Page, name: string | RegExp): Locator =>
  page.getByRole('button', { name, exact: typeof name === 'string' });
export const keyboard = (page: Page): Locator =>
  page.getByRole('group', { name: /keyboard|клавиатура|键盘|klaviatuur|لوحة المفاتيح/i });

export async function typeOnKeyboard(page: Page, keys: string[]): Promise<void> {
  for (const key of keys)
    await keyboard(page).getByRole('button', { name: key, exact: true }).click();
}
