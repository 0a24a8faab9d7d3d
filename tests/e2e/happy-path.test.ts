import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  button,
  facesReady,
  idleFaces,
  openKiosk,
  tapNow,
  typeOnKeyboard,
  type KioskPage,
} from './kiosk-page.ts';

describe('a happy customer, end to end', () => {
  let k: KioskPage;
  beforeAll(async () => {
    k = await openKiosk();
  });
  afterAll(async () => k?.close());

  it('holds the idle faces still while the next customer steps up; the wave comes after a rest', async () => {
    await idleFaces(k.page).waitFor();
    const waves = await k.page.evaluate(() =>
      document
        .getAnimations()
        .filter((a) => a instanceof CSSAnimation && a.animationName === 'wave')
        .map((a) => Number(a.effect?.getTiming().delay)),
    );
    // A face each, one after another (a wave, not a jump), none before 3 s of rest.
    expect(waves).toHaveLength(5);
    expect(new Set(waves).size).toBe(5);
    expect(Math.min(...waves)).toBeGreaterThanOrEqual(3000);
  });

  it('answers with one tap from idle; the complete answer is in SQLite, no alert, no CSP violation', async () => {
    const { page } = k;
    expect(await k.taps()).toBe(0);
    await button(page, 'Excellent').tap();
    // One tap from the idle screen, and that tap is durable before anything else happens.
    await expect.poll(() => k.answers().map((a) => [a.status, a.smiley])).toEqual([['draft', 5]]);
    expect(await k.taps()).toBe(1);

    // Fingers on the chips: each acts once, as the finger lifts (a second activation from the
    // browser's own late click would take the reason off again).
    const chips = page.locator('.chip');
    const boxes = () =>
      chips.evaluateAll((all) => all.map((c) => c.getBoundingClientRect().toJSON()));
    const before = await boxes();
    await button(page, /Fast service/).tap();
    await button(page, /Friendly staff/).tap();
    // A chosen reason looks chosen without growing: no chip moves under the next finger.
    // (Polled: the pressed look, a slight shrink, is let go just after the finger lifts.)
    await expect.poll(() => chips.and(page.locator('[aria-pressed="true"]')).count()).toBe(2);
    await expect.poll(boxes).toEqual(before);
    await button(page, 'Done').tap();
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
    expect(await k.problems()).toEqual([]);
  });

  it('is ready for the next customer within 3.5 s of the last tap, still saying thank you', async () => {
    const { page } = k;
    // Continues from the thank-you screen above: the last tap was "Send".
    const readyAfter = await facesReady(page);
    await idleFaces(page).waitFor();
    await page.getByText('Thank you!').waitFor();
    const before = await k.taps();
    await tapNow(page, button(page, 'Bad'));
    await page.getByRole('heading', { name: 'What influenced your rating?' }).waitFor();
    expect(readyAfter).toBeLessThanOrEqual(3500);
    expect((await k.taps()) - before).toBe(1);
    await expect
      .poll(() => k.answers().map((a) => [a.status, a.smiley]))
      .toEqual([
        ['complete', 5],
        ['draft', 2],
      ]);
    expect(await k.problems()).toEqual([]);
  });
});
