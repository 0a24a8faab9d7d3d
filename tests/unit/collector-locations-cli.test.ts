// Locations and touchpoints through `node server/cli.ts` as an operator runs it, on one SQLite
// file: a location needs a real IANA zone, hours and closed dates are checked before anything is
// stored, a kiosk is enrolled at a touchpoint, and enrolling at a location nobody added says that
// it is in UTC until its zone is set.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminCli } from '../support/admin-cli.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-locations-cli-');
const env = { ...process.env, LASTWORD_DB: join(dir.path, 'collector.sqlite'), DATABASE_URL: '' };
const cli = (...args: string[]) => adminCli(env, args);
afterAll(() => dir.remove());

describe('collector-admin locations', () => {
  it('refuses a zone that is not IANA, and hours or dates that cannot be read', () => {
    for (const [flag, value, message] of [
      ['--time-zone', 'Berlin', 'is not an IANA time zone'],
      ['--time-zone', '+01:00', 'is not an IANA time zone'],
      ['--hours', 'mon-fri=18:00-08:00', 'is not an opening time'],
      ['--hours', 'weekdays=08:00-18:00', 'is not a weekday'],
      ['--closed', '2026-02-30', 'is not a date'],
    ]) {
      const args = flag === '--time-zone' ? [] : ['--time-zone', 'Europe/Berlin'];
      const r = cli('add-location', 'Main store', ...args, flag!, value!);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(message);
    }
    expect(cli('add-location', 'Main store').stderr).toContain('needs --time-zone');
    expect(cli('locations').stdout).toBe('no locations\n');
  });

  it('adds a location with its zone, hours, closed dates and CRM id, and its touchpoints', () => {
    const added = cli(
      'add-location',
      'Main store',
      '--time-zone',
      'europe/berlin',
      '--hours',
      'mon-fri=08:00-12:00+13:00-18:00,sat=09:00-13:00',
      '--closed',
      '2026-12-26,2026-12-25',
      '--external-id',
      'crm-17',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(cli('add-location', 'Main store', '--time-zone', 'UTC').stderr).toContain(
      'exists already',
    );
    expect(
      cli('add-location', 'Outlet', '--time-zone', 'UTC', '--external-id', 'crm-17').stderr,
    ).toContain('already "Main store"\'s');
    expect(cli('add-touchpoint', 'Main store', 'Desk 1').code).toBe(0);
    expect(cli('add-touchpoint', 'Main store', 'Desk 1').stderr).toContain('already');
    expect(cli('add-touchpoint', 'Nowhere', 'Desk 1').stderr).toContain('no location "Nowhere"');
    const enrolled = cli('enrol', 'desk-1', '--location', 'Main store', '--touchpoint', 'Desk 1');
    expect(enrolled.code, enrolled.stderr).toBe(0);
    expect(enrolled.stdout).not.toContain('UTC');
    expect(cli('locations').stdout).toBe(
      [
        'Main store  (Europe/Berlin, external id crm-17)',
        '  hours: mon=08:00-12:00+13:00-18:00,tue=08:00-12:00+13:00-18:00,wed=08:00-12:00+13:00-18:00,thu=08:00-12:00+13:00-18:00,fri=08:00-12:00+13:00-18:00,sat=09:00-13:00',
        '  closed: 2026-12-25,2026-12-26',
        '  - Desk 1: desk-1',
        '',
      ].join('\n'),
    );
  });

  it('enrols at a new location in UTC and says so; set-location then fixes the zone', () => {
    const r = cli('enrol', 'kiosk-2', '--location', 'Outlet', '--touchpoint', 'Entrance');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'note: new location "Outlet" is in UTC; set its zone: set-location "Outlet" --time-zone <Area/City>',
    );
    expect(cli('set-location', 'Outlet').stderr).toContain('needs --time-zone');
    expect(cli('set-location', 'Nowhere', '--time-zone', 'UTC').stderr).toContain('no location');
    const set = cli(
      'set-location',
      'Outlet',
      '--time-zone',
      'America/New_York',
      '--hours',
      'always',
    );
    expect(set.code, set.stderr).toBe(0);
    const listed = JSON.parse(cli('locations', '--json').stdout) as {
      name: string;
      timeZone: string;
      hours: unknown;
      touchpoints: { name: string; kiosks: string[] }[];
    }[];
    expect(listed.find((l) => l.name === 'Outlet')).toMatchObject({
      timeZone: 'America/New_York',
      hours: null,
      touchpoints: [{ name: 'Entrance', kiosks: ['kiosk-2'] }],
    });
  });
});
