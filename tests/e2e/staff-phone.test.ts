// Staff carry phones: every screen of the staff app (login, its error, the empty board, a board
// of cards with long customer text, an acknowledged card, a card whose comment was removed, the
// offline and unreadable-update banners, the fatal error) fits a 390×844 phone without sideways
// scrolling, every card inside the screen and every button big enough for a thumb, in real
// Chromium; the same screens are checked on a tablet and a desktop monitor too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetPerson } from '../../server/privacy/person.ts';
import { launchChromium } from '../support/chromium.ts';
import { startRewriteProxy, type RewriteProxy } from '../support/rewrite-proxy.ts';
import { layoutProblems, NO_PROBLEMS } from '../support/staff-layout.ts';
import { loginOnPage } from '../support/staff-page.ts';
import {
  LOCATIONS,
  STAFF_PASSWORD,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';

const PHONE = { width: 390, height: 844 };
const SIZES = [
  { ...PHONE, touch: true },
  { width: 768, height: 1024, touch: true },
  { width: 1920, height: 1080, touch: false },
];

/** What customers really type: a pasted link, a word held down, a paragraph with line breaks. */
const LONG_WORD = `https://shop.example.com/returns/${'a1b2c3d4'.repeat(12)}`;
const LONG_COMMENT = [
  'I waited at the self-checkout for almost twenty minutes because the scanner kept refusing my',
  'loyalty card, and nobody came even though the light was flashing the whole time.',
  '',
  `Nooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo!!! See ${LONG_WORD}`,
].join('\n');

describe('the staff app on a phone', () => {
  let c: StaffCollector;
  let proxy: RewriteProxy;
  let browser: Browser;
  let page: Page;

  /** Checks the screen as it is now at each size, ending back at the phone's; reports every miss. */
  async function expectFits(what: string): Promise<void> {
    for (const { width, height, touch } of SIZES) {
      await page.setViewportSize({ width, height });
      const problems = await layoutProblems(page, touch);
      expect.soft(problems, `${what} at ${width}×${height}`).toEqual(NO_PROBLEMS);
    }
    await page.setViewportSize(PHONE);
  }

  beforeAll(async () => {
    c = await startStaffCollector();
    await c.addUser('dana', 'staff', [LOCATIONS.main.location, LOCATIONS.outlet.location]);
    proxy = await startRewriteProxy(c.url);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await c?.close();
  });

  it('fits the login page, its error and the empty board', async () => {
    await page.goto(`${proxy.url}/staff/`);
    await page.getByLabel('Username').waitFor();
    await expectFits('the login page');

    await page.getByLabel('Username').fill('dana');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Wrong username or password').waitFor();
    await expectFits('the login error');

    await loginOnPage(page, proxy.url, 'dana', STAFF_PASSWORD);
    await page.getByText('All quiet').waitFor();
    await expectFits('the empty board');
  });

  it('fits a board of cards with long customer text, each card whole on the screen', async () => {
    const contact = {
      consentVersion: 'v1',
      name: 'Maximiliane Alexandra von Hohenzollern-Sigmaringen',
      email: 'maximiliane.alexandra.von.hohenzollern-sigmaringen@example.com',
      phone: '+49 170 123 4567 890',
    };
    await c.seedAlert('main', {
      kind: 'talk_now',
      priority: 'urgent',
      answer: { comment: LONG_COMMENT, contact },
    });
    await c.seedAlert('outlet', {
      answer: {
        comment: LONG_WORD,
        ces: 7,
        reasons: ['wait-time', 'staff-friendliness', 'price-much-higher-than-in-the-online-shop'],
      },
    });
    const quiet = await c.seedAlert('main', { priority: 'normal' });
    await c.seedAlert('outlet', { answer: { comment: 'Card reader broken again' } });
    const cards = page.locator('article.card');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(4);
    await expectFits('the board of cards');

    const boxes = await cards.evaluateAll((all) =>
      all.map((card) => {
        const box = card.getBoundingClientRect();
        return { left: box.left, right: box.right, width: window.innerWidth };
      }),
    );
    for (const box of boxes) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(box.width);
    }

    const card = page.locator(`article[data-alert-id="${quiet.id}"]`);
    await card.getByRole('button', { name: /Acknowledge/ }).tap();
    await card.getByText(/Acknowledged by Dana at/).waitFor();
    await card.getByRole('button', { name: 'Resolve' }).tap();
    await card.getByText('Choose an outcome first').waitFor();
    await expectFits('an acknowledged card with an error');
  });

  it('says so on the card when the comment was removed for privacy', async () => {
    const email = 'erase.me@example.com';
    const gone = await c.seedAlert('main', {
      answer: { comment: 'Call me back', contact: { consentVersion: 'v1', name: 'Eve', email } },
    });
    await forgetPerson(c.storage, { email }, new Date());
    await page.reload();
    const card = page.locator(`article[data-alert-id="${gone.id}"]`);
    await card.waitFor();
    expect(await card.locator('.redacted').textContent()).toBe(
      'Comment and contact removed for privacy',
    );
    expect(await card.locator('.comment, .contact').count()).toBe(0);
    await expectFits('a card whose comment was removed');
  });

  it('fits the offline and unreadable-update banners and the fatal error', async () => {
    const restarted = c.restart(2500);
    await page.getByText(/Disconnected — reconnecting/).waitFor();
    await expectFits('the offline banner');
    await restarted;
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });

    proxy.rewrite = (path, text) =>
      path === '/staff/api/stream' ? text.replaceAll('"priority":"high"', '"priority":"?"') : text;
    await page.reload();
    await page.getByText('Live', { exact: true }).waitFor();
    await c.seedAlert('main');
    await page.getByText(/An update from the collector could not be read/).waitFor();
    await expectFits('the unreadable-update banner');

    proxy.rewrite = (path, text) =>
      path === '/staff/api/me' ? text.replace('"role":"staff"', '"role":"owner"') : text;
    await page.reload();
    await page.getByText(/The collector sent a reply this screen cannot read/).waitFor();
    await expectFits('the fatal error');
  });
});
