// The whole chain in real Chromium for the staff end-to-end tests and the latency bench: a real
// kiosk (host + SQLite + built renderer) syncing to a real collector whose alert service routes
// to a webhook sink and an SMTP sink, and the staff live screen logged in as a staff member of
// the kiosk's location, each page in its own browser context.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { setRouting } from '../../server/alerts/routing-store.ts';
import { DEFAULT_WEB_DIR } from '../../server/staff/pages.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { launchChromium } from './chromium.ts';
import { exampleConfig } from './config.ts';
import { startKiosk, type RunningKiosk } from './kiosk.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { STAFF_PASSWORD, startStaffCollector, type StaffCollector } from './staff.ts';
import { startWebhookSink, type WebhookSink } from './webhook-sink.ts';

export const STAFF_USER = 'dana';

export interface WatchedPage {
  page: Page;
  /** Uncaught errors, console errors, dialogs and CSP violations seen so far. */
  problems(): Promise<string[]>;
}

export interface StaffStack {
  collector: StaffCollector;
  kiosk: RunningKiosk;
  location: string;
  webhook: WebhookSink;
  smtp: SmtpSink;
  browser: Browser;
  kioskPage: WatchedPage;
  staffPage: WatchedPage;
  close(): Promise<void>;
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

export async function watchedPage(
  browser: Browser,
  viewport = { width: 1920, height: 1080 },
  touch = false,
  locale?: string,
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport,
    hasTouch: touch,
    ...(locale && { locale }),
  });
  const page = await context.newPage();
  const seen: string[] = [];
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A refused connection while the collector restarts is the network, not the page.
    if (m.type() === 'error' && !m.text().includes('ERR_CONNECTION_REFUSED'))
      seen.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    seen.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations?.push(`CSP ${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  return {
    page,
    problems: async () => [...seen, ...(await page.evaluate(() => window.__cspViolations ?? []))],
  };
}

export async function loginOnPage(
  page: Page,
  url: string,
  username = STAFF_USER,
  password = STAFF_PASSWORD,
): Promise<void> {
  if (!existsSync(join(DEFAULT_WEB_DIR, 'index.html'))) {
    throw new Error(
      `no built staff page at ${DEFAULT_WEB_DIR}: run \`node node_modules/vite/bin/vite.js build -c vite.staff.config.ts\``,
    );
  }
  await page.goto(`${url}/staff/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Live', { exact: true }).waitFor();
}

/** kioskNow: the kiosk host's clock (the latency bench moves it past the kiosk's repeat-press window). */
export async function startStaffStack(opts: { kioskNow?: () => Date } = {}): Promise<StaffStack> {
  const [webhook, smtp] = await Promise.all([startWebhookSink(), startSmtpSink()]);
  const collector = await startStaffCollector({
    alerts: {
      targets: { allowHosts: ['127.0.0.1'] },
      // The sink offers no STARTTLS: allowed in the clear, as for a local relay.
      smtp: {
        host: smtp.host,
        port: smtp.port,
        from: 'lastword@example.com',
        allowPlaintext: true,
      },
      retry: { baseDelayMs: 10, maxDelayMs: 40, maxAttempts: 4 },
      tickIntervalMs: 0,
    },
  });
  const config = exampleConfig();
  const { token } = await enrolKiosk(
    collector.storage,
    { kioskId: config.kioskId, location: config.location, touchpoint: config.touchpoint },
    new Date(),
  );
  await setRouting(
    collector.storage,
    config.location,
    {
      thresholds: {},
      channels: [
        {
          name: 'hook',
          kind: 'generic',
          url: `${webhook.url}/lastword`,
          secret: `whsec_${randomBytes(24).toString('base64')}`,
        },
        { name: 'mail', kind: 'email', to: ['manager@example.com'] },
      ],
      notify: ['hook', 'mail'],
    },
    new Date(),
  );
  await collector.addUser(STAFF_USER, 'staff', [config.location]);
  const kiosk = await startKiosk({
    config: { ...config, collector: { url: collector.url, token } },
    ...(opts.kioskNow && { now: opts.kioskNow }),
  });
  const browser = await launchChromium();
  const staffPage = await watchedPage(browser);
  const kioskPage = await watchedPage(browser, { width: 1920, height: 1080 }, true);
  await loginOnPage(staffPage.page, collector.url);
  await kioskPage.page.goto(kiosk.url);
  return {
    collector,
    kiosk,
    location: config.location,
    webhook,
    smtp,
    browser,
    kioskPage,
    staffPage,
    async close() {
      await browser.close();
      await kiosk.close();
      await collector.close();
      await webhook.close();
      await smtp.close();
    },
  };
}
