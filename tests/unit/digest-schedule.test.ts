// When a location's weekly digest falls due, in its own local time (server/digest/schedule.ts),
// the contact blanking every digest comment goes through (blank-contacts.ts), and the settings
// that choose the time (LASTWORD_DIGEST_AT, LASTWORD_PUBLIC_URL). Pure functions:
// no clock, no database.
import { describe, expect, it } from 'vitest';
import { BLANKED, blankContacts } from '../../server/digest/blank-contacts.ts';
import { dueWeek, parseDigestAt, recentWeeks } from '../../server/digest/schedule.ts';
import { settingsFromEnv } from '../../server/settings.ts';

const MONDAY_8 = parseDigestAt('mon 08:00')!;

describe('the digest schedule', () => {
  it('reads a weekday and a 24-hour time, or off, and says what it expects otherwise', () => {
    expect(parseDigestAt('Monday 8:00')).toEqual({ weekday: 1, hour: 8, minute: 0 });
    expect(parseDigestAt(' fri 17:30 ')).toEqual({ weekday: 5, hour: 17, minute: 30 });
    expect(parseDigestAt('OFF')).toBeNull();
    for (const bad of ['mon', '08:00', 'xyz 08:00', 'mon 24:00', 'mon 8:60', 'mon 08:00 extra'])
      expect(() => parseDigestAt(bad), bad).toThrow('e.g. "mon 08:00"');
  });

  it('is due from Monday 08:00 local time and covers the seven days before', () => {
    // 07:59 and 08:00 in Helsinki (UTC+2 in winter).
    expect(dueWeek(MONDAY_8, new Date('2026-11-30T05:59:00Z'), 'Europe/Helsinki')).toEqual({
      week: '2026-11-16',
      dueAt: new Date('2026-11-23T06:00:00Z'),
    });
    expect(dueWeek(MONDAY_8, new Date('2026-11-30T06:00:00Z'), 'Europe/Helsinki')).toEqual({
      week: '2026-11-23',
      dueAt: new Date('2026-11-30T06:00:00Z'),
    });
  });

  it("follows each location's own calendar: Sunday evening in New York is Monday in Auckland", () => {
    const at = new Date('2026-11-29T20:00:00Z');
    expect(dueWeek(MONDAY_8, at, 'America/New_York').week).toBe('2026-11-16');
    // 09:00 on Monday 30 November in Auckland (UTC+13).
    expect(dueWeek(MONDAY_8, at, 'Pacific/Auckland')).toEqual({
      week: '2026-11-23',
      dueAt: new Date('2026-11-29T19:00:00Z'),
    });
  });

  it('keeps 08:00 local across a daylight-saving change', () => {
    // Berlin moves to summer time on Sunday 29 March 2026: Monday 08:00 is then 06:00 UTC.
    expect(dueWeek(MONDAY_8, new Date('2026-03-30T06:00:00Z'), 'Europe/Berlin')).toEqual({
      week: '2026-03-23',
      dueAt: new Date('2026-03-30T06:00:00Z'),
    });
    expect(dueWeek(MONDAY_8, new Date('2026-03-30T05:59:00Z'), 'Europe/Berlin').week).toBe(
      '2026-03-16',
    );
  });

  it('starts a week on the weekday it is sent: a Friday huddle covers Friday to Thursday', () => {
    const friday = parseDigestAt('fri 17:00')!;
    expect(dueWeek(friday, new Date('2026-12-04T17:00:00Z'), 'UTC').week).toBe('2026-11-27');
    expect(recentWeeks(friday, new Date('2026-12-04T17:00:00Z'), 'UTC', 3)).toEqual([
      '2026-11-27',
      '2026-11-20',
      '2026-11-13',
    ]);
  });
});

describe('contact details in digest comments', () => {
  it('blanks e-mail addresses and phone numbers however they are written', () => {
    const cases: [string, string][] = [
      ['mail me at jaan.tamm+shop@example.co.uk please', `mail me at ${BLANKED} please`],
      ['call 0401 234 567', `call ${BLANKED}`],
      ['+49 (170) 123-4567!', `${BLANKED}!`],
      ['tel. 555.123.4567', `tel. ${BLANKED}`],
    ];
    for (const [text, expected] of cases) expect(blankContacts(text)).toBe(expected);
  });

  it('leaves prices, times, dates and desk numbers alone', () => {
    const text = 'Paid 129.90 at desk 2 on 2026-11-30 (or 30.11.2026) around 14:05, waited 20 min';
    expect(blankContacts(text)).toBe(text);
  });
});

describe('the digest settings', () => {
  it('sends on Monday 08:00 unless told otherwise, or never, and names a bad setting', () => {
    expect(settingsFromEnv({})).toMatchObject({ digestSchedule: MONDAY_8, publicUrl: null });
    expect(
      settingsFromEnv({
        LASTWORD_DIGEST_AT: 'fri 16:30',
        LASTWORD_PUBLIC_URL: 'https://feedback.example.com',
      }),
    ).toMatchObject({
      digestSchedule: { weekday: 5, hour: 16, minute: 30 },
      publicUrl: 'https://feedback.example.com',
    });
    expect(settingsFromEnv({ LASTWORD_DIGEST_AT: 'off' }).digestSchedule).toBeNull();
    expect(() => settingsFromEnv({ LASTWORD_DIGEST_AT: 'monday morning' })).toThrow(
      'LASTWORD_DIGEST_AT: a weekday and a 24-hour local time',
    );
    expect(() => settingsFromEnv({ LASTWORD_PUBLIC_URL: 'feedback.example.com' })).toThrow(
      'LASTWORD_PUBLIC_URL: an http(s):// address',
    );
  });
});
