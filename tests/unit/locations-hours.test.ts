// Opening hours as the heat map and digests will ask them (server/locations/hours.ts): a local
// wall time in the location's zone, inside the weekday's intervals and not on a closed date, with
// the hours an admin typed read back the same.
import { describe, expect, it } from 'vitest';
import { localParts } from '../../shared/local-time.ts';
import {
  formatHours,
  isOpenAt,
  parseClosedDays,
  parseHours,
} from '../../server/locations/hours.ts';

const BERLIN = 'Europe/Berlin';
const open = (hours: string | null, iso: string, closed: string[] = []) =>
  isOpenAt(hours === null ? null : parseHours(hours), closed, localParts(new Date(iso), BERLIN));

describe('opening hours', () => {
  it('reads the local time, so 08:00 opening holds on both sides of a clock change', () => {
    const hours = 'mon-fri=08:00-18:00';
    // Friday 27 March, 07:30 CET (06:30 UTC): not yet open; Monday 30 March, 08:30 CEST (06:30 UTC): open.
    expect(open(hours, '2026-03-27T06:30:00Z')).toBe(false);
    expect(open(hours, '2026-03-30T06:30:00Z')).toBe(true);
    expect(open(hours, '2026-03-30T16:00:00Z')).toBe(false); // 18:00 CEST: closed
    expect(open(hours, '2026-03-28T10:00:00Z')).toBe(false); // Saturday
  });

  it('keeps a lunch break, a day running to midnight, closed dates, and unset hours', () => {
    const hours = 'mon-fri=08:00-12:00+13:00-18:00,sat=20:00-24:00';
    expect(open(hours, '2026-06-15T10:30:00Z')).toBe(false); // Monday 12:30 CEST
    expect(open(hours, '2026-06-20T21:59:00Z')).toBe(true); // Saturday 23:59 CEST
    expect(open(hours, '2026-06-15T07:00:00Z', ['2026-06-15'])).toBe(false);
    expect(open(null, '2026-06-14T01:00:00Z')).toBe(true);
    expect(open(null, '2026-12-25T12:00:00Z', ['2026-12-25'])).toBe(false);
    expect(formatHours(parseHours(hours))).toBe(
      'mon=08:00-12:00+13:00-18:00,tue=08:00-12:00+13:00-18:00,wed=08:00-12:00+13:00-18:00,thu=08:00-12:00+13:00-18:00,fri=08:00-12:00+13:00-18:00,sat=20:00-24:00',
    );
  });

  it('refuses what it cannot read: times, weekdays, overlaps, a day twice, unreal dates', () => {
    expect(() => parseHours('mon-fri=18:00-08:00')).toThrow('is not an opening time');
    expect(() => parseHours('weekdays=08:00-18:00')).toThrow('is not a weekday');
    expect(() => parseClosedDays('2026-02-30')).toThrow('is not a date');
    expect(parseClosedDays('2026-12-26,2026-12-25,2026-12-25')).toEqual([
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(() => parseHours('mon=08:00-12:00+11:00-14:00')).toThrow('overlap');
    expect(() => parseHours('mon-fri=08:00-12:00,fri=13:00-14:00')).toThrow('fri is given twice');
  });
});
