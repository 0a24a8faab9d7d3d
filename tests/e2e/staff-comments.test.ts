// The comment feed page (/staff/comments) in real Chromium against the real collector: a manager
// searches, filters by location and sees the filter in the address bar survive a reload, loads
// the next page, and the page fits a 390×844 phone without sideways scrolling (screenshots of
// both sizes go to /tmp/comments-*.png to be looked at).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerUpload } from '../../shared/protocol.ts';
import { launchChromium } from '../support/chromium.ts';
import { postAnswers, twoZonesWithSurvey } from '../support/kiosk-answers.ts';
import { layoutProblems, NO_PROBLEMS } from '../support/staff-layout.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import { LOCATIONS, startStaffCollector, type StaffCollector } from '../support/staff.ts';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

describe('the comment feed page', () => {
  let c: StaffCollector;
  let browser: Browser;
  let watched: WatchedPage;

  const post = (where: keyof typeof LOCATIONS, list: Partial<AnswerUpload>[]) =>
    postAnswers(c, where, list, 1);

  beforeAll(async () => {
    c = await startStaffCollector();
    await c.addUser('mo', 'manager');
    await twoZonesWithSurvey(c);
    // 28 ordinary comments at the main store, a long one, and one at the outlet.
    await post('main', [
      ...Array.from({ length: 28 }, (_, i) => ({
        finalizedAt: ago(30 + i),
        smiley: 4,
        reasons: ['friendly'],
        comment: `Nice visit number ${i + 1}`,
      })),
      {
        finalizedAt: ago(2),
        smiley: 1,
        nps: 1,
        ces: 7,
        reasons: ['wait', 'staff'],
        comment:
          'We waited at the till for twenty minutes while two people restocked the shelves, and ' +
          `nobody answered the bell. https://shop.example.com/${'x'.repeat(60)}`,
      },
    ]);
    await post('outlet', [
      { finalizedAt: ago(1), smiley: 2, reasons: ['wait'], comment: 'Waiting at the door' },
    ]);
    browser = await launchChromium();
    watched = await watchedPage(browser, { width: 1280, height: 800 });
    await loginOnPage(watched.page, c.url, 'mo');
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  const cards = () => watched.page.locator('.comment-feed > li');

  it('searches, keeps the filter in the address through a reload, and loads more', async () => {
    const { page } = watched;
    await page.getByRole('link', { name: 'Comments' }).click();
    await expect.poll(() => cards().count(), { timeout: 20_000 }).toBe(25);
    await expect.poll(() => page.getByRole('button', { name: 'Load more' }).isVisible()).toBe(true);

    await page.getByLabel('Search comments').fill('waiting');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => cards().count(), { timeout: 20_000 }).toBe(2);
    expect(new URL(page.url()).searchParams.get('q')).toBe('waiting');
    await expect.poll(() => cards().first().textContent()).toContain('Waiting at the door');
    await page.screenshot({ path: '/tmp/comments-1280.png', fullPage: true });

    await page.getByLabel('Location').selectOption({ label: LOCATIONS.main.location });
    await expect.poll(() => cards().count(), { timeout: 20_000 }).toBe(1);
    await page.reload();
    await expect.poll(() => cards().count(), { timeout: 20_000 }).toBe(1);
    const card = await cards().first().textContent();
    expect(card).toContain('We waited at the till');
    expect(card).toContain('Waiting time');
    expect(card).toContain('Checkout 1');
    expect(await page.getByLabel('Search comments').inputValue()).toBe('waiting');
    expect(await page.getByLabel('Location').locator('option:checked').textContent()).toBe(
      LOCATIONS.main.location,
    );

    await page.getByLabel('Search comments').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => cards().count(), { timeout: 20_000 }).toBe(25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => cards().count(), { timeout: 20_000 }).toBe(29);
    expect(await page.getByRole('button', { name: 'Load more' }).isVisible()).toBe(false);
    const texts = await cards().locator('blockquote').allTextContents();
    expect(new Set(texts).size).toBe(29);
    expect(texts.at(-1)).toBe('Nice visit number 28');
    await page.screenshot({ path: '/tmp/comments-loaded-1280.png' });
    expect(await watched.problems()).toEqual([]);
  });

  it('fits a 390×844 phone without sideways scrolling', async () => {
    const { page } = watched;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${c.url}/staff/comments?q=waited&period=7d`);
    await expect.poll(() => cards().count(), { timeout: 20_000 }).toBe(2);
    expect(await layoutProblems(page, true)).toEqual(NO_PROBLEMS);
    await page.screenshot({ path: '/tmp/comments-390.png', fullPage: true });
    await page.goto(
      `${c.url}/staff/comments?period=custom&from=${ago(24 * 5).slice(0, 10)}&to=${ago(-24).slice(0, 10)}`,
    );
    await expect.poll(() => cards().count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await layoutProblems(page, true)).toEqual(NO_PROBLEMS);
    await page.screenshot({ path: '/tmp/comments-custom-390.png', fullPage: true });
    expect(await watched.problems()).toEqual([]);
  });
});
