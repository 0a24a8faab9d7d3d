// The web admin's enrolment page in real Chromium against a real collector: an admin finds it in
// the navigation, makes a code for a touchpoint and sees it with its QR code (drawn under the
// strict CSP, no violation), a kiosk can trade that code, and an open code is revoked from the
// list; the page fits a phone. A screenshot goes to /tmp/enrol-admin.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { launchChromium } from '../support/chromium.ts';
import { layoutProblems, NO_PROBLEMS } from '../support/staff-layout.ts';
import { smallConfig } from '../support/config.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import {
  LOCATIONS,
  PASSWORD_WORK_MS,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';

describe('the web admin: enrolling kiosks', { timeout: PASSWORD_WORK_MS }, () => {
  let c: StaffCollector;
  let browser: Browser;
  let admin: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    c = await startStaffCollector();
    await c.addUser('ada', 'admin');
    const { kioskId } = LOCATIONS.main;
    await attachConfig(c.storage, kioskId, { ...smallConfig(), kioskId }, new Date());
    browser = await launchChromium();
    admin = await watchedPage(browser, { width: 1280, height: 800 });
    page = admin.page;
    await loginOnPage(page, c.url, 'ada');
  }, PASSWORD_WORK_MS);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('makes a code shown with its QR code, which a kiosk can trade', async () => {
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Enrol kiosks' })
      .click();
    await page.getByRole('heading', { name: 'Enrol kiosks', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'New enrolment code' });
    await form
      .getByLabel('Touchpoint')
      .selectOption({ label: `${LOCATIONS.main.location} / ${LOCATIONS.main.touchpoint}` });
    await form.getByRole('button', { name: 'Make a code' }).click();
    const shown = page.getByRole('region', { name: 'New enrolment code' });
    const code = (await shown.locator('.code-text').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await shown.getByRole('img', { name: `QR code for enrolment code ${code}` }).waitFor();
    await page
      .getByRole('cell', { name: `${LOCATIONS.main.location} / ${LOCATIONS.main.touchpoint}` })
      .waitFor();
    await page.screenshot({ path: '/tmp/enrol-admin.png', fullPage: true });
    expect(await admin.problems()).toEqual([]);

    const res = await fetch(`${c.url}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(200);
  });

  it('revokes an open code from the list', async () => {
    const form = page.getByRole('form', { name: 'New enrolment code' });
    await form.getByRole('button', { name: 'Make a code' }).click();
    await page.getByRole('button', { name: 'Revoke' }).waitFor();
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Revoked the code/ })
      .waitFor();
    await page.getByText('No open codes.').waitFor();
  });

  it('fits a phone, a new code and its QR code included', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page
      .getByRole('form', { name: 'New enrolment code' })
      .getByRole('button', { name: 'Make a code' })
      .click();
    await page.getByRole('button', { name: 'Revoke' }).waitFor();
    expect(await layoutProblems(page, true)).toEqual(NO_PROBLEMS);
  });
});
