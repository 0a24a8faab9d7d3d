// The size of everything on the panel follows the root's font size (every size is in rem):
// larger text and Arabic scale it up, and a landscape panel's typing screens bring it back, so
// the keyboard fits. Each question must keep its customer's size while the next screen is drawn
// ahead, hidden, beneath it: the comment screen drawn under the CES question once took the
// question's larger text away.
import { afterEach, describe, expect, it } from 'vitest';
import { exampleConfig } from '../support/config.ts';
import { button, openKiosk, type KioskPage } from './kiosk-page.ts';
import { WORDS } from './kiosk-words.ts';

const survey = exampleConfig().survey;
/** 1080 px high: the root is 24 px (100vmin / 45). */
const BASE = 1080 / 45;

const rootSize = (k: KioskPage) =>
  k.page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

/** From the faces to the CES question, and waits until the comment screen is drawn under it. */
async function toCesWithCommentAhead(k: KioskPage, lang: string): Promise<void> {
  const { page } = k;
  await button(page, survey.smiley.labels[1]![lang]!).click();
  await button(page, WORDS[lang]!.done).click();
  await button(page, '8').click();
  await page.locator('.slot.current .count-7').waitFor();
  await page.locator('.slot.prepared .screen-comment').waitFor({ state: 'attached' });
}

describe('text size on every screen, end to end', () => {
  let k: KioskPage;
  afterEach(async () => k?.close());

  it.each([
    { who: 'larger text', choose: 'Larger text', lang: 'en', scale: 1.2 },
    { who: "Arabic's 8%", choose: WORDS.ar!.native, lang: 'ar', scale: 1.08 },
  ])(
    'keeps $who on the CES question while the comment is drawn ahead',
    async ({ choose, lang, scale }) => {
      k = await openKiosk();
      await button(k.page, choose).click();
      expect(await rootSize(k)).toBeCloseTo(BASE * scale, 1);

      await toCesWithCommentAhead(k, lang);
      expect(await rootSize(k)).toBeCloseTo(BASE * scale, 1);

      // The comment screen of a landscape panel: the keyboard fills the height at the usual size.
      await button(k.page, '6').click();
      await k.page.locator('.slot.current .screen-comment').waitFor();
      expect(await rootSize(k)).toBeCloseTo(BASE, 1);
      expect(await k.problems()).toEqual([]);
    },
  );
});
