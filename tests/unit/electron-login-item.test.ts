// Start at login follows the kiosk config where Electron can set it (Windows, macOS), only for the
// packaged app, and a broken config leaves the registration alone rather than dropping it.
import { describe, expect, it } from 'vitest';
import { loginItemPlan } from '../../electron/main/policy/login-item.ts';
import { KioskConfig } from '../../shared/config.ts';
import { smallConfig } from '../support/config.ts';

describe('start at login', () => {
  it('is off unless the config asks for it, and registered or dropped as it says', () => {
    const { startAtLogin, ...rest } = KioskConfig.parse(smallConfig());
    expect(startAtLogin).toBe(false);
    expect(KioskConfig.parse({ ...rest, startAtLogin: true }).startAtLogin).toBe(true);
    for (const platform of ['win32', 'darwin'] as const) {
      expect(loginItemPlan({ startAtLogin: true, platform, packaged: true })).toEqual({
        set: { openAtLogin: true },
      });
      expect(loginItemPlan({ startAtLogin: false, platform, packaged: true })).toEqual({
        set: { openAtLogin: false },
      });
    }
  });

  it('leaves Linux to the session, a development run alone, and a broken config unchanged', () => {
    expect(loginItemPlan({ startAtLogin: true, platform: 'linux', packaged: true })).toEqual({
      skip: expect.stringContaining('deploy/linux'),
    });
    expect(loginItemPlan({ startAtLogin: true, platform: 'win32', packaged: false })).toEqual({
      skip: 'not a packaged app',
    });
    expect(loginItemPlan({ startAtLogin: null, platform: 'win32', packaged: true })).toEqual({
      skip: 'no valid kiosk config',
    });
  });
});
