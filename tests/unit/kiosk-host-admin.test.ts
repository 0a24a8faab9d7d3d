// The kiosk host's admin panel access: the PIN pad's escalating lockout (kept across a
// restart), the PIN's length rule, and admin actions only with a valid session.
import { describe, expect, it } from 'vitest';
import { DEMO_PIN } from '../support/config.ts';
import { hostCall as call } from '../support/host-call.ts';
import { hostHarness } from '../support/kiosk-host.ts';

const h = hostHarness();

describe('kiosk host: admin access', () => {
  it('locks the PIN pad for 5 minutes after 5 wrong PINs, across a restart', async () => {
    const k = h.kiosk('admin-lock');
    let host = k.open();
    for (let left = 4; left >= 1; left--) {
      expect(await call(host, 'unlockAdmin', { pin: '000000' })).toEqual({
        session: null,
        attemptsLeft: left,
        lockedUntil: null,
      });
    }
    const locked = await call<{ lockedUntil: string }>(host, 'unlockAdmin', { pin: '000000' });
    expect(locked.lockedUntil).toBe(new Date(h.clock + 5 * 60_000).toISOString());
    host.close();
    host = k.open();
    expect(await call(host, 'unlockAdmin', { pin: DEMO_PIN })).toMatchObject({
      session: null,
      attemptsLeft: 0,
    });
    h.clock += 5 * 60_000 + 1;
    const unlocked = await call<{ session: string }>(host, 'unlockAdmin', { pin: DEMO_PIN });
    expect(unlocked.session).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // The right PIN starts the count again.
    expect(await call(host, 'unlockAdmin', { pin: '000000' })).toMatchObject({ attemptsLeft: 4 });
  });

  it('doubles the lock for each further wrong PIN, up to a day, across a restart', async () => {
    const k = h.kiosk('admin-escalate');
    let host = k.open();
    for (let i = 0; i < 4; i++) await call(host, 'unlockAdmin', { pin: '000000' });
    const fifth = await call<{ lockedUntil: string }>(host, 'unlockAdmin', { pin: '000000' });
    let until = Date.parse(fifth.lockedUntil);
    const locks: number[] = [];
    for (let i = 0; i < 10; i++) {
      // Locked across a restart: even the right PIN is refused until the lock ends.
      host.close();
      host = k.open();
      h.clock = until - 1;
      expect(await call(host, 'unlockAdmin', { pin: DEMO_PIN })).toMatchObject({ session: null });
      // Once it ends, a single wrong PIN locks it again, for twice as long.
      h.clock = until;
      const next = await call<{ lockedUntil: string }>(host, 'unlockAdmin', { pin: '000000' });
      until = Date.parse(next.lockedUntil);
      locks.push((until - h.clock) / 60_000);
    }
    expect(locks).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 1440, 1440]);
    h.clock = until;
    const { session } = await call<{ session: string | null }>(host, 'unlockAdmin', {
      pin: DEMO_PIN,
    });
    expect(session).not.toBeNull();
  });

  it('refuses a PIN shorter than 6 digits without checking it', async () => {
    const host = h.kiosk('admin-short').open();
    expect(await host.handle('unlockAdmin', { pin: '2468' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        problems: [{ field: 'pin', reason: 'must be 6-12 digits' }],
      },
    });
  });

  it('runs admin actions only with a valid session', async () => {
    const k = h.kiosk('admin-actions');
    const host = k.open();
    expect(await host.handle('reloadKiosk', { session: 'x'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    const { session } = await call<{ session: string }>(host, 'unlockAdmin', { pin: DEMO_PIN });
    await call(host, 'reloadKiosk', { session });
    await call(host, 'sendTestAlert', { session });
    await call(host, 'setDefaultLanguage', { session, language: 'et' });
    expect(k.calls).toEqual(['reload']);
    expect(k.read('SELECT kind, answer_id FROM alerts')).toEqual([
      { kind: 'test', answer_id: null },
    ]);
    expect(await call(host, 'getConfig', {})).toMatchObject({ languages: { default: 'et' } });
    const status = await call<Record<string, unknown>>(host, 'getStatus', {});
    expect(status).toMatchObject({
      kioskId: 'test-kiosk',
      appVersion: '1.2.3',
      queueDepth: 1,
      storage: { ok: true },
    });
  });
});
