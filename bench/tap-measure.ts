// How the tap-latency bench measures a UI: journeys driven in real Chromium at 4x CPU
// throttling, and for each interaction the browser's Event Timing (input delay + handlers +
// rendering until the next frame is presented), attributed to the screen of the tap or key
// press that started it.
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium.ts';
import { percentile } from './latency-stats.ts';

const CPU_THROTTLING = 4;
/** The browser reports event entries of 16 ms and more only (the spec's minimum threshold). */
const THRESHOLD_MS = 16;

export const METHOD = {
  cpu_throttling: CPU_THROTTLING,
  viewport: '1920x1080',
  metric: `Event Timing, per interaction the longest entry (input delay + processing + next paint); entries under ${THRESHOLD_MS} ms are not reported by the browser and count as ${THRESHOLD_MS} ms`,
};

declare global {
  interface Window {
    __eventTiming?: { duration: number; interactionId: number; startTime: number }[];
    /** Every tap and key press, with the screen it belonged to (`__screen`, tap-journeys.ts). */
    __inputs?: { t: number; screen: string }[];
  }
}

export interface Percentiles {
  taps: number;
  p50_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
}

function percentiles(values: number[]): Percentiles {
  const all = [...values].sort((a, b) => a - b);
  const pct = (p: number) => percentile(all, p) ?? null;
  return { taps: all.length, p50_ms: pct(50), p95_ms: pct(95), max_ms: all.at(-1) ?? null };
}

/** Per interaction its longest entry, on the screen of the input that started it. */
function byScreen(
  entries: NonNullable<Window['__eventTiming']>,
  inputs: NonNullable<Window['__inputs']>,
): Map<string, number[]> {
  const first = new Map<number, { start: number; duration: number }>();
  for (const e of entries) {
    if (!e.interactionId) continue;
    const seen = first.get(e.interactionId);
    first.set(e.interactionId, {
      start: Math.min(seen?.start ?? Infinity, e.startTime),
      duration: Math.max(seen?.duration ?? 0, e.duration),
    });
  }
  const screenAt = (t: number) =>
    inputs.findLast((i) => i.t <= t + 1)?.screen ?? inputs[0]?.screen ?? '?';
  const result = new Map<string, number[]>();
  for (const { start, duration } of first.values()) {
    const screen = screenAt(start);
    result.set(screen, [...(result.get(screen) ?? []), duration]);
  }
  // Interactions under the threshold are not reported: count them at the threshold.
  const inputsPer = new Map<string, number>();
  for (const i of inputs) inputsPer.set(i.screen, (inputsPer.get(i.screen) ?? 0) + 1);
  for (const [screen, count] of inputsPer) {
    const reported = result.get(screen) ?? [];
    const below = Math.max(0, count - reported.length);
    result.set(screen, [...reported, ...Array<number>(below).fill(THRESHOLD_MS)]);
  }
  return result;
}

/** `journey` run `times` times on the page at `url`, in a fresh Chromium. */
export async function measure(
  url: string,
  journey: (page: Page) => Promise<number>,
  times: number,
): Promise<
  Percentiles & { chromium: string; taps_driven: number; per_screen: Record<string, Percentiles> }
> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.addInitScript((threshold) => {
      window.__eventTiming = [];
      window.__inputs = [];
      const record = (e: Event) =>
        window.__inputs?.push({ t: e.timeStamp, screen: window.__screen ?? '?' });
      // A touch tap fires pointerdown; a physical key fires keydown: one input each.
      addEventListener('pointerdown', record, true);
      addEventListener('keydown', record, true);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as PerformanceEventTiming[]) {
          window.__eventTiming?.push({
            duration: e.duration,
            interactionId: e.interactionId,
            startTime: e.startTime,
          });
        }
      }).observe({
        type: 'event',
        durationThreshold: threshold,
        buffered: true,
      } as PerformanceObserverInit);
    }, THRESHOLD_MS);
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500); // lazy chunks prefetched, fonts in
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
    let taps = 0;
    for (let i = 0; i < times; i++) taps += await journey(page);
    const entries = await page.evaluate(() => window.__eventTiming ?? []);
    const inputs = await page.evaluate(() => window.__inputs ?? []);
    const screens = byScreen(entries, inputs);
    return {
      chromium: browser.version(),
      taps_driven: taps,
      ...percentiles([...screens.values()].flat()),
      per_screen: Object.fromEntries([...screens].map(([s, v]) => [s, percentiles(v)])),
    };
  } finally {
    await browser.close();
  }
}
