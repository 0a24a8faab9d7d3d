// Bucketing in a location's own time (shared/local-time.ts) across the 2026 daylight saving
// changes in Berlin (last Sundays of March and October, at 01:00 UTC) and New York (8 March at
// 07:00 UTC, 1 November at 06:00 UTC): the day, week, hour and weekday a report puts an answer in,
// and the instants a "day" or "week" filter runs between. Whatever zone the test machine is in.
import { describe, expect, it } from 'vitest';
import {
  endOfLocalDay,
  canonicalTimeZone,
  instantOf,
  isoWeek,
  localDay,
  localDayRange,
  localHourAndWeekday,
  localWeekRange,
  localWeekStart,
  nextDay,
  offsetSpans,
} from '../../shared/local-time.ts';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const at = (iso: string) => new Date(iso);
const hours = (r: { from: Date; to: Date }) => (r.to.getTime() - r.from.getTime()) / 3_600_000;

describe('local days', () => {
  it('spring-forward days have 23 hours and fall-back days 25, in each zone', () => {
    const march = localDayRange('2026-03-29', BERLIN);
    expect(march.from.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(march.to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(hours(march)).toBe(23);
    const october = localDayRange('2026-10-25', BERLIN);
    expect(october.from.toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(hours(october)).toBe(25);
    expect(hours(localDayRange('2026-03-08', NEW_YORK))).toBe(23);
    const november = localDayRange('2026-11-01', NEW_YORK);
    expect(november.from.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(november.to.toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(hours(localDayRange('2026-06-15', BERLIN))).toBe(24);
  });

  it('puts an instant on the day its location sees, not the UTC one', () => {
    expect(localDay(at('2026-03-28T23:30:00Z'), BERLIN)).toBe('2026-03-29');
    expect(localDay(at('2026-03-28T23:30:00Z'), NEW_YORK)).toBe('2026-03-28');
    // The last moment of a 25-hour day is still that day.
    expect(localDay(at('2026-10-25T22:59:59Z'), BERLIN)).toBe('2026-10-25');
    expect(localDay(at('2026-10-25T23:00:00Z'), BERLIN)).toBe('2026-10-26');
  });
});

describe('local hours and weekdays (the heat map)', () => {
  it('skips the hour a spring-forward removes', () => {
    expect(localHourAndWeekday(at('2026-03-29T00:59:00Z'), BERLIN)).toEqual({
      hour: 1,
      weekday: 7,
    });
    expect(localHourAndWeekday(at('2026-03-29T01:00:00Z'), BERLIN).hour).toBe(3);
    expect(localHourAndWeekday(at('2026-03-08T07:00:00Z'), NEW_YORK).hour).toBe(3);
  });

  it('counts both passes through the hour a fall-back repeats as that hour', () => {
    expect(localHourAndWeekday(at('2026-10-25T00:30:00Z'), BERLIN).hour).toBe(2);
    expect(localHourAndWeekday(at('2026-10-25T01:30:00Z'), BERLIN).hour).toBe(2);
    expect(localHourAndWeekday(at('2026-11-01T05:30:00Z'), NEW_YORK).hour).toBe(1);
    expect(localHourAndWeekday(at('2026-11-01T06:30:00Z'), NEW_YORK).hour).toBe(1);
  });

  it('names the weekday of the location: Monday morning in Berlin is Sunday night in New York', () => {
    expect(localHourAndWeekday(at('2026-03-30T03:00:00Z'), BERLIN)).toEqual({
      hour: 5,
      weekday: 1,
    });
    expect(localHourAndWeekday(at('2026-03-30T03:00:00Z'), NEW_YORK)).toEqual({
      hour: 23,
      weekday: 7,
    });
  });
});

describe('local wall times to instants', () => {
  it('moves a time inside the spring-forward gap on by the gap, as Temporal does', () => {
    expect(instantOf('2026-03-29', BERLIN, 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantOf('2026-03-08', NEW_YORK, 2, 30).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('reads a time the fall-back repeats as its first occurrence', () => {
    expect(instantOf('2026-10-25', BERLIN, 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantOf('2026-11-01', NEW_YORK, 1, 30).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('ISO weeks (Monday to Sunday)', () => {
  it('starts the week on the local Monday, across the change', () => {
    // Sunday 29 March, the short day, belongs to the week of Monday 23 March …
    expect(localWeekStart(at('2026-03-29T21:59:00Z'), BERLIN)).toBe('2026-03-23');
    // … and 00:30 on Monday 30 March (22:30 UTC on Sunday) starts the next one.
    expect(localWeekStart(at('2026-03-29T22:30:00Z'), BERLIN)).toBe('2026-03-30');
    const week = localWeekRange('2026-03-23', BERLIN);
    expect(week.from.toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(hours(week)).toBe(7 * 24 - 1);
    expect(hours(localWeekRange('2026-10-19', BERLIN))).toBe(7 * 24 + 1);
  });

  it('numbers weeks by their Thursday, so new year can fall in week 53', () => {
    expect(isoWeek(at('2026-01-01T12:00:00Z'), BERLIN)).toBe('2026-W01');
    expect(isoWeek(at('2027-01-01T12:00:00Z'), BERLIN)).toBe('2026-W53');
    expect(isoWeek(at('2026-12-28T12:00:00Z'), BERLIN)).toBe('2026-W53');
    expect(isoWeek(at('2025-12-29T12:00:00Z'), BERLIN)).toBe('2026-W01');
  });
});

describe('offset spans (bucketing in SQL without a zone database)', () => {
  it('cuts a year at the two changes, with the offset of each span', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    const to = Date.parse('2027-01-01T00:00:00Z');
    const spans = offsetSpans(from, to, BERLIN);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(spans.map((s) => [iso(s.from), iso(s.to), s.offsetMs / 3_600_000])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-03-29T01:00:00.000Z', 1],
      ['2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z', 2],
      ['2026-10-25T01:00:00.000Z', '2027-01-01T00:00:00.000Z', 1],
    ]);
    expect(offsetSpans(from, to, 'UTC')).toEqual([{ from, to, offsetMs: 0 }]);
    const ny = offsetSpans(from, to, NEW_YORK);
    expect(ny.map((s) => iso(s.to))).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
  });
});

describe('time zone names', () => {
  it('takes IANA names in any case and refuses the rest', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('+01:00')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });
});

describe('the end of a local day', () => {
  it('is the next day’s start, and never past year 9999, which the databases cannot store', () => {
    expect(endOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    // A kiosk may date an answer 9999-12-31; a day after it would be year 10000.
    for (const zone of ['UTC', 'America/New_York'])
      expect(endOfLocalDay('9999-12-31', zone).toISOString()).toBe('9999-12-31T23:59:59.999Z');
    // East of UTC that day ends inside year 9999 anyway.
    expect(endOfLocalDay('9999-12-31', 'Pacific/Kiritimati').toISOString()).toBe(
      '9999-12-31T10:00:00.000Z',
    );
  });
});

describe('years 0 to 99', () => {
  // Date.UTC reads a two-digit year as 19xx; a kiosk whose clock was reset can date an answer
  // in year 50, and its day must be looked for in year 50, not in 1950.
  it('keep their century in days, instants, weeks and offsets', () => {
    expect(instantOf('0050-03-01', 'UTC').toISOString()).toBe('0050-03-01T00:00:00.000Z');
    expect(nextDay('0099-12-31')).toBe('0100-01-01');
    expect(endOfLocalDay('0050-03-01', 'UTC').toISOString()).toBe('0050-03-02T00:00:00.000Z');
    expect(localWeekStart(at('0050-03-01T12:00:00Z'), 'UTC')).toBe('0050-02-28');
    expect(isoWeek(at('0050-03-01T12:00:00Z'), 'UTC')).toBe('0050-W09');
    const from = Date.parse('0050-03-01T00:00:00Z');
    expect(offsetSpans(from, from + 86_400_000, 'UTC')).toEqual([
      { from, to: from + 86_400_000, offsetMs: 0 },
    ]);
    expect(localHourAndWeekday(at('0050-03-01T12:00:00Z'), 'UTC')).toEqual({
      hour: 12,
      weekday: 2,
    });
  });
});
