// An axe-core scan of every customer screen, in all five languages, in the normal and the
// high-contrast theme, on a landscape and a portrait panel: no serious or critical violation.
// The walk is the unhappy customer's (it passes every screen), then the faces with the goodbye.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { exampleConfig } from '../support/config.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { button, facesReady } from './kiosk-page.ts';
import { WORDS } from './kiosk-words.ts';

const survey = exampleConfig().survey;
const VIEWPORTS = [
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'portrait', width: 1080, height: 1920 },
] as const;

// axe-core itself, put into the page once per page load and run for each screen. The walk never
// reloads the page, so one injection serves all 160 scans. @axe-core/playwright re-injected axe
// and opened a helper page on every scan: 3.5 s a scan on the CI machine against 0.1–0.3 s here,
// with the same rules and results.
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
// The WCAG 2.x A and AA rules (axe's best-practice rules are advice, not conformance); only the
// violations are gathered, which spares axe describing every node that passed.
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  resultTypes: ['violations'],
};

declare global {
  interface Window {
    axe?: { run(context: Document, options: RunOptions): Promise<AxeResults> };
  }
}

async function scan(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async (options) => (await window.axe!.run(document, options)).violations,
    AXE_OPTIONS,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target).join(', ')}`);
}

/** One customer through every screen, scanning each; `contrast` turns the theme on first. */
async function walk(page: Page, lang: string, contrast: boolean): Promise<string[]> {
  const w = WORDS[lang]!;
  const found: string[] = [];
  const at = (screen: string) => `${lang} ${contrast ? 'high-contrast' : 'normal'} ${screen}`;
  const contrastToggle = page.locator('.topbar .display-toggle').last();
  await facesReady(page);
  await button(page, w.native).click();
  if (contrast) await contrastToggle.click();
  found.push(...(await scan(page, at('idle faces'))));
  await button(page, survey.smiley.labels[0]![lang]!).click();
  await page.locator('.screen-reasons').waitFor();
  found.push(...(await scan(page, at('reasons'))));
  await button(page, w.done).click();
  await button(page, '10').waitFor();
  found.push(...(await scan(page, at('nps'))));
  await button(page, '3').click();
  await page.locator('.count-7').waitFor();
  found.push(...(await scan(page, at('ces'))));
  await button(page, '2').click();
  await page.locator('.screen-comment .keyboard:not(.placeholder)').waitFor();
  found.push(...(await scan(page, at('comment'))));
  await button(page, w.skip).click();
  await page.locator('.screen-contact').waitFor();
  found.push(...(await scan(page, at('contact'))));
  await button(page, w.skip).click();
  await page.locator('.screen-thanks').waitFor();
  found.push(...(await scan(page, at('thank-you'))));
  // The faces are back with the goodbye; the theme was this customer's, so set it again.
  await facesReady(page);
  if (contrast) await contrastToggle.click();
  found.push(...(await scan(page, at('faces with the goodbye'))));
  if (contrast) await contrastToggle.click();
  return found;
}

describe('accessibility scan (axe-core)', () => {
  let kiosk: RunningKiosk;
  let browser: Browser;
  beforeAll(async () => {
    // The shortest goodbye lock: each of the 20 walks waits it out once, and how long the faces
    // take to come back changes nothing the scan looks at.
    kiosk = await startKiosk({ config: { ...exampleConfig(), thankYouLockSeconds: 1 } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
  });

  it.each(VIEWPORTS)(
    'finds no serious or critical violation on any screen, $name',
    async (viewport) => {
      const context = await browser.newContext({ viewport, hasTouch: true });
      const page = await context.newPage();
      // A launch address opens the page once: each viewport's browser context needs its own.
      await page.goto(kiosk.launchUrl());
      const found: string[] = [];
      for (const lang of Object.keys(WORDS))
        for (const contrast of [false, true]) found.push(...(await walk(page, lang, contrast)));
      await context.close();
      expect(found).toEqual([]);
    },
    600_000,
  );
});
