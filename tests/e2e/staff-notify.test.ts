// A new alert is heard and announced: after the first click on the page (browsers allow sound
// only after a gesture) the WebAudio chime plays, and with notifications permitted a system
// notification names where, without the customer's comment.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import { startStaffCollector, type StaffCollector } from '../support/staff.ts';

declare global {
  interface Window {
    __oscillators?: number;
    __notes?: { title: string; body: string }[];
  }
}

describe('sound and notification for a new alert', () => {
  let c: StaffCollector;
  let browser: Browser;
  let staff: WatchedPage;
  beforeAll(async () => {
    c = await startStaffCollector();
    await c.addUser('mo', 'manager');
    browser = await launchChromium();
    staff = await watchedPage(browser);
    await staff.page.context().grantPermissions(['notifications']);
    // Counts what the page asks of the platform; the real AudioContext still runs.
    await staff.page.addInitScript(() => {
      window.__oscillators = 0;
      window.__notes = [];
      const create = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        window.__oscillators! += 1;
        return create.call(this);
      };
      class FakeNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        constructor(title: string, opts: { body: string }) {
          window.__notes!.push({ title, body: opts.body });
        }
      }
      Object.defineProperty(window, 'Notification', { value: FakeNotification });
    });
    await loginOnPage(staff.page, c.url, 'mo');
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('chimes and notifies once per new alert, after the first gesture', async () => {
    const page = staff.page;
    await page.getByRole('button', { name: /Turn on sound/ }).click();
    await page.getByRole('button', { name: 'Sound on' }).waitFor();
    const before = await page.evaluate(() => window.__oscillators!);
    const alert = await c.seedAlert('main', {
      kind: 'talk_now',
      priority: 'urgent',
      answer: { comment: 'SECRET comment' },
    });
    await page.locator(`article[data-alert-id="${alert.id}"]`).waitFor();
    await expect.poll(() => page.evaluate(() => window.__oscillators! - 0)).toBe(before + 3);
    expect(await page.evaluate(() => window.__notes)).toEqual([
      { title: 'Wants to talk now', body: 'Main store · Checkout 1 — customer is waiting' },
    ]);
    // An update to the same alert (acknowledged elsewhere) is neither heard nor announced again.
    await page
      .locator(`article[data-alert-id="${alert.id}"]`)
      .getByRole('button', { name: /Acknowledge/ })
      .click();
    await page.getByText(/Acknowledged by Mo/).waitFor();
    expect(await page.evaluate(() => window.__oscillators!)).toBe(before + 3);
    expect(await page.evaluate(() => window.__notes!.length)).toBe(1);
    expect(await staff.problems()).toEqual([]);
  });
});
