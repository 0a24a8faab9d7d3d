// Customer-written text on the staff screen: script-looking comments and contact names posted by
// a kiosk show as the literal characters typed, create no elements, run nothing, open no dialog
// and trip no CSP report. Also: the screen shows when it is cut off and comes back by itself.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert, answer, call } from '../support/collector.ts';
import { LOCATIONS, startStaffCollector, type StaffCollector } from '../support/staff.ts';
import { launchChromium } from '../support/chromium.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import type { Browser } from 'playwright-core';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  "'><iframe src=javascript:alert(4)>",
  '<a href="javascript:alert(5)">click</a>',
  '{{constructor.constructor("alert(6)")()}}',
  '<style>body{display:none}</style><b>bold?</b>',
];

describe('customer text on the staff screen', () => {
  let c: StaffCollector;
  let browser: Browser;
  let staff: WatchedPage;
  beforeAll(async () => {
    c = await startStaffCollector();
    await c.addUser('mo', 'manager');
    browser = await launchChromium();
    staff = await watchedPage(browser, { width: 1280, height: 800 });
    await loginOnPage(staff.page, c.url, 'mo');
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('shows XSS payloads in comments and contact names as inert text', async () => {
    // One kiosk per payload: alerts from one kiosk are folded into one card by the aggregation
    // window, and every payload must reach the screen as its own comment and name.
    const { location } = LOCATIONS.main;
    const sentAt = new Date().toISOString();
    for (const [i, p] of PAYLOADS.entries()) {
      const kioskId = `xss-${i}`;
      const touchpoint = `Till ${i}`;
      const { token } = await enrolKiosk(c.storage, { kioskId, location, touchpoint }, new Date());
      const k = { url: c.url, token };
      const a = answer(kioskId, 1, {
        smiley: 1,
        comment: p,
        contact: { consentVersion: 'v1', name: p.slice(0, 100), email: `x${i}@example.com` },
        finalizedAt: sentAt,
        startedAt: sentAt,
      });
      const al = alert({
        id: uuidv7(),
        answerId: a.id,
        createdAt: sentAt,
        detail: { location, touchpoint, smiley: 1 },
      });
      expect((await call(k, 'POST', '/v1/alerts', { kioskId, sentAt, alerts: [al] })).status).toBe(
        200,
      );
      expect((await call(k, 'POST', '/v1/answers', { kioskId, sentAt, answers: [a] })).status).toBe(
        200,
      );
    }
    await c.app.alerts.idle();

    const page = staff.page;
    await expect
      .poll(async () => (await page.locator('blockquote.comment').allTextContents()).sort(), {
        timeout: 10_000,
      })
      .toEqual([...PAYLOADS].sort());
    expect((await page.locator('.contact-name').allTextContents()).sort()).toEqual(
      [...PAYLOADS].sort(),
    );
    expect(
      await page
        // The page below the navigation strip, whose links are the app's own.
        .locator('.page :is(img, svg, script, iframe, style, b, a[href])')
        .count(),
    ).toBe(0);
    await page.waitForTimeout(500);
    expect(await staff.problems()).toEqual([]);
    expect(await page.evaluate(() => document.body.checkVisibility())).toBe(true);
  });

  it('shows "disconnected — reconnecting" while the collector is down, then goes live again by itself', async () => {
    const page = staff.page;
    const restarted = c.restart(2500);
    await page.getByText(/Disconnected — reconnecting/).waitFor();
    expect(await page.locator('.conn').textContent()).toBe('Offline');
    await restarted;
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await page.getByText(/Disconnected — reconnecting/).count()).toBe(0);
    const fresh = await c.seedAlert('outlet', { kind: 'talk_now', priority: 'urgent' });
    const card = page.locator(`article[data-alert-id="${fresh.id}"]`);
    await card.waitFor({ timeout: 10_000 });
    expect(await card.locator('.badge.waiting').textContent()).toBe('Waiting');
    expect(await staff.problems()).toEqual([]);
  });
});
