// Issue 12's journey for IT, end to end in real Chromium: an admin makes an enrolment code on the
// web admin's Enrol page; a new thin-client kiosk (`npm run kiosk -- serve` on an empty data
// folder, opened at the address serve prints) shows its setup screen; the collector address, the
// code and an admin PIN are typed on the kiosk's own keyboard; the survey appears and the first
// tap on it (a low score, whose alert is sent at once) reaches the collector; the Kiosks page shows
// the new kiosk online. Then the kiosk process is killed: once the collector's clock passes the
// offline limit, the Kiosks page shows it offline and an IT alert reaches IT's webhook (and not
// the staff channel). Screenshots of the setup screen at 1920×1080 and 1080×1920 go to
// /tmp/enrol-*.png. Needs `npm run build` first (the kiosk and staff pages).
// A survey edited in the web admin reaching a kiosk after its current customer is
// staff-surveys.test.ts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setItDefault } from '../../server/alerts/it-routing-store.ts';
import { setRouting } from '../../server/alerts/routing-store.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { readAlerts } from '../../server/kiosk-api/read-back.ts';
import { launchChromium } from '../support/chromium.ts';
import { exampleConfig } from '../support/config.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import {
  LOCATIONS,
  PASSWORD_WORK_MS,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';
import { tempDir } from '../support/tmp.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';
import { button, idleFaces, typeOnKeyboard } from './kiosk-page.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const LAUNCH = /http:\/\/127\.0\.0\.1:\d+\/launch\/[\w-]+/;
const MIN = 60_000;
const { location, touchpoint } = LOCATIONS.main;

