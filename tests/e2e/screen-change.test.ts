// What a screen-reader user gets at each screen change, in a real browser: focus on the new
// screen's heading and the heading read out by the polite live region. The new screen stays
// inert for the frame that shows it (renderer/ScreenSlot.tsx), and focus cannot land inside an
// inert subtree, so this holds only if the screen opens before the announcer moves focus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, openKiosk, type KioskPage } from './kiosk-page.ts';

describe('a screen change, end to end', () => {
  let k: KioskPage;
  beforeAll(async () => {
    k = await openKiosk();
  });
  afterAll(async () => k?.close());

  /** The focused element's text if it is the current screen's heading, and the live region's. */
  const announced = () =>
    k.page.evaluate(() => {
      const heading = document.querySelector('.slot.current h1');
      return {
        focused: document.activeElement === heading ? heading?.textContent : null,
        live: document.querySelector('[role="status"][aria-live="polite"]')?.textContent,
      };
    });

  it('puts focus on each new heading and reads it out', async () => {
    const { page } = k;
    const steps: [tap: string | RegExp, heading: RegExp][] = [
      ['Good', /What influenced your rating/],
      ['Done', /recommend us/],
      ['8', /How easy/],
      ['6', /Anything else/],
      [/^Send$|^Skip$/, /Thank you/],
    ];
    for (const [tap, heading] of steps) {
      await button(page, tap).first().click();
      await expect
        .poll(announced, { timeout: 5_000 })
        .toEqual({ focused: expect.stringMatching(heading), live: expect.stringMatching(heading) });
    }
    expect(await k.problems()).toEqual([]);
  });
});
