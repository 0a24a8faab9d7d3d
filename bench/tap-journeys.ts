// The customer journeys the tap-latency bench drives: one customer on the kiosk and the same
// customer on the SurveyJS rendering of the survey. Each tap is labelled with the screen it
// lands on, so the bench can report tap -> paint per screen.
import type { CDPSession, Locator, Page } from 'playwright-core';

/**
 * Pause after each tap, past the kiosk's 300 ms double-tap guard, like a person. The bench looks
 * for the next screen only after it: Playwright's locator and waitForFunction probes run in the
 * page's main thread (role queries, accessible names, a check every frame), and probing at once
 * put that work inside the very frame the tap is measured by.
 */
const PACE_MS = 350;

declare global {
  interface Window {
    /** The screen the next tap or key press belongs to (recorded by tap-measure.ts). */
    __screen?: string;
  }
}

/**
 * How long a finger rests on the glass in a tap, and a key stays down (`BENCH_TAP_HOLD_MS`).
 * Playwright's own tap sends the touch's start and end back to back, a contact no finger makes.
 * Chromium then handles the press (pointerover, pointerdown, touchstart) and the release in the
 * same frame, and the tap-down gesture the browser makes from the touch's start arrives after
 * the release: its hit test must first lay out the screen the release just asked for (traces at
 * 4x CPU throttling: 7-10 ms of style and layout between the release and its frame). With a
 * real contact all of that is done while the finger rests, and the release is measured from the
 * moment the finger lifts. 0 gives the back-to-back taps this bench used until December 2026.
 */
const HOLD_MS = Number(process.env.BENCH_TAP_HOLD_MS ?? 80);

