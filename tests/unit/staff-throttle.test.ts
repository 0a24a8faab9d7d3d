// The login throttle against guessing, over real HTTP on both engines: parallel guesses are
// counted before their password is checked, the password checks in flight are capped, a guesser
// cannot lock the owner out from elsewhere, and every failure and lockout lands in the log with
// the username and the address (never the password).
import { describe, expect, it } from 'vitest';
import { addressKey } from '../../server/staff/address-key.ts';
import { HashGate } from '../../server/staff/hash-gate.ts';
import {
  ACCOUNT_BACKSTOP,
  MAX_FAILURES,
  WINDOW_MS,
  purgeAttempts,
  reserveAttempt,
} from '../../server/staff/throttle.ts';
import {
  PASSWORD_WORK_MS,
  capturedLog,
  postLogin,
  STAFF_PASSWORD,
  staffEngines,
  startStaffCollector,
} from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

describe('the address a login counts against', () => {
  it('is an IPv4 address as itself, also written as IPv6, and an IPv6 address by its /64', () => {
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:DB8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });
});

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(
    `staff login throttle on ${engine.name}`,
    { timeout: PASSWORD_WORK_MS },
    () => {
      const log = capturedLog();
      const gate = new HashGate({ concurrency: 2, queue: 8 });
      const { c } = useStaffCollector(
        {
          postgresUrl: engine.postgresUrl,
          // The test client plays the TLS proxy: it appends the "client" address it stands for.
          trustProxy: '127.0.0.1',
          staff: { hashGate: gate },
          logger: log.logger,
        },
        { dana: 'manager', mo: 'manager', kai: 'manager', lee: 'manager' },
      );

      const login = (username: string, password: string, from: string) =>
        postLogin(c.url, username, password, { 'x-forwarded-for': from });
      const statuses = async (list: Promise<Response>[]) =>
        (await Promise.all(list)).map((r) => r.status).sort();

      it('checks at most 5 of 30 simultaneous wrong passwords for one account', async () => {
        const before = gate.started;
        const replies = await statuses(
          Array.from({ length: 30 }, (_, i) => login('dana', `guess-${i}`, '198.51.100.1')),
        );
        expect(gate.started - before).toBeLessThanOrEqual(MAX_FAILURES);
        expect(replies.filter((s) => s === 401)).toHaveLength(MAX_FAILURES);
        expect(replies.filter((s) => s === 429)).toHaveLength(30 - MAX_FAILURES);
      });

      it('answers 503 with Retry-After when the password checks are busy, and does not count it', async () => {
        const busy = new HashGate({ concurrency: 1, queue: 0 });
        const b = await startStaffCollector({
          postgresUrl: engine.postgresUrl,
          staff: { hashGate: busy },
        });
        try {
          await b.addUser('kim', 'manager');
          const post = (password: string) => postLogin(b.url, 'kim', password);
          for (let i = 0; i < MAX_FAILURES - 1; i++)
            expect((await post(`guess-${i}`)).status).toBe(401);
          let release = () => {};
          const held = busy.run(() => new Promise<void>((r) => (release = r)));
          const refused = await post('another-guess');
          expect(refused.status).toBe(503);
          expect(refused.headers.get('retry-after')).toBe('1');
          release();
          await held;
          // The busy attempt was not counted: this is the fifth failure, still checked.
          expect((await post('last-guess')).status).toBe(401);
          expect((await post(STAFF_PASSWORD)).status).toBe(429);
        } finally {
          await b.close();
        }
      });

      it('locks a guessing address out of the account, but not the owner at another address', async () => {
        for (let i = 0; i < MAX_FAILURES; i++)
          expect((await login('mo', `guess-${i}`, '203.0.113.66')).status).toBe(401);
        const locked = await login('mo', STAFF_PASSWORD, '203.0.113.66');
        expect(locked.status).toBe(429);
        expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
        expect((await login('mo', STAFF_PASSWORD, '192.0.2.10')).status).toBe(200);
        // The log says who was tried from where, and that it locked; never the password.
        const lines = log
          .text()
          .split('\n')
          .filter((l) => l.includes('"username":"mo"'));
        expect(lines.filter((l) => l.includes('"event":"staff_login_failed"'))).toHaveLength(
          MAX_FAILURES,
        );
        expect(lines.some((l) => l.includes('"address":"203.0.113.66"'))).toBe(true);
        const lock = lines.find((l) => l.includes('"event":"staff_login_locked"'));
        expect(lock).toContain('"scope":"account at address"');
        expect(lines.some((l) => l.includes('"event":"staff_login_refused"'))).toBe(true);
        expect(log.text()).not.toContain('guess-');
        expect(log.text()).not.toContain(STAFF_PASSWORD);
      });

      it('counts an IPv6 client by its /64, so fresh addresses in it do not buy fresh guesses', async () => {
        for (let i = 1; i <= MAX_FAILURES; i++)
          expect((await login('kai', `guess-${i}`, `2001:db8:1:2::${i}`)).status).toBe(401);
        expect((await login('kai', STAFF_PASSWORD, '2001:db8:1:2:ffff::99')).status).toBe(429);
        expect((await login('kai', STAFF_PASSWORD, '2001:db8:1:3::1')).status).toBe(200);
      });

      it('under guessing from many addresses, a clean address still gets in and a failing one does not', async () => {
        // The account's backstop is reached by failures from many addresses (counted, never cleared).
        const at = new Date();
        for (let i = 0; i < ACCOUNT_BACKSTOP; i++) {
          const r = await reserveAttempt(c.storage, 'lee', `10.9.${Math.floor(i / 5)}.1`, at);
          expect(r.ok).toBe(true);
        }
        expect((await login('lee', STAFF_PASSWORD, '192.0.2.20')).status).toBe(200);
        expect((await login('lee', 'one-guess', '192.0.2.21')).status).toBe(401);
        expect((await login('lee', STAFF_PASSWORD, '192.0.2.21')).status).toBe(429);
      });

      it('forgets attempt rows once their window and lock are over', async () => {
        const at = new Date('2026-11-23T09:00:00.000Z');
        await reserveAttempt(c.storage, 'old', '192.0.2.99', at);
        const keys = async () =>
          (await c.storage.db.selectFrom('staff_login_attempts').select('key').execute()).map(
            (r) => r.key,
          );
        expect(await keys()).toContain('user:old@192.0.2.99');
        await purgeAttempts(c.storage, new Date(at.getTime() + WINDOW_MS + 1000));
        expect(await keys()).not.toContain('user:old@192.0.2.99');
        expect(await keys()).not.toContain('ip:192.0.2.99');
      });
    },
  );
}
