// The results page in real Chromium against the real collector, on the hand-computed fixture
// (tests/support/results-fixture.ts): a manager opens it from the navigation, picks the dates,
// and reads the fixture's figures; the filter is in the address and survives a reload; a reason
// drills down to its answers; a staff member of one location neither sees the other in the page
// nor gets it from the API (403 naming it), and finds their location's weekly digest linked; and
// the page fits a 390×844 phone. Screenshots at 1280×800 and 390×844 go to /tmp/results-*.png
// for a person to look at.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { RESULTS, seedResultsFixture } from '../support/results-fixture.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import { LOCATIONS, startStaffCollector, type StaffCollector } from '../support/staff.ts';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

describe('the results page', () => {
  let c: StaffCollector;
  let browser: Browser;
  let manager: WatchedPage;
  let ids: Record<string, number>;

  beforeAll(async () => {
    c = await startStaffCollector();
    await c.addUser('mo', 'manager');
    await c.addUser('dana', 'staff', [LOCATIONS.main.location]);
    ids = await seedResultsFixture(c);
    browser = await launchChromium();
    // A real browser's language: this machine's C locale makes Chromium report "en-US@posix".
    manager = await watchedPage(browser, DESKTOP, false, 'en-US');
    await loginOnPage(manager.page, c.url, 'mo');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  const tile = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

  it('shows a manager the fixture’s figures for the dates chosen, kept in the address', async () => {
    const { page } = manager;
    await page.getByRole('link', { name: 'Results' }).click();
    await page.getByRole('heading', { name: 'Results', level: 1 }).waitFor();
    await tile(page, 'Answers').waitFor();
    await page.getByLabel('Period').selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill('2026-11-02');
    await page.getByLabel('To', { exact: true }).fill('2026-11-03');
    await page.waitForURL(/from=2026-11-02&to=2026-11-03/, { timeout: 30_000 });
    const check = async () => {
      await expect
        .poll(() => tile(page, 'Answers').textContent(), { timeout: 30_000 })
        .toContain(String(RESULTS.answers));
      expect(await tile(page, 'Answers').textContent()).toContain(
        `Only ${RESULTS.answers} answers`,
      );
      expect(await tile(page, 'Happy').textContent()).toContain(`${RESULTS.happy} %`);
      expect(await tile(page, 'Happy').textContent()).toContain(`−15 points`);
      const nps = await tile(page, 'NPS').textContent();
      expect(nps).toContain(`NPS${Math.round(RESULTS.nps)}±`);
      expect(nps).toContain(`±${Math.round(RESULTS.margin)} (95 % margin of error)`);
      expect(nps).toContain('4 promoters · 2 passives · 3 detractors');
      // Heat map: Monday 09:00 in Berlin holds 3 answers, 2 happy.
      const heat = page.locator('table.heat');
      const nine = heat.locator('tr', { has: page.locator('th', { hasText: '09:00' }) });
      expect(await nine.locator('td').nth(0).textContent()).toBe('66.7%n=3');
    };
    await check();
    expect(new URL(page.url()).pathname).toBe('/staff/results');
    await page.reload();
    await check();
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2026-11-02');
    expect(await manager.problems()).toEqual([]);
  });

  it('drills from a reason down to the answers that chose it', async () => {
    const { page } = manager;
    await page.getByRole('button', { name: /^Waiting time: show the 3 answers/ }).click();
    const list = page.locator('ul.drill > li');
    await expect.poll(() => list.count(), { timeout: 30_000 }).toBe(3);
    expect(await list.first().textContent()).toContain('2026-11-02 22:00 · Outlet');
    const comments = page.locator('main').getByRole('link', { name: 'Comments' }).first();
    expect(await comments.getAttribute('href')).toBe(
      '/staff/comments?period=custom&from=2026-11-02&to=2026-11-03&reason=wait',
    );
  });

  it('fits a phone and prints; screenshots at 1280×800 and 390×844', async () => {
    const { page } = manager;
    await page.screenshot({ path: '/tmp/results-1280x800.png', fullPage: true });
    await page.setViewportSize(PHONE);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
      .toBe(0);
    await page.screenshot({ path: '/tmp/results-390x844.png', fullPage: true });
    // The phone's screens one by one, as someone scrolling would see them.
    for (const [i, at] of ['.tiles', '#trend-h', '#heat-h', '#reasons-h', '#rank-h'].entries()) {
      await page.locator(at).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/results-390x844-${i}.png` });
    }
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESKTOP);
  });

  it('keeps a staff member to their own location, in the page and the API', async () => {
    const staff = await watchedPage(browser, PHONE, true, 'en-US');
    const { page } = staff;
    await loginOnPage(page, c.url, 'dana');
    await page.goto(`${c.url}/staff/results?period=custom&from=2026-11-02&to=2026-11-03`);
    await expect
      .poll(() => tile(page, 'Answers').textContent(), { timeout: 30_000 })
      .toContain('7');
    const text = await page.locator('main').textContent();
    expect(text).toContain(LOCATIONS.main.location);
    expect(text).not.toContain(LOCATIONS.outlet.location);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBe(0);
    // One location chosen: the link to its weekly digest carries it.
    const main = ids[LOCATIONS.main.location]!;
    await page.goto(`${c.url}/staff/results?period=7d&location=${main}`);
    expect(
      await page.locator('main').getByRole('link', { name: 'Weekly digest' }).getAttribute('href'),
    ).toBe(`/staff/digest?location=${main}`);
    const outlet = ids[LOCATIONS.outlet.location]!;
    const reply = await page.request.get(`${c.url}/staff/api/results?location=${outlet}`);
    expect(reply.status()).toBe(403);
    expect(await reply.text()).toContain(LOCATIONS.outlet.location);
    await page.goto(`${c.url}/staff/results?location=${outlet}`);
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain(`"${LOCATIONS.outlet.location}" is not one`);
    await page.context().close();
  });
});
