import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, facesReady, openKiosk, tapNow, type KioskPage } from './kiosk-page.ts';

describe('repeated presses, end to end', () => {
  let k: KioskPage;
  beforeAll(async () => {
    k = await openKiosk();
  });
  afterAll(async () => k?.close());

  it('takes the next customer after the thank-you screen for a new customer, not a repeat', async () => {
    const { page } = k;
    const t0 = Date.now();
    await button(page, 'Very bad').click();
    await button(page, 'Done').click();
    await button(page, 'Skip').click(); // NPS
    await button(page, 'Skip').click(); // CES
    await button(page, 'Skip').click(); // comment
    await button(page, 'Skip').click(); // callback
    // The faces are back as soon as the thank-you lock ends; the next tap is a new answer.
    await facesReady(page);
    await tapNow(page, button(page, 'Very bad'));
    await expect.poll(() => k.answers().length).toBe(2);
    expect(Date.now() - t0).toBeLessThan(10_000);

    const [first, second] = k.answers();
    expect(first).toMatchObject({ status: 'complete', possible_repeat: 0 });
    expect(second).toMatchObject({ status: 'draft', possible_repeat: 0 });
    // Each customer's unhappy face pages staff.
    expect(k.alerts().map((a) => [a.kind, a.answer_id])).toEqual([
      ['low_score', first?.id],
      ['low_score', second?.id],
    ]);
    expect(await k.problems()).toEqual([]);
  });
});
