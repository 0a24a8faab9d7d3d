// Account management in the web admin, over real HTTP on both engines: only admins may use it;
// an account made there can log in at once; a change of access, a disabled account, a new
// password or "end sessions" signs the account out everywhere; the last admin cannot be demoted;
// bad input is refused with the field named; and every change lands in the audit log with who
// did it and from where, never with the password.
import { describe, expect, it } from 'vitest';
import type { AuditReply, UserListReply, UserReply } from '../../shared/staff-admin-api.ts';
import {
  LOCATIONS,
  PASSWORD_WORK_MS,
  STAFF_PASSWORD,
  loginAs,
  postLogin,
  staffEngines,
} from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

const NEW_PASSWORD = 'purple-otter-mountain-7';

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(
    `account management on ${engine.name}`,
    { timeout: PASSWORD_WORK_MS },
    () => {
      const { c, staff } = useStaffCollector(
        { postgresUrl: engine.postgresUrl },
        { ada: 'admin', mo: 'manager', dana: ['staff', [LOCATIONS.main.location]] },
        ['ada', 'mo', 'dana'],
      );
      const audit = async () =>
        ((await staff.ada.call('GET', '/staff/api/audit')).body as AuditReply).entries;

      it('is for admins only', async () => {
        for (const who of [staff.mo, staff.dana]) {
          const list = await who.call('GET', '/staff/api/users');
          expect(list.status).toBe(403);
          expect(list.body).toMatchObject({ message: 'only an admin may manage accounts' });
          expect((await who.call('GET', '/staff/api/audit')).status).toBe(403);
          const made = await who.call('POST', '/staff/api/users', {
            username: 'sneaky',
            role: 'admin',
            password: NEW_PASSWORD,
          });
          expect(made.status).toBe(403);
          expect((await who.call('PATCH', '/staff/api/users/mo', { role: 'admin' })).status).toBe(
            403,
          );
        }
        const list = (await staff.ada.call('GET', '/staff/api/users')).body as UserListReply;
        expect(list.users.map((u) => u.username)).not.toContain('sneaky');
      });

      it('lists accounts with their signed-in devices and the locations to give', async () => {
        const reply = await staff.ada.call('GET', '/staff/api/users');
        expect(reply.status).toBe(200);
        const { users, locations } = reply.body as UserListReply;
        expect(users.find((u) => u.username === 'dana')).toMatchObject({
          role: 'staff',
          locations: [LOCATIONS.main.location],
          disabled: false,
          activeSessions: 1,
        });
        expect(locations).toEqual(
          expect.arrayContaining([LOCATIONS.main.location, LOCATIONS.outlet.location]),
        );
      });

      it('makes an account that can log in at once, and records who made it', async () => {
        const made = await staff.ada.call('POST', '/staff/api/users', {
          username: 'kim',
          displayName: 'Kim',
          role: 'staff',
          locations: [LOCATIONS.outlet.location],
          password: NEW_PASSWORD,
        });
        expect(made.status).toBe(201);
        expect((made.body as UserReply).user).toMatchObject({ username: 'kim', activeSessions: 0 });
        const kim = await loginAs(c.url, 'kim', NEW_PASSWORD);
        expect((await kim.call('GET', '/staff/api/me')).body).toMatchObject({
          user: { username: 'kim', locations: [LOCATIONS.outlet.location] },
        });
        const [entry] = await audit();
        expect(entry).toMatchObject({
          actor: 'ada',
          action: 'user.create',
          target: 'kim',
          details: { role: 'staff', locations: [LOCATIONS.outlet.location] },
        });
        expect(entry!.address).toMatch(/127\.0\.0\.1/);
        expect(JSON.stringify(entry)).not.toContain(NEW_PASSWORD);
      });

      it('refuses bad accounts with the reason, and makes none of them', async () => {
        const cases: [unknown, number, RegExp][] = [
          [{ username: 'Bad Name', role: 'staff', password: NEW_PASSWORD }, 400, /username/],
          [{ username: 'weak', role: 'manager', password: 'password1' }, 400, /password/i],
          [{ username: 'dana', role: 'manager', password: NEW_PASSWORD }, 400, /already exists/],
          [{ username: 'nowhere', role: 'staff', password: NEW_PASSWORD }, 400, /location/],
          [
            { username: 'typo', role: 'staff', locations: ['Mian store'], password: NEW_PASSWORD },
            400,
            /no location named "Mian store"/,
          ],
          [{ username: 'boss', role: 'owner', password: NEW_PASSWORD }, 400, /role/],
        ];
        for (const [body, status, message] of cases) {
          const r = await staff.ada.call('POST', '/staff/api/users', body);
          expect(r.status, JSON.stringify(body)).toBe(status);
          expect((r.body as { message: string }).message).toMatch(message);
        }
        const { users } = (await staff.ada.call('GET', '/staff/api/users')).body as UserListReply;
        expect(users.map((u) => u.username)).not.toEqual(
          expect.arrayContaining(['weak', 'nowhere', 'typo', 'boss']),
        );
      });

      it('signs an account out everywhere when its access changes, and logs what changed', async () => {
        await c.addUser('otto', 'staff', [LOCATIONS.main.location]);
        const otto = await loginAs(c.url, 'otto');
        const changed = await staff.ada.call('PATCH', '/staff/api/users/otto', {
          locations: [LOCATIONS.outlet.location],
        });
        expect(changed.status).toBe(200);
        expect(changed.body).toMatchObject({
          user: { locations: [LOCATIONS.outlet.location], activeSessions: 0 },
          endedSessions: 1,
        });
        expect((await otto.call('GET', '/staff/api/alerts')).status).toBe(401);
        expect((await audit())[0]).toMatchObject({
          action: 'user.update',
          target: 'otto',
          details: {
            locations: { from: [LOCATIONS.main.location], to: [LOCATIONS.outlet.location] },
          },
        });
        // A new name alone is no change of access: the session stays.
        const again = await loginAs(c.url, 'otto');
        const renamed = await staff.ada.call('PATCH', '/staff/api/users/otto', {
          displayName: 'Otto O.',
        });
        expect(renamed.body).toMatchObject({ endedSessions: 0 });
        expect((await again.call('GET', '/staff/api/alerts')).status).toBe(200);
      });

      it('disables and enables an account', async () => {
        await c.addUser('lee', 'staff', [LOCATIONS.main.location]);
        await staff.ada.call('PATCH', '/staff/api/users/lee', { disabled: true });
        expect((await postLogin(c.url, 'lee', STAFF_PASSWORD)).status).toBe(401);
        await staff.ada.call('PATCH', '/staff/api/users/lee', { disabled: false });
        expect((await postLogin(c.url, 'lee', STAFF_PASSWORD)).status).toBe(200);
      });

      it('sets a new password, which ends the old sessions and never reaches the log', async () => {
        await c.addUser('pat', 'manager');
        const pat = await loginAs(c.url, 'pat');
        const weak = await staff.ada.call('POST', '/staff/api/users/pat/password', {
          password: 'pat',
        });
        expect(weak.status).toBe(400);
        const reset = await staff.ada.call('POST', '/staff/api/users/pat/password', {
          password: NEW_PASSWORD,
        });
        expect(reset.body).toMatchObject({ endedSessions: 1 });
        expect((await pat.call('GET', '/staff/api/alerts')).status).toBe(401);
        expect((await postLogin(c.url, 'pat', STAFF_PASSWORD)).status).toBe(401);
        expect((await postLogin(c.url, 'pat', NEW_PASSWORD)).status).toBe(200);
        const entries = await audit();
        expect(entries[0]).toMatchObject({ action: 'user.password', target: 'pat', details: {} });
        expect(JSON.stringify(entries)).not.toContain(NEW_PASSWORD);
      });

      it('ends all sessions of an account without changing it', async () => {
        await c.addUser('sam', 'staff', [LOCATIONS.main.location]);
        const [one, two] = [await loginAs(c.url, 'sam'), await loginAs(c.url, 'sam')];
        const ended = await staff.ada.call('POST', '/staff/api/users/sam/end-sessions');
        expect(ended.body).toMatchObject({ endedSessions: 2, user: { disabled: false } });
        expect((await one.call('GET', '/staff/api/alerts')).status).toBe(401);
        expect((await two.call('GET', '/staff/api/alerts')).status).toBe(401);
        expect((await audit())[0]).toMatchObject({
          action: 'user.end_sessions',
          target: 'sam',
          details: { ended: 2 },
        });
        expect((await staff.ada.call('POST', '/staff/api/users/nobody/end-sessions')).status).toBe(
          404,
        );
      });

      it('keeps at least one enabled admin', async () => {
        const self = await staff.ada.call('PATCH', '/staff/api/users/ada', { role: 'manager' });
        expect(self.status).toBe(409);
        expect(self.body).toMatchObject({ error: 'last_admin' });
        expect(
          (await staff.ada.call('PATCH', '/staff/api/users/ada', { disabled: true })).status,
        ).toBe(409);
        await c.addUser('bea', 'admin');
        const bea = await loginAs(c.url, 'bea');
        const demoted = await bea.call('PATCH', '/staff/api/users/ada', { role: 'manager' });
        expect(demoted.status).toBe(200);
        expect((await bea.call('PATCH', '/staff/api/users/bea', { role: 'manager' })).status).toBe(
          409,
        );
        // Put things back for the tests that follow.
        await bea.call('PATCH', '/staff/api/users/ada', { role: 'admin' });
        staff.ada = await loginAs(c.url, 'ada');
      });

      it('pages through the audit log, newest first, without repeats', async () => {
        const seen: number[] = [];
        let before: number | null | undefined;
        do {
          const q = before ? `?limit=3&before=${before}` : '?limit=3';
          const page = (await staff.ada.call('GET', `/staff/api/audit${q}`)).body as AuditReply;
          expect(page.entries.length).toBeLessThanOrEqual(3);
          seen.push(...page.entries.map((e) => e.id));
          before = page.next;
        } while (before);
        expect(seen.length).toBeGreaterThan(8);
        expect(seen).toEqual([...seen].sort((a, b) => b - a));
        expect(new Set(seen).size).toBe(seen.length);
        expect((await staff.ada.call('GET', '/staff/api/audit?limit=0')).status).toBe(400);
      });
    },
  );
}
