import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, openKiosk, startButton, typeOnKeyboard, type KioskPage } from './kiosk-page.ts';

describe('a happy customer, end to end', () => {
  let k: KioskPage;
  beforeAll(async () => {
    k = await openKiosk();
  });
  afterAll(async () => k?.close());

  it('answers everything and the complete answer is in SQLite, with no alert and no CSP violation', async () => {
    const { page } = k;
    await startButton(page).click();
    await button(page, 'Excellent').click();
    // The first tap is durable before anything else happens.
    await expect.poll(() => k.answers().map((a) => [a.status, a.smiley])).toEqual([['draft', 5]]);

    await button(page, /Fast service/).click();
    await button(page, /Friendly staff/).click();
    await button(page, 'Done').click();
    await button(page, '10').click();
    await button(page, '7').click();
    await typeOnKeyboard(page, ['Shift', 'G', 'r', 'e', 'a', 't', '.']);
    await button(page, 'Send').click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();

    await expect.poll(() => k.answers()[0]?.status).toBe('complete');
    const [answer] = k.answers();
    expect(answer).toMatchObject({
      smiley: 5,
      nps: 10,
      ces: 7,
      comment: 'Great.',
      talk_now: 0,
      possible_repeat: 0,
      language: 'en',
      contact: null,
    });
    expect(JSON.parse(answer?.reasons ?? 'null')).toEqual(['fast-service', 'friendly-staff']);
    expect(k.alerts()).toEqual([]);

    // After the thank-you screen the kiosk is ready for the next customer.
    await startButton(page).waitFor({ timeout: 12_000 });
    expect(await k.problems()).toEqual([]);
  });
});
