// The fleet status rules on a controlled clock: offline, crash-looping, storage failing, clock off
// and, above all, silent: no taps for far longer than usual at that hour of the week, counted only
// while the location is open, caught within the store's busiest hour, and right across daylight
// saving changes.
import { describe, expect, it } from 'vitest';
import { instantOf } from '../../shared/local-time.ts';
import {
  DEFAULT_FLEET_RULES,
  judgeKiosk,
  openAt,
  silentSince,
  type KioskFacts,
  type Place,
} from '../../server/fleet/status.ts';

const ZONE = 'Europe/Berlin';
const at = (date: string, hour: number, minute = 0) =>
  instantOf(date, ZONE, hour, minute).getTime();
const MIN = 60_000;
const WEEKDAYS: Place['hours'] = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
};
const store: Place = { timeZone: ZONE, hours: WEEKDAYS, closedDays: [] };

/** Taps per local hour of the week: `base` everywhere, `peak` at the given (weekday, hour)s. */
function usual(base: number, peaks: [number, number, number][] = []): number[] {
  const taps = Array<number>(168).fill(base);
  for (const [weekday, hour, rate] of peaks) taps[(weekday - 1) * 24 + hour] = rate;
  return taps;
}

// 2026-11-23 is a Monday.
const NOW = at('2026-11-23', 12, 0);
const facts = (over: Partial<KioskFacts> = {}): KioskFacts => ({
  enrolledAt: NOW - 30 * 86_400_000,
  lastHeartbeatAt: NOW - 30_000,
  clockFlagged: false,
  storageFailingSince: null,
  restarts: [],
  lastTapAt: NOW - 5 * MIN,
  usualTaps: usual(2),
  place: store,
  judged: null,
  ...over,
});

describe('fleet status', () => {
  it('is ok while heartbeats and taps come as usual', () => {
    expect(judgeKiosk(facts(), NOW)).toEqual({
      status: 'ok',
      since: null,
      problems: [],
      online: true,
    });
    expect(judgeKiosk(facts({ judged: { status: 'ok', since: NOW - MIN } }), NOW).since).toBe(
      NOW - MIN,
    );
  });

  it('is offline after five minutes without a heartbeat, since the last one', () => {
    const last = NOW - 5 * MIN - 1;
    expect(judgeKiosk(facts({ lastHeartbeatAt: NOW - 5 * MIN }), NOW).status).toBe('ok');
    expect(judgeKiosk(facts({ lastHeartbeatAt: last, clockFlagged: true }), NOW)).toEqual({
      status: 'offline',
      since: last,
      problems: ['offline'],
      online: false,
    });
    const never = facts({ lastHeartbeatAt: null });
    expect(judgeKiosk(never, NOW)).toMatchObject({ status: 'offline', since: never.enrolledAt });
  });

  it('is crash-looping after two restarts within an hour, and not for older ones', () => {
    const restarts = [NOW - 50 * MIN, NOW - 10 * MIN];
    expect(judgeKiosk(facts({ restarts }), NOW)).toMatchObject({
      status: 'crash_looping',
      since: NOW - 50 * MIN,
    });
    expect(judgeKiosk(facts({ restarts: [NOW - 70 * MIN, NOW - 10 * MIN] }), NOW).status).toBe(
      'ok',
    );
  });

  it('lists every problem, worst first, and keeps when a clock went off', () => {
    const j = judgeKiosk(
      facts({
        storageFailingSince: NOW - 20 * MIN,
        clockFlagged: true,
        judged: { status: 'clock_off', since: NOW - 99 * MIN },
      }),
      NOW,
    );
    expect(j).toMatchObject({
      status: 'storage_failing',
      since: NOW - 20 * MIN,
      problems: ['storage_failing', 'clock_off'],
    });
    const clock = judgeKiosk(
      facts({ clockFlagged: true, judged: { status: 'clock_off', since: NOW - 99 * MIN } }),
      NOW,
    );
    expect(clock).toMatchObject({ status: 'clock_off', since: NOW - 99 * MIN });
  });

  it("catches a kiosk that goes quiet in the store's busiest hour within that hour", () => {
    // Mondays at noon see 12 taps an hour; other open hours 1.
    const taps = usual(1, [[1, 12, 12]]);
    const lastTap = at('2026-11-23', 12, 0);
    expect(silentSince(lastTap, at('2026-11-23', 12, 35), taps, store)).toBeNull();
    expect(silentSince(lastTap, at('2026-11-23', 13, 0), taps, store)).toBe(
      at('2026-11-23', 12, 40),
    );
    const later = at('2026-11-23', 12, 45);
    const j = judgeKiosk(
      facts({ lastTapAt: lastTap, usualTaps: taps, lastHeartbeatAt: later - MIN }),
      later,
    );
    expect(j).toMatchObject({ status: 'silent', since: at('2026-11-23', 12, 40), online: true });
  });

  it('counts only opening hours: a quiet weekend is not silence, Monday morning is', () => {
    const taps = usual(2);
    const lastTap = at('2026-11-20', 17, 50); // Friday, ten minutes before closing
    expect(silentSince(lastTap, at('2026-11-22', 12, 0), taps, store)).toBeNull();
    // 10 min Friday (1/3 tap), then 7 2/3 taps at 2 an hour from Monday 09:00: 12:50.
    expect(silentSince(lastTap, at('2026-11-23', 15, 0), taps, store)).toBe(
      at('2026-11-23', 12, 50),
    );
    // A closed date counts as closed too.
    const holiday = { ...store, closedDays: ['2026-11-23'] };
    expect(silentSince(lastTap, at('2026-11-23', 15, 0), taps, holiday)).toBeNull();
  });

  it('needs half an hour of opening even where taps usually pour in', () => {
    const taps = usual(0, [[1, 9, 60]]);
    expect(silentSince(at('2026-11-23', 9, 0), NOW, taps, store)).toBe(at('2026-11-23', 9, 30));
  });

  it('is never silent without a usual pattern, a first tap, or usual taps at all', () => {
    expect(silentSince(null, NOW, usual(5), store)).toBeNull();
    expect(silentSince(NOW - 86_400_000, NOW, null, store)).toBeNull();
    expect(silentSince(NOW - 3 * 86_400_000, NOW, usual(0), store)).toBeNull();
  });

  it.each([
    ['spring forward', '2026-03-29', 7],
    ['fall back', '2026-10-25', 8],
  ])('reads local hours across the %s in Berlin', (_change, sunday, utcHour) => {
    // Open around the clock; 16 taps usual only on Sundays 09:00-10:00 local.
    const taps = usual(0, [[7, 9, 16]]);
    const place = { timeZone: ZONE, hours: null, closedDays: [] };
    const lastTap = instantOf(sunday, ZONE, 0, 0).getTime();
    const since = silentSince(lastTap, lastTap + 86_400_000, taps, place);
    expect(new Date(since!).toISOString()).toBe(`${sunday}T0${utcHour}:30:00.000Z`);
  });

  it('says whether a place is open at an instant, in its own zone', () => {
    expect(openAt(store, at('2026-11-23', 8, 59))).toBe(false);
    expect(openAt(store, at('2026-11-23', 9, 0))).toBe(true);
    expect(openAt(store, at('2026-11-22', 12, 0))).toBe(false);
    expect(openAt({ ...store, hours: null }, at('2026-11-22', 3, 0))).toBe(true);
  });

  it('has rules an IT sender can read', () => {
    expect(DEFAULT_FLEET_RULES.offlineAfterMs).toBe(5 * MIN);
  });
});
