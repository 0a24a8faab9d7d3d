// The recognition page in real Chromium against a real collector: a member of staff checks in at
// their desk from the page and out again; a manager who recovered a customer finds themself in
// the team table; the period is in the address; the page fits a phone.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { layoutProblems, NO_PROBLEMS } from '../support/staff-layout.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import {
  LOCATIONS,
  PASSWORD_WORK_MS,
  loginAs,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';

describe('the recognition page', { timeout: PASSWORD_WORK_MS }, () => {
  let c: StaffCollector;
  let browser: Browser;
  let dana: WatchedPage;

  beforeAll(async () => {
    c = await startStaffCollector();
    await c.addUser('dana', 'staff', [LOCATIONS.main.location]);
    await c.addUser('mo', 'manager');
    browser = await launchChromium();
    dana = await watchedPage(browser, { width: 390, height: 844 }, true);
    await loginOnPage(dana.page, c.url, 'dana');
  }, PASSWORD_WORK_MS);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('checks a member of staff in at their desk and out again', async () => {
    const page = dana.page;
    await page.getByRole('link', { name: 'Recognition' }).tap();
    const duty = page.getByRole('region', { name: 'Duty' });
    await duty.getByText('Not on duty').waitFor();
    expect(
      await duty.getByLabel('Where are you working?').locator('option').allTextContents(),
    ).toEqual([`${LOCATIONS.main.touchpoint} · ${LOCATIONS.main.location}`]);
    await duty.getByRole('button', { name: 'Check in' }).tap();
    await duty
      .getByText(`On duty at ${LOCATIONS.main.touchpoint}, ${LOCATIONS.main.location}, since`)
      .waitFor();
    expect(await page.getByRole('region', { name: 'Team' }).count()).toBe(0);
    await page
      .getByRole('region', { name: 'Your figures' })
      .getByText('Low scores (only you see this)')
      .waitFor();
    expect(await layoutProblems(page, true)).toEqual(NO_PROBLEMS);

    await page.reload();
    await duty.getByRole('button', { name: 'Check out' }).tap();
    await duty.getByText('Not on duty').waitFor();
    expect(await dana.problems()).toEqual([]);
  });

  it('shows a manager the team, by customers recovered, for the period in the address', async () => {
    const alert = await c.seedAlert('main');
    const api = await loginAs(c.url, 'mo');
    await api.call('POST', `/staff/api/alerts/${alert.id}/ack`);
    await api.call('POST', `/staff/api/alerts/${alert.id}/resolve`, { outcome: 'recovered' });

    const mo = await watchedPage(browser, { width: 1280, height: 800 });
    await loginOnPage(mo.page, c.url, 'mo');
    await mo.page.goto(`${c.url}/staff/recognition?days=7`);
    const row = mo.page.getByRole('region', { name: 'Team' }).getByRole('row', { name: /Mo/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      '1',
      '0',
      '0',
      'fewer than 20 answers',
    ]);
    expect(await mo.page.getByRole('link', { name: '7 days' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await mo.page.getByRole('link', { name: '90 days' }).click();
    await expect.poll(() => new URL(mo.page.url()).search).toBe('?days=90');
    await row.waitFor();
    expect(await mo.problems()).toEqual([]);
  });
});
