// The kiosk's update policy (electron/core/updates/update-policy.ts): checks spread over the
// fleet, installs only between customers and inside the install window, and a crash loop after
// an update told apart from a kiosk that merely restarted.
import { describe, expect, it } from 'vitest';
import {
  crashLoopAfterUpdate,
  DEFAULT_INSTALL_WINDOW,
  firstCheckDelayMs,
  installDecision,
  recordBoot,
  type Boot,
} from '../../electron/core/updates/update-policy.ts';

const HOUR = 60 * 60_000;
/** A device-local time on 2 December 2026. */
const at = (hh: number, mm = 0) => new Date(2026, 11, 2, hh, mm);

describe('update checks', () => {
  it('spreads the first check of a fleet over the whole interval, the same for a kiosk each time', () => {
    const delays = Array.from({ length: 1_000 }, (_, i) => firstCheckDelayMs(`k${i}`, 4 * HOUR));
    expect(delays.every((d) => d >= 0 && d < 4 * HOUR)).toBe(true);
    const perHour = [0, 1, 2, 3].map(
      (h) => delays.filter((d) => Math.floor(d / HOUR) === h).length,
    );
    for (const n of perHour) expect(n).toBeGreaterThan(200);
    expect(firstCheckDelayMs('k7', 4 * HOUR)).toBe(delays[7]);
  });
});

describe('when a downloaded update is installed', () => {
  it('never while a customer is mid-survey, even inside the window', () => {
    expect(installDecision({ now: at(3), busy: true, window: DEFAULT_INSTALL_WINDOW })).toEqual({
      install: false,
      why: 'a customer is mid-survey',
    });
  });

  it('inside the window (02:00–05:00 by default), not during the day', () => {
    const window = DEFAULT_INSTALL_WINDOW;
    expect(installDecision({ now: at(2), busy: false, window }).install).toBe(true);
    expect(installDecision({ now: at(4, 59), busy: false, window }).install).toBe(true);
    expect(installDecision({ now: at(5), busy: false, window })).toEqual({
      install: false,
      why: 'outside the install window 02:00–05:00',
    });
    expect(installDecision({ now: at(12), busy: false, window }).install).toBe(false);
  });

  it('in a window that runs past midnight', () => {
    const window = { from: '22:00', to: '05:00' };
    expect(installDecision({ now: at(23, 30), busy: false, window }).install).toBe(true);
    expect(installDecision({ now: at(1), busy: false, window }).install).toBe(true);
    expect(installDecision({ now: at(21, 59), busy: false, window }).install).toBe(false);
  });
});

describe('a crash loop after an update', () => {
  const t0 = Date.UTC(2026, 11, 2, 3, 0);
  const boots = (...list: [string, number][]): Boot[] =>
    list.reduce<Boot[]>(
      (h, [version, min]) => recordBoot(h, { version, at: t0 + min * 60_000 }),
      [],
    );

  it('is three starts of the new version within ten minutes', () => {
    expect(crashLoopAfterUpdate(boots(['1.3.0', 0], ['1.4.0', 60], ['1.4.0', 62]))).toBeNull();
    expect(
      crashLoopAfterUpdate(boots(['1.3.0', 0], ['1.4.0', 60], ['1.4.0', 62], ['1.4.0', 65])),
    ).toBe('crash loop after the update from 1.3.0 to 1.4.0: 3 starts in 5 min');
  });

  it('is not a kiosk restarted now and then, nor one never updated', () => {
    expect(
      crashLoopAfterUpdate(boots(['1.3.0', 0], ['1.4.0', 60], ['1.4.0', 200], ['1.4.0', 400])),
    ).toBeNull();
    expect(crashLoopAfterUpdate(boots(['1.4.0', 0], ['1.4.0', 1], ['1.4.0', 2]))).toBeNull();
  });

  it('starts anew after a rollback to the version before', () => {
    const looped = boots(['1.3.0', 0], ['1.4.0', 60], ['1.4.0', 61], ['1.4.0', 62], ['1.3.0', 90]);
    expect(crashLoopAfterUpdate(looped)).toBeNull();
  });

  it('keeps a short history', () => {
    const many = Array.from({ length: 50 }, (_, i): [string, number] => ['1.4.0', i * 100]);
    expect(boots(...many)).toHaveLength(10);
  });
});
