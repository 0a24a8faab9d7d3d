// Where the kiosk keeps its files: LASTWORD_CONFIG names the config file, and an empty one counts
// as unset, so the config (and the enrolment's temporary file) never lands in whatever folder
// the kiosk happened to start in.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskPaths } from '../../electron/core/paths.ts';

describe('kiosk paths', () => {
  it('puts the config in the data folder unless LASTWORD_CONFIG names one', () => {
    expect(kioskPaths('/var/lib/lastword', {}).config).toBe(
      join('/var/lib/lastword', 'kiosk.json'),
    );
    expect(kioskPaths('/var/lib/lastword', { LASTWORD_CONFIG: '/etc/kiosk.json' }).config).toBe(
      '/etc/kiosk.json',
    );
    expect(kioskPaths('/var/lib/lastword', { LASTWORD_CONFIG: '' }).config).toBe(
      join('/var/lib/lastword', 'kiosk.json'),
    );
  });
});
