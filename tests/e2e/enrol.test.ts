// A new thin-client kiosk enrolled end to end: `npm run kiosk -- serve` on an empty data folder,
// opened in a real Chromium at the address serve prints, shows the setup screen; the collector
// address, the enrolment code an admin made and the admin PIN are typed on the kiosk's own
// keyboard; the survey appears, and the first tap on it (a low score, whose alert is sent at once)
// reaches the collector. Screenshots of the setup screen at 1920×1080 and 1080×1920 go to
// /tmp/enrol-*.png for a person to look at. Needs `npm run build` first (the kiosk page).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEnrolmentCode } from '../../server/kiosk-api/enrolment-codes.ts';
import { COMMAND_LINE } from '../../server/staff/audit.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { readAlerts } from '../../server/kiosk-api/read-back.ts';
import { launchChromium } from '../support/chromium.ts';
import { startCollector, type RunningCollector } from '../support/collector.ts';
import { exampleConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';
import { button, idleFaces, typeOnKeyboard } from './kiosk-page.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const LAUNCH = /http:\/\/127\.0\.0\.1:\d+\/launch\/[\w-]+/;
const data = tempDir('lastword-enrol-e2e-');
let collector: RunningCollector;
let serve: ChildProcessWithoutNullStreams;
let browser: Browser;

beforeAll(async () => {
  collector = await startCollector();
  await attachConfig(
    collector.storage,
    collector.kioskId,
    { ...exampleConfig(), kioskId: collector.kioskId },
    new Date(),
  );
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
}, 60_000);
afterAll(async () => {
  await browser?.close();
  serve?.kill();
  await collector?.close();
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

describe('enrolling a new kiosk on its setup screen', () => {
  it('types the code on the kiosk keyboard, then the first tap reaches the collector', async () => {
    const { code } = await createEnrolmentCode(
      collector.storage,
      { location: 'Test store', touchpoint: 'Desk 2', by: COMMAND_LINE },
      new Date(),
    );
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(await launchAddress());
    await page.getByRole('heading', { name: 'Set up this kiosk' }).waitFor();
    await page.getByRole('button', { name: '1', exact: true }).first().waitFor();
    await page.screenshot({ path: '/tmp/enrol-1920x1080.png' });
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.screenshot({ path: '/tmp/enrol-1080x1920.png' });
    await page.setViewportSize({ width: 1920, height: 1080 });

    const port = new URL(collector.url).port;
    await page.getByLabel('Collector address').click();
    await typeOnKeyboard(page, [...`127.0.0.1:${port}`]);
    await page.getByLabel('Enrolment code').click();
    await typeOnKeyboard(page, [...code.replace('-', '').toLowerCase()]);
    await page.getByLabel(/New admin PIN/).click();
    await typeOnKeyboard(page, [...'135792']);
    await button(page, 'Connect').click();

    await idleFaces(page).waitFor({ timeout: 30_000 });
    const config = join(data.path, 'kiosk.json');
    expect(statSync(config).mode & 0o777).toBe(0o600);
    const kiosks = await collector.storage.db
      .selectFrom('enrolment_codes')
      .select('used_by_kiosk')
      .execute();
    const kioskId = kiosks[0]!.used_by_kiosk!;
    await button(page, 'Very bad').tap();
    await vi.waitFor(
      async () => {
        const alerts = await readAlerts(collector.storage, kioskId);
        if (!alerts.some((a) => a.kind === 'low_score')) throw new Error('no alert yet');
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
