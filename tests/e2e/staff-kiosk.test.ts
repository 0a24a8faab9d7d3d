// One kiosk's page in the web admin, in real Chromium against a real collector: it shows the
// fleet status the Kiosks list shows (offline, then OK after a heartbeat; "Retired" once
// retired); an admin orders a log fetch, a kiosk (scripted over the real /v1 API) picks the
// order up with its heartbeat and sends lines, and the page shows the order done with the lines
// as text; retiring asks to be confirmed, then the kiosk's token is refused. It fits a monitor and a phone; screenshots go to
// /tmp/kiosk-page-desktop.png, -phone.png and -confirm.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeartbeatReply } from '../../shared/protocol.ts';
import { launchChromium } from '../support/chromium.ts';
import { call, heartbeat } from '../support/collector.ts';
import { layoutProblems, NO_PROBLEMS } from '../support/staff-layout.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import {
  LOCATIONS,
  PASSWORD_WORK_MS,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';

const KIOSK = LOCATIONS.main.kioskId;
const HOSTILE = '{"level":"info","message":"<img src=x onerror=alert(1)>"}';

describe('the web admin: one kiosk', { timeout: PASSWORD_WORK_MS }, () => {
  let c: StaffCollector;
  let browser: Browser;
  let admin: WatchedPage;
  let page: Page;
  const device = () => ({ url: c.url, token: c.tokens[KIOSK]! });

  beforeAll(async () => {
    c = await startStaffCollector();
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

  it('orders a log fetch and shows the lines the kiosk sent, as text', async () => {
    await page.goto(`${c.url}/staff/kiosks/${KIOSK}`);
    await page.getByRole('heading', { name: `Kiosk ${KIOSK}`, level: 1 }).waitFor();
    await page.getByText(`${LOCATIONS.main.location} / ${LOCATIONS.main.touchpoint}`).waitFor();
    // The status the Kiosks list shows (never heard from: offline), under its own name.
    const fleetStatus = page.locator('.kiosk-facts div').filter({ hasText: 'Fleet status' });
    await fleetStatus.locator('.badge.fleet-offline', { hasText: 'Offline' }).waitFor();
    expect(await page.getByText('Active', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Fetch log lines' }).click();
    await page.getByRole('status').filter({ hasText: 'Ordered: Fetch log lines.' }).waitFor();
    await page.locator('.badge.status-pending').waitFor();

    // The kiosk's next heartbeat carries the order; it answers with its lines.
    const beat = await call(device(), 'POST', '/v1/heartbeat', heartbeat(KIOSK), {
      'x-lastword-features': 'commands',
    });
    const [order] = HeartbeatReply.parse(beat.body).commands!;
    expect(order).toMatchObject({ kind: 'fetch_logs', lines: 50 });
    const result = await call(device(), 'POST', `/v1/commands/${order!.id}/result`, {
      status: 'done',
      message: '2 log line(s), customer text withheld',
      logLines: ['{"level":"info","message":"kiosk host started"}', HOSTILE],
    });
    expect(result.status).toBe(200);

    await page.locator('.badge.status-done').waitFor();
    // The page read again after the heartbeat: online now, as the list would say.
    await fleetStatus.locator('.badge.fleet-ok', { hasText: 'OK' }).waitFor();
    await page.getByText('2 log lines').click();
    await expect
      .poll(() => page.locator('.log-lines').textContent())
      .toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('.log-lines img').count()).toBe(0);
    await page.screenshot({ path: '/tmp/kiosk-page-desktop.png', fullPage: true });
    expect(await admin.problems()).toEqual([]);
  });

  it('fits a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Retire' }).waitFor();
    expect(await layoutProblems(page, true)).toEqual(NO_PROBLEMS);
    await page.screenshot({ path: '/tmp/kiosk-page-phone.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('retires the kiosk only once confirmed, and its token is refused', async () => {
    await page.getByRole('button', { name: 'Retire', exact: true }).click();
    const ask = page.getByRole('group', { name: 'Retire' });
    await ask.getByText(/Its token stops working at once/).waitFor();
    await page.screenshot({ path: '/tmp/kiosk-page-confirm.png' });
    expect((await call(device(), 'POST', '/v1/heartbeat', heartbeat(KIOSK))).status).toBe(200);
    await ask.getByRole('button', { name: 'Yes: Retire' }).click();
    await page
      .locator('.kiosk-facts div')
      .filter({ hasText: 'Fleet status' })
      .getByText(/^Retired /)
      .waitFor();
    const refused = await call(device(), 'POST', '/v1/heartbeat', heartbeat(KIOSK));
    expect(refused).toMatchObject({ status: 401, body: { error: 'kiosk_retired' } });
    await page.getByRole('button', { name: 'Replace with a new device' }).waitFor();
    expect(await page.getByRole('button', { name: 'Reload the UI' }).count()).toBe(0);
    expect(await admin.problems()).toEqual([]);
  });
});
