// The Kiosks page in real Chromium against a real collector on an injected clock: an admin finds
// it in the navigation, sees a kiosk online once it heartbeats, and, when its heartbeats stop
// and the collector's clock passes the offline limit, sees it turn offline by the page's own
// poll (woken as a tab coming back to view wakes it), without a reload; filters narrow the list
// and the enrol page stays one click away. The page fits a phone. A fleet of 152 is paged by a
// hundred rows, with the order and the page kept in the address, and a poll does not throw a
// reader who scrolled the table sideways back to its start.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newDeviceToken } from '../../server/tokens.ts';
import { call, heartbeat } from '../support/collector.ts';
import { launchChromium } from '../support/chromium.ts';
import { layoutProblems, NO_PROBLEMS } from '../support/staff-layout.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import {
  LOCATIONS,
  PASSWORD_WORK_MS,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';

const MIN = 60_000;

describe('the Kiosks page', { timeout: PASSWORD_WORK_MS }, () => {
  let t = Date.now();
  let c: StaffCollector;
  let browser: Browser;
  let admin: WatchedPage;
  let page: Page;
  const main = LOCATIONS.main.kioskId;
  const row = (id: string) => page.locator(`tr[data-kiosk="${id}"]`);
  /** What a tab coming back into view does: the page polls at once. */
  const wake = () => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

  beforeAll(async () => {
    c = await startStaffCollector({ now: () => new Date(t) });
    await c.addUser('ada', 'admin');
    browser = await launchChromium();
    admin = await watchedPage(browser, { width: 1280, height: 800 });
    page = admin.page;
    await loginOnPage(page, c.url, 'ada');
  }, PASSWORD_WORK_MS);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('shows a heartbeating kiosk online, then offline once its heartbeats stop', async () => {
    // Its clock 0.4 s behind the collector's: no skew worth a sign, so "0 s" (not "−0 s").
    const beat = await call({ url: c.url, token: c.tokens[main]! }, 'POST', '/v1/heartbeat', {
      ...heartbeat(main, new Date(t - 400)),
      appVersion: '3.0.1',
      tapsToday: 9,
    });
    expect(beat.status).toBe(200);
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Kiosks', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Kiosks', level: 1 }).waitFor();
    await row(main).getByText('OK', { exact: true }).waitFor();
    await expect
      .poll(() => row(main).locator('td').allTextContents())
      .toEqual(expect.arrayContaining(['online', '3.0.1', '9', '0 s']));
    await row(LOCATIONS.outlet.kioskId).getByText('Offline', { exact: true }).waitFor();

    t += 6 * MIN;
    await wake();
    await row(main).getByText('Offline', { exact: true }).waitFor();
    expect(await row(main).textContent()).toContain('since 6 min ago');
    expect(await admin.problems()).toEqual([]);
  });

  it('filters by status and text, and keeps the enrol page a click away', async () => {
    await page.getByLabel('Search').fill('outlet');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Status').selectOption({ label: 'OK' });
    await page.getByText('No kiosk matches this filter.').waitFor();
    expect(new URL(page.url()).search).toBe('?status=ok');
    await page.getByRole('link', { name: 'Enrol a kiosk' }).click();
    await page.getByRole('heading', { name: 'Enrol kiosks', level: 1 }).waitFor();
  });

  it('fits a phone: the table scrolls inside its box, the page does not', async () => {
    // The same signed-in tab, narrowed to a phone: a second login would cost a password check.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${c.url}/staff/kiosks`);
    await row(main).waitFor();
    const problems = await layoutProblems(page, true);
    // The table's own box scrolls sideways (its kiosk column stays put): what lies past the
    // screen's edge is inside it, and nothing else.
    const inTable = /^(td|th|span|small|a|button|table|tr|tbody|thead)[. ]/;
    expect(problems.offScreen.filter((e) => !inTable.test(e))).toEqual([]);
    expect(problems.spilling.filter((e) => !e.startsWith('div.scroll.fleet-scroll'))).toEqual([]);
    expect({ ...problems, offScreen: [], spilling: [] }).toEqual(NO_PROBLEMS);
  });

  it('pages a large fleet, keeps order and page in the address, and a poll keeps the scroll', async () => {
    const [place] = await c.storage.db
      .selectFrom('locations')
      .select('id')
      .where('name', '=', LOCATIONS.main.location)
      .execute();
    const at = new Date(t).toISOString();
    const desks = await c.storage.db
      .insertInto('touchpoints')
      .values(
        Array.from({ length: 150 }, (_, i) => ({
          location_id: place!.id,
          name: `Desk ${i + 1}`,
          created_at: at,
        })),
      )
      .returning('id')
      .execute();
    await c.storage.db
      .insertInto('kiosks')
      .values(
        desks.map((d, i) => ({
          id: `bulk-${i + 1}`,
          token_hash: hashToken(newDeviceToken()),
          touchpoint_id: d.id,
          enrolled_at: at,
        })),
      )
      .execute();

    // By kiosk, last first: the outlet, then Main store's desks from 150 down (numbers by
    // value), and its checkout last, on the second page.
    await page.goto(`${c.url}/staff/kiosks?sort=kiosk&desc=1`);
    const pager = page.getByRole('navigation', { name: 'Pages of kiosks' });
    await pager.getByText('1–100 of 152').waitFor();
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toBe('Kiosk');
    expect(await page.locator('tbody tr').count()).toBe(100);
    expect(
      await page
        .locator('tbody tr')
        .evaluateAll((rows) => rows.slice(0, 3).map((r) => r.dataset.kiosk)),
    ).toEqual([LOCATIONS.outlet.kioskId, 'bulk-150', 'bulk-149']);
    await pager.getByRole('button', { name: 'Next' }).click();
    await pager.getByText('101–152 of 152').waitFor();
    expect(new URL(page.url()).search).toBe('?sort=kiosk&desc=1&page=2');
    await page.reload();
    await pager.getByText('101–152 of 152').waitFor();
    expect(await page.locator('tbody tr').last().getAttribute('data-kiosk')).toBe(main);

    // Scrolled sideways on the phone, the reader stays there when a poll brings news.
    const box = page.locator('.fleet-scroll');
    await box.evaluate((b) => (b.scrollLeft = 200));
    const beat = await call({ url: c.url, token: c.tokens[main]! }, 'POST', '/v1/heartbeat', {
      ...heartbeat(main, new Date(t)),
      appVersion: '3.0.2',
    });
    expect(beat.status).toBe(200);
    await wake();
    await row(main).getByText('OK', { exact: true }).waitFor();
    expect(await box.evaluate((b) => b.scrollLeft)).toBe(200);
    expect(await admin.problems()).toEqual([]);
  });
});
