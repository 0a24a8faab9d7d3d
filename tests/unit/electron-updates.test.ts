// The Electron side of app updates (electron/main/updates.ts) with a stand-in for
// electron-updater (the Electron boundary) and a fake clock: the feed is the kiosk's collector
// with its device token, checks are spread and repeat, and a downloaded update waits for the
// install window and for the customer on the screen to finish.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { firstCheckDelayMs } from '../../electron/core/updates/update-policy.ts';
import { startUpdates, INSTALL_CHECK_MS, type Updater } from '../../electron/main/updates.ts';

const HOUR = 60 * 60_000;

class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = false;
  disableDifferentialDownload = false;
  requestHeaders: Record<string, string> | null = null;
  feed: unknown = null;
  checks = 0;
  installs = 0;
  setFeedURL(options: unknown) {
    this.feed = options;
  }
  async checkForUpdates() {
    this.checks++;
    return null;
  }
  quitAndInstall() {
    this.installs++;
  }
}

const config = {
  kioskId: 'desk-1',
  collector: { url: 'https://collector.example', token: 'device-token' },
  updates: { checkEveryHours: 4, installWindow: { from: '02:00', to: '05:00' } },
};

let updater: FakeUpdater;
let busy = false;
const lines: string[] = [];
const start = (over: Partial<typeof config> = {}) =>
  startUpdates({
    updater,
    config: { ...config, ...over } as Parameters<typeof startUpdates>[0]['config'],
    busy: () => busy,
    now: () => new Date(),
    log: (_level, message) => void lines.push(message),
  });

beforeEach(() => {
  vi.useFakeTimers();
  // Noon, device-local: outside the default install window.
  vi.setSystemTime(new Date(2026, 11, 2, 12, 0));
  updater = new FakeUpdater();
  busy = false;
  lines.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('kiosk app updates', () => {
  it('asks its own collector with its device token, and never installs on quit', () => {
    expect(start()).toBe(true);
    expect(updater.feed).toEqual({
      provider: 'generic',
      url: 'https://collector.example/v1/updates',
    });
    expect(updater.requestHeaders).toEqual({ authorization: 'Bearer device-token' });
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: false,
      allowDowngrade: true,
      disableDifferentialDownload: true,
    });
  });

  it('does nothing for a kiosk without a collector', () => {
    expect(start({ collector: undefined } as never)).toBe(false);
    vi.advanceTimersByTime(24 * HOUR);
    expect(updater.checks).toBe(0);
  });

  it('checks first at its spread-out moment, then every interval', () => {
    start();
    const first = firstCheckDelayMs('desk-1', 4 * HOUR);
    vi.advanceTimersByTime(first - 1);
    expect(updater.checks).toBe(0);
    vi.advanceTimersByTime(1);
    expect(updater.checks).toBe(1);
    vi.advanceTimersByTime(8 * HOUR);
    expect(updater.checks).toBe(3);
  });

  it('installs a download only in the window, and not while a customer is answering', () => {
    start();
    updater.emit('update-downloaded', { version: '1.4.0' });
    vi.advanceTimersByTime(INSTALL_CHECK_MS * 5);
    expect(updater.installs).toBe(0);
    // 02:00 arrives with a customer at the screen: still waits.
    busy = true;
    vi.setSystemTime(new Date(2026, 11, 3, 2, 0));
    vi.advanceTimersByTime(INSTALL_CHECK_MS * 3);
    expect(updater.installs).toBe(0);
    busy = false;
    vi.advanceTimersByTime(INSTALL_CHECK_MS);
    expect(updater.installs).toBe(1);
    expect(lines).toContain('installing the update and restarting');
  });

  it('logs a failing check once, not every time', () => {
    start();
    for (let i = 0; i < 3; i++) updater.emit('error', new Error('net::ERR_CONNECTION_REFUSED'));
    expect(lines.filter((l) => l === 'update check failed')).toHaveLength(1);
  });
});
