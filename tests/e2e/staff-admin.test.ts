// The web admin's account pages in real Chromium against a real collector: an admin finds them in
// the navigation (a staff member does not, and their address shows the board); adds an account
// through the form (a refusal is shown beside the form and keeps what was typed); changes its
// role; sees each change in the audit log; and the pages fit a phone. Links stay in the app and
// the browser's back button returns to the page before.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { layoutProblems, NO_PROBLEMS } from '../support/staff-layout.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import {
  LOCATIONS,
  PASSWORD_WORK_MS,
  postLogin,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';

const PASSWORD = 'purple-otter-mountain-7';

describe('the web admin: accounts and audit log', { timeout: PASSWORD_WORK_MS }, () => {
  let c: StaffCollector;
  let browser: Browser;
  let admin: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    c = await startStaffCollector();
    await c.addUser('ada', 'admin');
    await c.addUser('dana', 'staff', [LOCATIONS.main.location]);
    browser = await launchChromium();
    admin = await watchedPage(browser, { width: 1280, height: 800 });
    page = admin.page;
    await loginOnPage(page, c.url, 'ada');
  }, PASSWORD_WORK_MS);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('adds an account from the form, refusing a weak password without losing the form', async () => {
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Accounts' })
      .click();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff/users');
    expect(await page.title()).toBe('Lastword · Accounts');

    await page.getByText('Add an account').click();
    const form = page.getByRole('form', { name: 'New account' });
    await form.getByLabel('Username').fill('kim');
    await form.getByLabel('Name shown on cards').fill('Kim Park');
    await form.getByLabel('Role').selectOption('staff');
    await form.getByLabel(LOCATIONS.outlet.location).check();
    await form.getByLabel('Password').fill('short');
    await form.getByRole('button', { name: 'Add account' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: /password/i })
      .waitFor();
    expect(await form.getByLabel('Username').inputValue()).toBe('kim');

    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('status').filter({ hasText: 'Added Kim Park (kim).' }).waitFor();
    const card = page.getByRole('article', { name: 'kim' });
    await card.locator('.places').filter({ hasText: LOCATIONS.outlet.location }).waitFor();
    expect((await postLogin(c.url, 'kim', PASSWORD)).status).toBe(200);
  });

  it('changes the role, and the audit log says who did what', async () => {
    const card = page.getByRole('article', { name: 'kim' });
    await card.getByText('Change').click();
    await card.getByLabel('Role').selectOption('manager');
    await card.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Saved kim\. Signed out on one device\./ })
      .waitFor();
    await card.locator('.places').filter({ hasText: 'All locations' }).waitFor();

    await page.getByRole('link', { name: 'Audit log' }).click();
    const entries = page.locator('.audit-entry');
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(2);
    const text = await entries.allTextContents();
    expect(text[0]).toMatch(/ada changed the account kim.*role: staff → manager/);
    expect(text.some((t) => /ada added the account kim/.test(t))).toBe(true);
    expect(text.join('\n')).not.toContain(PASSWORD);

    await page.goBack();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff/users');
    // The one refusal the first test asked for (a weak password) is all the console shows.
    expect(await admin.problems()).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  });

  it('fits a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/staff/users', '/staff/audit']) {
      await page.goto(`${c.url}${path}`);
      await page.locator('h1').waitFor();
      await page.locator('.account, .audit-entry').first().waitFor();
      if (path === '/staff/users') {
        for (const summary of await page.locator('summary').all()) await summary.click();
      }
      expect(await layoutProblems(page, true), path).toEqual(NO_PROBLEMS);
    }
  });

  it("puts an admin's ten page links on one row of a 1280 px screen", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const links = page.getByRole('navigation', { name: 'Pages' }).getByRole('link');
    const tops = await links.evaluateAll((all) => all.map((a) => a.getBoundingClientRect().top));
    expect(tops).toHaveLength(10);
    expect(new Set(tops).size).toBe(1);
  });

  it('shows a staff member neither the links nor the pages', async () => {
    const staff = await watchedPage(browser, { width: 1280, height: 800 });
    await loginOnPage(staff.page, c.url, 'dana');
    const nav = staff.page.getByRole('navigation', { name: 'Pages' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Live alerts',
      'Results',
      'Weekly digest',
      'Comments',
      'Recognition',
    ]);
    await staff.page.goto(`${c.url}/staff/users`);
    await staff.page.getByText('Live', { exact: true }).waitFor();
    expect(await staff.page.locator('.account').count()).toBe(0);
    expect(await staff.page.title()).toBe('Lastword · Live alerts');
  });
});
