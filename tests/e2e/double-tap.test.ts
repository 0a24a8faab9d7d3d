// A finger that bounces, or a customer who taps twice to be sure: the second tap lands on
// whatever the next screen has in that spot. For a moment after a change, it must do nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, idleFaces, openKiosk, tapNow, type KioskPage } from './kiosk-page.ts';

declare global {
  interface Window {
    __guarded?: boolean[];
  }
}

/** Tries for a second tap inside the settle time (a busy machine may miss it) this many times. */
const ATTEMPTS = 5;

describe('a double tap, end to end', () => {
  let k: KioskPage;
  beforeAll(async () => {
    k = await openKiosk();
    // For each finger down and each click, in the page as it arrives: was the screen-change
    // guard up? A tap counts as guarded only if it was at both: the browser's click is hit-tested
    // again when the finger lifts, so a tap begun at the very end of the guard is not one.
    await k.page.addInitScript(() => {
      const record = () =>
        window.__guarded?.push(document.querySelector('.stage.settling') !== null);
      window.addEventListener('pointerdown', record, true);
      window.addEventListener('click', record, true);
    });
    await k.page.reload();
    await idleFaces(k.page).waitFor();
  });
  afterAll(async () => k?.close());

  it('takes the face; a second tap on a reason within the settle time does nothing', async () => {
    const { page } = k;
    const reasons = page.getByRole('heading', { name: 'What influenced your rating?' });
    const chip = button(page, /Waiting time/);
    let guarded = false;
    for (let attempt = 1; attempt <= ATTEMPTS && !guarded; attempt++) {
      if (attempt > 1) {
        await page.reload();
        await idleFaces(page).waitFor();
      }
      await page.evaluate(() => (window.__guarded = []));
      await tapNow(page, button(page, 'Bad'));
      await reasons.waitFor();
      const before = await page.evaluate(() => window.__guarded?.length ?? 0);
      await tapNow(page, chip);
      const during = await page.evaluate((n) => window.__guarded?.slice(n) ?? [], before);
      guarded = during.length > 0 && during.every(Boolean);
      if (!guarded) continue;
      expect(await chip.getAttribute('aria-pressed')).toBe('false');
    }
    expect(guarded).toBe(true);

    // The same spot, once the screen has settled: the tap counts. So the guard, not a miss,
    // kept the first one out.
    await chip.tap();
    await expect.poll(() => chip.getAttribute('aria-pressed')).toBe('true');
    await button(page, 'Done').tap();
    await expect.poll(() => k.answers().at(-1)?.reasons).toBeTruthy();
    const answer = k.answers().at(-1);
    expect(answer?.smiley).toBe(2);
    expect(JSON.parse(answer?.reasons ?? 'null')).toEqual(['wait-time']);
    expect(await k.problems()).toEqual([]);
  });
});