async function label(page: Page, screen: string): Promise<void> {
  await page.evaluate((s) => (window.__screen = s), screen);
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** A touch at (x, y) held for HOLD_MS: the same events Playwright's tap sends, in real time. */
async function touch(page: Page, x: number, y: number): Promise<void> {
  if (HOLD_MS === 0) return page.touchscreen.tap(x, y);
  if (!sessions.has(page)) sessions.set(page, page.context().newCDPSession(page));
  const cdp = await sessions.get(page)!;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await page.waitForTimeout(HOLD_MS);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function tap(page: Page, screen: string, target: Locator): Promise<void> {
  await target.waitFor({ state: 'visible' });
  const box = await target.boundingBox();
  if (!box) throw new Error('tap target has no box');
  await label(page, screen);
  await touch(page, box.x + box.width / 2, box.y + box.height / 2);
}

async function settled(page: Page, until: Locator): Promise<void> {
  await page.waitForTimeout(PACE_MS);
  await until.waitFor({ state: 'visible' });
}

type Step = [screen: string, target: Locator, next: Locator];

async function run(page: Page, steps: Step[]): Promise<number> {
  for (const [screen, target, next] of steps) {
    await tap(page, screen, target);
    await settled(page, next);
  }
  return steps.length;
}

/** One customer on the kiosk, from the idle faces back to the idle faces: 14 taps. */
export async function lastwordJourney(page: Page): Promise<number> {
  const button = (name: string | RegExp) =>
    page.getByRole('button', { name, exact: typeof name === 'string' });
  const key = (name: string) =>
    page
      .getByRole('group', { name: 'On-screen keyboard' })
      .getByRole('button', { name, exact: true });
  const chip = (text: string) => page.locator('button[aria-pressed="true"]', { hasText: text });
  let taps = await run(page, [
    ['idle faces', button('Good'), button(/Fast service/)],
    ['reasons', button(/Fast service/), chip('Fast service')],
    ['reasons', button(/Good prices/), chip('Good prices')],
    ['reasons', button('Done'), page.getByRole('heading', { name: /recommend us/ })],
    ['nps', button('8'), page.getByRole('heading', { name: /How easy/ })],
    ['ces', button('6'), key('n')],
  ]);
  for (const [i, k] of ['n', 'i', 'c', 'e', '.'].entries()) {
    await tap(page, 'keyboard', key(k));
    await page.waitForTimeout(PACE_MS);
    await page.waitForFunction(
      (n) => (document.querySelector('textarea')?.value.length ?? 0) === n,
      i + 1,
    );
    taps += 1;
  }
  taps += await run(page, [
    ['comment send', button('Send'), page.getByRole('heading', { name: 'Thank you!' })],
  ]);
  // The faces come back by themselves when the thank-you lock ends.
  await page.waitForFunction(
    () => !document.querySelector('.input-lock') && !document.querySelector('.stage.settling'),
    undefined,
    { polling: 100, timeout: 10_000 },
  );
  await page.waitForTimeout(PACE_MS);
  return taps;
}

/** The same customer on SurveyJS: 14 interactions (the comment is typed on the keyboard). */
export async function surveyJsJourney(page: Page): Promise<number> {
  const q = (name: string) => page.locator(`[data-name="${name}"]`);
  const rating = (name: string, value: number) =>
    q(name).locator('label.sd-rating__item', { has: page.locator(`input[value="${value}"]`) });
  const face = q('smiley').locator('.sd-rating__item-smiley').nth(3);
  let taps = await run(page, [
    ['idle', page.getByRole('button', { name: 'Tap to start' }), face],
    ['faces', face, q('reasonsHigh').getByText('Fast service')],
    [
      'reasons',
      q('reasonsHigh').getByText('Fast service'),
      q('reasonsHigh').getByRole('checkbox', { name: 'Fast service', checked: true }),
    ],
    [
      'reasons',
      q('reasonsHigh').getByText('Good prices'),
      q('reasonsHigh').getByRole('checkbox', { name: 'Good prices', checked: true }),
    ],
    ['reasons', page.getByRole('button', { name: 'Next' }), rating('nps', 8)],
    ['nps', rating('nps', 8), rating('ces', 6)],
    ['ces', rating('ces', 6), q('comment').locator('textarea')],
    ['comment', q('comment').locator('textarea'), q('comment').locator('textarea:focus')],
  ]);
  await label(page, 'keyboard');
  for (const k of ['n', 'i', 'c', 'e']) {
    await page.keyboard.press(k, { delay: HOLD_MS });
    await page.waitForTimeout(PACE_MS);
    taps += 1;
  }
  taps += await run(page, [
    [
      'comment send',
      page.getByRole('button', { name: 'Complete' }),
      page.getByRole('button', { name: 'Start again' }),
    ],
    [
      'thank-you',
      page.getByRole('button', { name: 'Start again' }),
      page.getByRole('button', { name: 'Tap to start' }),
    ],
  ]);
  return taps;
}

/**
 * The browser's own floor: a page with one button whose colour and label change on touchend (as
 * the kiosk's buttons act, renderer/hooks/useTouchGuard.ts), tapped the same way. No page can
 * answer a tap faster in this Chromium on this machine.
 */
export const FLOOR_PAGE = `data:text/html,${encodeURIComponent(`<!doctype html>
<style>
  body { margin: 0; display: grid; place-items: center; height: 100vh; font: 32px sans-serif }
  button { width: 480px; height: 240px; font: inherit; background: #eee; border: 0 }
  button.on { background: #cde }
</style>
<button>Tap</button>
<script>
  let n = 0;
  const b = document.querySelector('button');
  b.addEventListener('touchend', (e) => {
    e.preventDefault();
    b.classList.toggle('on');
    b.textContent = 'Tapped ' + ++n;
  });
</script>`)}`;

/** Twelve taps on the floor page's button, paced as a customer's. */
export async function floorJourney(page: Page): Promise<number> {
  for (let i = 0; i < 12; i++) {
    await tap(page, 'floor', page.getByRole('button'));
    await page.waitForTimeout(PACE_MS);
  }
  return 12;
}
