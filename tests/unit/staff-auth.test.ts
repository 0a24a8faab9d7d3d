// Staff login, sessions, throttling and CSRF over real HTTP against a real collector.
import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MeReply, SignedIn } from '../../shared/staff-api.ts';
import {
  PASSWORD_WORK_MS,
  LOCATIONS,
  STAFF_PASSWORD,
  loginAs,
  postLogin,
  staffEngines,
  startStaffCollector,
} from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

const engines = await staffEngines();

for (const engine of engines) {
  describe.skipIf(engine.skip)(
    `staff access on ${engine.name}`,
    { timeout: PASSWORD_WORK_MS },
    () => {
      const main = [LOCATIONS.main.location];
      const { c } = useStaffCollector(
        { postgresUrl: engine.postgresUrl },
        { dana: ['staff', main], mo: 'manager', locky: ['staff', main] },
      );

      it('logs in with the right password and sets an httpOnly, SameSite=Strict session cookie on /staff', async () => {
        const res = await postLogin(c.url, 'dana', STAFF_PASSWORD);
        expect(res.status).toBe(200);
        const cookie = res.headers.getSetCookie()[0]!;
        expect(cookie).toMatch(/^lw_staff=[A-Za-z0-9_-]{43};/);
        expect(cookie).toMatch(/HttpOnly/);
        expect(cookie).toMatch(/SameSite=Strict/);
        expect(cookie).toMatch(/Path=\/staff/);
        expect(cookie).not.toMatch(/Secure/); // plain http on loopback; see the Secure test below
        const body = SignedIn.parse(await res.json());
        expect(body.user).toEqual({
          username: 'dana',
          displayName: 'Dana',
          role: 'staff',
          locations: ['Main store'],
        });
        expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      });

      it('marks the cookie Secure when configured for HTTPS', async () => {
        const secure = await startStaffCollector({
          secureCookies: true,
          postgresUrl: engine.postgresUrl,
        });
        try {
          await secure.addUser('sam', 'admin');
          const res = await postLogin(secure.url, 'sam', STAFF_PASSWORD);
          expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
        } finally {
          await secure.close();
        }
      });

      it('refuses a wrong password and an unknown user with the same reply', async () => {
        const wrong = await postLogin(c.url, 'mo', 'not-the-password');
        const unknown = await postLogin(c.url, 'nobody', 'not-the-password');
        expect(wrong.status).toBe(401);
        expect(unknown.status).toBe(401);
        expect(await wrong.json()).toEqual(await unknown.json());
        expect(wrong.headers.getSetCookie()).toEqual([]);
      });

      it('locks an account after 5 failures, even for the right password, and says for how long', async () => {
        for (let i = 0; i < 5; i++)
          expect((await postLogin(c.url, 'locky', `guess-${i}`)).status).toBe(401);
        const locked = await postLogin(c.url, 'locky', STAFF_PASSWORD);
        expect(locked.status).toBe(429);
        expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
        expect(((await locked.json()) as { message: string }).message).toMatch(
          /try again in 15 min/,
        );
        // Another account from the same address is not locked by it.
        expect((await postLogin(c.url, 'dana', STAFF_PASSWORD)).status).toBe(200);
      });

      it('answers /me with the user and the CSRF token, and 401 without a session', async () => {
        const dana = await loginAs(c.url, 'dana');
        const me = await dana.call('GET', '/staff/api/me');
        expect(me.status).toBe(200);
        expect(MeReply.parse(me.body)).toMatchObject({
          user: { username: 'dana' },
          csrfToken: dana.csrf,
        });
        expect(await (await fetch(`${c.url}/staff/api/me`)).json()).toEqual({ user: null });
        expect(
          await (
            await fetch(`${c.url}/staff/api/me`, {
              headers: { cookie: 'lw_staff=forged-token-value' },
            })
          ).json(),
        ).toEqual({ user: null });
        expect((await fetch(`${c.url}/staff/api/alerts`)).status).toBe(401);
      });

      it('refuses state-changing requests with a missing or wrong CSRF token, or from another origin', async () => {
        const alert = await c.seedAlert('main');
        const dana = await loginAs(c.url, 'dana');
        const path = `/staff/api/alerts/${alert.id}/ack`;
        const missing = await dana.call('POST', path, undefined, { 'x-csrf-token': null });
        expect(missing.status).toBe(403);
        expect(missing.body).toMatchObject({ error: 'csrf' });
        expect(
          (await dana.call('POST', path, undefined, { 'x-csrf-token': 'A'.repeat(43) })).status,
        ).toBe(403);
        const other = await loginAs(c.url, 'mo');
        expect(
          (await dana.call('POST', path, undefined, { 'x-csrf-token': other.csrf })).status,
        ).toBe(403);
        expect(
          (await dana.call('POST', path, undefined, { origin: 'https://evil.example' })).status,
        ).toBe(403);
        expect(
          (await postLogin(c.url, 'dana', STAFF_PASSWORD, { origin: 'https://evil.example' }))
            .status,
        ).toBe(403);
        expect(
          (
            await c.storage.db
              .selectFrom('staff_alerts')
              .select('status')
              .where('id', '=', alert.id)
              .executeTakeFirst()
          )?.status,
        ).toBe('open');
        expect((await dana.call('POST', path, undefined, { origin: c.url })).status).toBe(200);
      });

      it('logs out: the session stops working at once', async () => {
        const dana = await loginAs(c.url, 'dana');
        expect((await dana.call('POST', '/staff/api/logout')).status).toBe(200);
        expect((await dana.call('GET', '/staff/api/me')).body).toEqual({ user: null });
        expect((await dana.call('GET', '/staff/api/alerts')).status).toBe(401);
      });

      // Hashes made before the setting changed: a lower cost (2^14) and the former 2^17/8/1.
      for (const [N, p] of [
        [16_384, 1],
        [131_072, 1],
      ] as const) {
        it(`logs in with a hash made at N=${N}, p=${p} and replaces it with today's`, async () => {
          const salt = randomBytes(16);
          const key = scryptSync(STAFF_PASSWORD, salt, 32, {
            N,
            r: 8,
            p,
            maxmem: 256 * 1024 * 1024,
          });
          const old = ['scrypt', N, 8, p, salt.toString('base64url'), key.toString('base64url')];
          const hashOf = async () =>
            (
              await c.storage.db
                .selectFrom('staff_users')
                .select('password_hash')
                .where('username', '=', 'mo')
                .executeTakeFirstOrThrow()
            ).password_hash;
          await c.storage.db
            .updateTable('staff_users')
            .set({ password_hash: old.join('$') })
            .where('username', '=', 'mo')
            .execute();
          await loginAs(c.url, 'mo');
          expect(await hashOf()).toMatch(/^scrypt\$32768\$8\$3\$/);
          await loginAs(c.url, 'mo');
        });
      }

      it('stores passwords only as scrypt hashes and sessions only as token hashes', async () => {
        const users = await c.storage.db
          .selectFrom('staff_users')
          .select(['username', 'password_hash'])
          .execute();
        for (const u of users) {
          expect(u.password_hash).toMatch(
            /^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/,
          );
          expect(u.password_hash).not.toContain(STAFF_PASSWORD);
        }
        const dana = await loginAs(c.url, 'dana');
        const token = dana.cookie.split('=')[1]!;
        const sessions = await c.storage.db.selectFrom('staff_sessions').select('id').execute();
        expect(sessions.map((s) => s.id)).not.toContain(token);
        expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
      });
    },
  );
}
