// The weekly digest page in real Chromium against a real collector whose clock is fixed on the
// Tuesday after the fixture's week (tests/support/digest-fixture.ts): a manager opens it from the
// navigation and reads the week's figures, comments (a contact detail shown as removed) and
// problems, picks another week by the address; the poster prints alone on one A4 or Letter
// page; a member of staff subscribes from a phone, and a manager adds and removes an address,
// both surviving a reload; staff of another location get the 403 on the page. Screenshots at
// 1280×800, 390×844 and in print go to /tmp/digest-shots/ for a person to look at.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { DIGEST, DIGEST_NOW, seedDigestFixture } from '../support/digest-fixture.ts';
import { layoutProblems, NO_PROBLEMS } from '../support/staff-layout.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import {
  LOCATIONS,
  PASSWORD_WORK_MS,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SHOTS = '/tmp/digest-shots';

const REFUSED = (status: number, text: string) =>
  `Failed to load resource: the server responded with a status of ${status} (${text})`;

/** Pages in a PDF that Chromium wrote: one /Type /Page object each. */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

describe('the weekly digest page', { timeout: PASSWORD_WORK_MS }, () => {
  let c: StaffCollector;
  let browser: Browser;
  let manager: WatchedPage;
  let ids: Record<string, number>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    c = await startStaffCollector({ now: () => DIGEST_NOW });
    await c.addUser('mo', 'manager');
    await c.addUser('dana', 'staff', [LOCATIONS.main.location]);
    ids = await seedDigestFixture(c);
    browser = await launchChromium();
    manager = await watchedPage(browser, DESKTOP, false, 'en-US');
    await loginOnPage(manager.page, c.url, 'mo');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  const poster = (page: Page) => page.getByRole('article', { name: LOCATIONS.main.location });
  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

  it('shows a manager the newest week’s poster, its location kept in the address', async () => {
    const { page } = manager;
    await page.getByRole('link', { name: 'Weekly digest' }).click();
    await page.getByRole('heading', { name: 'Weekly digest', level: 1 }).waitFor();
    await poster(page).waitFor({ timeout: 30_000 });
    const main = ids[LOCATIONS.main.location]!;
    expect(new URL(page.url()).search).toBe(`?location=${main}`);
    expect(await poster(page).getByText('Week of 2–8 November 2026').count()).toBe(1);

    const answers = await region(page, 'Answers').textContent();
    expect(answers).toContain(`${DIGEST.answers}`);
    expect(answers).toContain('+4 on the week before');
    expect(answers).toContain(`Only ${DIGEST.answers} answers`);
    const happy = await region(page, 'Happy').textContent();
    expect(happy).toContain(`${DIGEST.happy} %`);
    expect(happy).toContain(`−60 points on the week before`);
    expect(await region(page, 'NPS').locator('.poster-value').textContent()).toBe(
      String(DIGEST.nps),
    );

    const loved = region(page, 'What customers loved');
    expect(await loved.locator('blockquote').allTextContents()).toEqual(DIGEST.best);
    expect(await loved.locator('.poster-meta').allTextContents()).toEqual([
      `Very happy · NPS 10 · ${LOCATIONS.main.touchpoint} · Mon 2 Nov, 10:00`,
      `Happy · NPS 9 · ${LOCATIONS.main.touchpoint} · Tue 3 Nov, 11:00`,
    ]);
    const down = region(page, 'Where we let them down');
    expect(await down.locator('blockquote').allTextContents()).toEqual(DIGEST.worst);
    expect(await down.textContent()).toContain('[contact removed]');
    expect(await page.locator('main').textContent()).not.toContain('eve.customer@example.com');
    expect(await down.locator('li').first().textContent()).toContain(
      `Very unhappy · NPS 0 · ${LOCATIONS.main.touchpoint} · Wed 4 Nov, 12:00`,
    );

    const problems = region(page, 'Top problems');
    expect(await problems.locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Waiting time\s+2 · 100 %/),
      expect.stringMatching(/^Staff\s+1 · 50 %/),
    ]);
    expect(await region(page, 'Alerts handled').textContent()).toContain('No alerts that week.');
    expect(await region(page, 'Thank you').textContent()).toContain('Nobody recovered a customer');
    expect(await poster(page).textContent()).toContain(
      'E-mailed every Monday at 08:00, local time.',
    );
    await page.screenshot({ path: `${SHOTS}/e2e-1280x800.png`, fullPage: true });
    expect(await manager.problems()).toEqual([]);
  });

  it('picks another week by the address, and says so when nobody answered', async () => {
    const { page } = manager;
    await page.getByLabel('Week').selectOption(DIGEST.previous.from);
    await page.waitForURL(/week=2026-10-26/, { timeout: 30_000 });
    await poster(page).getByText('Week of 26 October – 1 November 2026').waitFor();
    expect(await region(page, 'Answers').locator('.poster-value').textContent()).toBe('1');
    await page.reload();
    await poster(page).getByText('Week of 26 October – 1 November 2026').waitFor();

    await page.getByLabel('Week').selectOption('2026-10-19');
    await poster(page).getByText('Week of 19–25 October 2026').waitFor();
    expect(await poster(page).textContent()).toContain(
      `No customer answered at ${LOCATIONS.main.location} that week`,
    );
    await page.goBack();
    await poster(page).getByText('Week of 26 October – 1 November 2026').waitFor();
    await page.goto(`${c.url}/staff/digest`);
    await poster(page).getByText('Week of 2–8 November 2026').waitFor();
  });

  it('prints the poster alone, on one portrait A4 or Letter page', async () => {
    const { page } = manager;
    await page.emulateMedia({ media: 'print' });
    for (const hidden of [
      page.locator('nav.site-nav'),
      page.getByLabel('Week'),
      page.getByRole('button', { name: 'Print poster' }),
      page.getByRole('region', { name: 'Get it by e-mail' }),
    ])
      expect(await hidden.isVisible()).toBe(false);
    expect(await poster(page).isVisible()).toBe(true);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: `${SHOTS}/e2e-print.png`, fullPage: true });
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format, path: `${SHOTS}/e2e-${format}.pdf` });
      expect(pdfPages(pdf), format).toBe(1);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESKTOP);
    expect(await page.getByRole('button', { name: 'Print poster' }).isVisible()).toBe(true);
  });

  it('lets a member of staff subscribe themselves from a phone', async () => {
    const staff = await watchedPage(browser, PHONE, true, 'en-US');
    const { page } = staff;
    await loginOnPage(page, c.url, 'dana');
    await page.getByRole('link', { name: 'Weekly digest' }).tap();
    const panel = page.getByRole('region', { name: 'Get it by e-mail' });
    await panel.getByText('You do not get this digest by e-mail.').waitFor({ timeout: 30_000 });
    expect(await panel.getByText('Everyone who gets it').count()).toBe(0);
    expect(await layoutProblems(page, true)).toEqual(NO_PROBLEMS);
    await page.screenshot({ path: `${SHOTS}/e2e-390x844.png`, fullPage: true });

    const email = panel.getByLabel('E-mail me this digest');
    await email.fill('dana at example');
    await panel.getByRole('button', { name: 'Subscribe' }).tap();
    await expect
      .poll(() => panel.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('must be an e-mail address');
    expect(await email.inputValue()).toBe('dana at example');
    await email.fill('dana@example.com');
    await panel.getByRole('button', { name: 'Subscribe' }).tap();
    await panel.getByText('You get this digest at dana@example.com.').waitFor({ timeout: 30_000 });
    await page.reload();
    await panel.getByText('You get this digest at dana@example.com.').waitFor({ timeout: 30_000 });
    expect(await layoutProblems(page, true)).toEqual(NO_PROBLEMS);

    await panel.getByRole('button', { name: 'Stop e-mailing me' }).tap();
    await panel.getByText('You do not get this digest by e-mail.').waitFor({ timeout: 30_000 });
    // The one refusal asked for (the bad address) is all the console shows.
    expect(await staff.problems()).toEqual([`console: ${REFUSED(400, 'Bad Request')}`]);
    await page.context().close();
  });

  it('lets a manager add and remove an address without an account', async () => {
    const { page } = manager;
    const panel = page.getByRole('region', { name: 'Get it by e-mail' });
    await panel.getByText('Nobody gets this digest by e-mail yet.').waitFor({ timeout: 30_000 });
    const address = panel.getByLabel('Add an address without an account');
    await address.fill('team@example.com');
    await panel.getByRole('button', { name: 'Add' }).click();
    const row = panel.locator('li.subscriber', { hasText: 'team@example.com' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('no account · since');

    await address.fill('Team@Example.com');
    await panel.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => panel.getByRole('alert').textContent(), { timeout: 30_000 })
      .toMatch(/^team@example\.com already gets this digest$/i);

    await page.reload();
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Remove' }).click();
    await panel.getByText('Nobody gets this digest by e-mail yet.').waitFor({ timeout: 30_000 });
    await page.reload();
    await panel.getByText('Nobody gets this digest by e-mail yet.').waitFor({ timeout: 30_000 });
    expect(await manager.problems()).toEqual([`console: ${REFUSED(409, 'Conflict')}`]);
  });

  it('shows staff the refusal for another location’s digest', async () => {
    const staff = await watchedPage(browser, PHONE, true, 'en-US');
    const { page } = staff;
    await loginOnPage(page, c.url, 'dana');
    await page.goto(`${c.url}/staff/digest?location=${ids[LOCATIONS.outlet.location]}`);
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), { timeout: 30_000 })
      .toContain(`"${LOCATIONS.outlet.location}" is not one`);
    expect(await page.getByRole('article').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Get it by e-mail' }).count()).toBe(0);
    await page.context().close();
  });
});
