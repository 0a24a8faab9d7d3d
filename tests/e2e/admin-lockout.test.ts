import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PIN } from '../support/config.ts';
import { openKiosk, type KioskPage } from './kiosk-page.ts';

describe('the admin PIN, end to end', () => {
  let k: KioskPage;
  beforeAll(async () => {
    k = await openKiosk();
  });
  afterAll(async () => k?.close());

  async function openPad() {
    for (let i = 0; i < 5; i++) await k.page.mouse.click(15, 15);
    return k.page.getByRole('dialog', { name: 'Admin access' });
  }

  async function enter(pin: string) {
    const pad = k.page.getByRole('dialog', { name: 'Admin access' });
    for (const d of pin) await pad.getByRole('button', { name: d, exact: true }).click();
    const reply = k.page.waitForResponse((r) => r.url().endsWith('/bridge/unlockAdmin'));
    await pad.getByRole('button', { name: 'Unlock' }).click();
    await reply;
  }

  it('opens the status panel with the right PIN', async () => {
    await openPad();
    await enter(DEMO_PIN);
    const panel = k.page.getByRole('dialog', { name: 'Kiosk administration' });
    await panel.getByText(k.kiosk.databasePath).waitFor();
    await panel.getByRole('button', { name: 'Send a test alert' }).click();
    await panel.getByText('Test alert sent.').waitFor();
    expect(k.alerts().map((a) => a.kind)).toEqual(['test']);
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('locks after five wrong PINs, showing the attempts left, and refuses even the right PIN', async () => {
    const pad = await openPad();
    for (const left of [4, 3, 2, 1]) {
      await enter('111111');
      await pad
        .getByText(`Wrong PIN. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`)
        .waitFor();
    }
    await enter('111111');
    await pad.getByText(/Too many wrong PINs\. Locked until \d\d:\d\d( [AP]M)?\./).waitFor();
    await enter(DEMO_PIN);
    await pad.getByText(/Locked until/).waitFor();
    expect(await k.page.getByRole('dialog', { name: 'Kiosk administration' }).count()).toBe(0);
    expect(await k.problems()).toEqual([]);
  });
});