describe('IT sets up a kiosk and sees it die', { timeout: 4 * PASSWORD_WORK_MS }, () => {
  const data = tempDir('lastword-enrol-e2e-');
  /** The collector's clock runs this far ahead of the real one once the kiosk is dead. */
  let ahead = 0;
  let c: StaffCollector;
  let sink: WebhookSink;
  let serve: ChildProcessWithoutNullStreams;
  let browser: Browser;
  let admin: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    sink = await startWebhookSink();
    c = await startStaffCollector({
      now: () => new Date(Date.now() + ahead),
      alerts: {
        targets: { allowHosts: ['127.0.0.1'] },
        retry: { baseDelayMs: 10, maxDelayMs: 40, maxAttempts: 4 },
        tickIntervalMs: 0,
      },
    });
    await c.addUser('ada', 'admin');
    // The config a new kiosk at this place copies (IT sets up one kiosk, the rollout copies it).
    const { kioskId } = LOCATIONS.main;
    await attachConfig(c.storage, kioskId, { ...exampleConfig(), kioskId }, new Date());
    await setItRouting(c, sink);
    serve = spawn(process.execPath, ['scripts/tasks/kiosk.ts', 'serve', '--port', '0'], {
      cwd: ROOT,
      env: {
        ...process.env,
        LASTWORD_DATA_DIR: data.path,
        LASTWORD_CONFIG: join(data.path, 'kiosk.json'),
      },
    });
    serve.stderr.resume();
    browser = await launchChromium();
    admin = await watchedPage(browser, { width: 1280, height: 800 });
    page = admin.page;
    await loginOnPage(page, c.url, 'ada');
  }, 2 * PASSWORD_WORK_MS);
  afterAll(async () => {
    await browser?.close();
    serve?.kill('SIGKILL');
    await c?.close();
    await sink?.close();
    data.remove();
  });

  /** The printed launch address (it opens the kiosk once). */
  async function launchAddress(): Promise<string> {
    let stdout = '';
    serve.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    return vi.waitFor(
      () => {
        const found = LAUNCH.exec(stdout);
        if (!found) throw new Error(`no launch address yet:\n${stdout}`);
        return found[0];
      },
      { timeout: 30_000, interval: 50 },
    );
  }

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true });

  it('enrols with a code from the web admin, typed on the kiosk keyboard', async () => {
    await nav('Enrol kiosks').click();
    const form = page.getByRole('form', { name: 'New enrolment code' });
    await form.getByLabel('Touchpoint').selectOption({ label: `${location} / ${touchpoint}` });
    await form.getByRole('button', { name: 'Make a code' }).click();
    const shown = page.getByRole('region', { name: 'New enrolment code' });
    const code = (await shown.locator('.code-text').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      hasTouch: true,
    });
    const kiosk = await context.newPage();
    const errors: string[] = [];
    kiosk.on('pageerror', (e) => errors.push(e.message));
    await kiosk.goto(await launchAddress());
    await kiosk.getByRole('heading', { name: 'Set up this kiosk' }).waitFor();
    await kiosk.getByRole('button', { name: '1', exact: true }).first().waitFor();
    await kiosk.screenshot({ path: '/tmp/enrol-1920x1080.png' });
    await kiosk.setViewportSize({ width: 1080, height: 1920 });
    await kiosk.screenshot({ path: '/tmp/enrol-1080x1920.png' });
    await kiosk.setViewportSize({ width: 1920, height: 1080 });

    await kiosk.getByLabel('Collector address').click();
    await typeOnKeyboard(kiosk, [...`127.0.0.1:${new URL(c.url).port}`]);
    await kiosk.getByLabel('Enrolment code').click();
    await typeOnKeyboard(kiosk, [...code.replace('-', '').toLowerCase()]);
    await kiosk.getByLabel(/New admin PIN/).click();
    await typeOnKeyboard(kiosk, [...'135792']);
    await button(kiosk, 'Connect').click();

    await idleFaces(kiosk).waitFor({ timeout: 30_000 });
    expect(statSync(join(data.path, 'kiosk.json')).mode & 0o777).toBe(0o600);
    await button(kiosk, 'Very bad').tap();
    await vi.waitFor(
      async () => {
        const alerts = await readAlerts(c.storage, await newKioskId());
        if (!alerts.some((a) => a.kind === 'low_score')) throw new Error('no alert yet');
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the new kiosk online on the Kiosks page', async () => {
    const id = await newKioskId();
    await nav('Kiosks').click();
    await page.getByRole('heading', { name: 'Kiosks', level: 1 }).waitFor();
    const row = page.locator(`tr[data-kiosk="${id}"]`);
    await expect.poll(() => row.locator('td').allTextContents()).toContain('online');
    expect(await row.textContent()).toContain(touchpoint);
  });

  it('turns offline when the kiosk dies, and IT (not the floor) is told', async () => {
    const id = await newKioskId();
    serve.kill('SIGKILL');
    ahead = 6 * MIN;
    await c.app.fleet.tick();
    // The page polls at once when its tab comes back into view.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.locator(`tr[data-kiosk="${id}"]`).getByText('Offline', { exact: true }).waitFor();
    await vi.waitFor(
      () => {
        const told = sink.received.filter((h) => h.path === '/it' && h.body.includes(id));
        if (told.length === 0) throw new Error('no IT alert yet');
      },
      { timeout: 15_000, interval: 50 },
    );
    const [hook] = sink.received.filter((h) => h.path === '/it' && h.body.includes(id));
    expect(hook!.headers['webhook-signature']).toMatch(/^v1,/);
    const body = JSON.stringify(JSON.parse(hook!.body));
    expect(body).toContain(id);
    expect(body).toContain('offline');
    // The floor heard of the customer's low score, never of the kiosk.
    const floor = sink.received.filter((h) => h.path === '/floor').map((h) => h.body);
    expect(floor.some((b) => b.includes('low_score'))).toBe(true);
    expect(floor.some((b) => b.includes('offline'))).toBe(false);
    expect(await admin.problems()).toEqual([]);
  });

  async function newKioskId(): Promise<string> {
    const [row] = await c.storage.db
      .selectFrom('enrolment_codes')
      .select('used_by_kiosk')
      .where('used_by_kiosk', 'is not', null)
      .execute();
    return row!.used_by_kiosk!;
  }
});

/** IT's own channel, beside a staff one that must stay quiet about kiosks. */
async function setItRouting(c: StaffCollector, sink: WebhookSink): Promise<void> {
  const hook = (name: string) => ({
    name,
    kind: 'generic',
    url: `${sink.url}/${name}`,
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  });
  const now = new Date();
  await setRouting(
    c.storage,
    location,
    { thresholds: { smiley: 2 }, channels: [hook('floor')], notify: ['floor'] },
    now,
  );
  await setItDefault(c.storage, { channels: [hook('it')], it: { notify: ['it'] } }, now);
}
