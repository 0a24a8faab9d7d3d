// Locations and touchpoints through `node server/cli.ts` as an operator runs it, on one SQLite
// file: a location needs a real IANA zone, hours are checked before anything is stored, a kiosk is
// enrolled at a touchpoint, and enrolling at a location nobody added says that it is in UTC until
// its zone is set. (The store's own refusals are in collector-locations.test.ts: no process each.)
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminCli } from '../support/admin-cli.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-locations-cli-');
const env = { ...process.env, LASTWORD_DB: join(dir.path, 'collector.sqlite'), DATABASE_URL: '' };
const cli = (...args: string[]) => adminCli(env, args);
afterAll(() => dir.remove());

describe('collector-admin locations', () => {
  it('refuses a zone that is not IANA and hours it cannot read, storing nothing', () => {
    const zone = cli('add-location', 'Main store', '--time-zone', 'Berlin');
    expect(zone.code).toBe(1);
    expect(zone.stderr).toContain('"Berlin" is not an IANA time zone');
    const hours = cli('add-location', 'Main store', '--time-zone', 'UTC', '--hours', 'mon=18-08');
    expect(hours.stderr).toContain('"18-08" is not an opening time');
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
    expect(cli('add-touchpoint', 'Main store', 'Desk 1').code).toBe(0);
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
