// Which Chromium serve and the demo run: on Debian, the browser binary itself rather than the
// package's shell launcher in front of it (cold start), and CHROMIUM_PATH over either.
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.ts';

const installed =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('findChromium', () => {
  it("runs Debian's browser binary, not the launcher script that execs it", () => {
    const debian = installed('/usr/bin/chromium', '/usr/lib/chromium/chromium');
    expect(findChromium({}, debian)).toBe('/usr/lib/chromium/chromium');
  });

  it('takes the launcher where it is the only Chromium', () => {
    expect(findChromium({}, installed('/usr/bin/chromium-browser'))).toBe(
      '/usr/bin/chromium-browser',
    );
  });

  it('prefers CHROMIUM_PATH when it exists, and ignores it when it does not', () => {
    const debian = installed('/usr/lib/chromium/chromium', '/opt/chrome/chrome');
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, debian)).toBe(
      '/opt/chrome/chrome',
    );
    expect(findChromium({ CHROMIUM_PATH: '/nowhere/chrome' }, debian)).toBe(
      '/usr/lib/chromium/chromium',
    );
  });

  it('finds none on a machine without one', () => {
    expect(findChromium({}, installed())).toBeNull();
  });
});
