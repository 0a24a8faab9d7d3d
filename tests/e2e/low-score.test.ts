import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, openKiosk, type KioskPage } from './kiosk-page.ts';

describe('an unhappy customer, end to end', () => {
  let k: KioskPage;
  beforeAll(async () => {
    k = await openKiosk();
  });
  afterAll(async () => k?.close());

  it('raises the low-score alert on the first tap and the talk-now alert on the button', async () => {
    const { page } = k;
    await button(page, 'Very bad').click();
    await expect.poll(() => k.alerts().map((a) => a.kind)).toEqual(['low_score']);

    await button(page, 'Talk to someone now').click();
    await page.getByText('Someone is on their way').waitFor();
    const id = k.answers()[0]?.id;
    expect(
      k
        .alerts()
        .map((a) => [a.kind, a.answer_id])
        .sort(),
    ).toEqual([
      ['low_score', id],
      ['talk_now', id],
    ]);
    expect(k.answers()[0]).toMatchObject({ status: 'draft', talk_now: 1 });

    await button(page, /Waiting time/).click();
    await button(page, 'Done').click();
    await button(page, '2').click();
    await button(page, '1').click();
    await button(page, 'Skip').click();
    // Unhappy: the callback offer, with its consent box unticked.
    await page.getByRole('heading', { name: 'Would you like us to contact you?' }).waitFor();
    expect(await page.getByRole('checkbox').isChecked()).toBe(false);
    await button(page, 'Skip').click();
    await page.getByRole('heading', { name: 'Thank you for telling us' }).waitFor();

    await expect.poll(() => k.answers()[0]?.status).toBe('complete');
    expect(k.answers()[0]).toMatchObject({ smiley: 1, nps: 2, ces: 1, talk_now: 1 });
    expect(JSON.parse(k.answers()[0]?.reasons ?? 'null')).toEqual(['wait-time']);
    expect(await k.problems()).toEqual([]);
  });
});
