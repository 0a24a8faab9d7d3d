// Finds a Chromium for the browser tests without downloading one: the one the kiosk itself would
// run (CHROMIUM_PATH, then the usual places: scripts/chromium.ts), else the Chromium that
// @sparticuz/chromium ships inside its npm package.
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../../scripts/chromium.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function chromiumPath(): Promise<string> {
  const installed = findChromium();
  if (installed) return installed;
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
}
