// Staff sessions end when they should, on both engines: after 30 idle minutes or 12 hours in all,
// and at once when the account is disabled or its role or locations change, taking its live screen
// with it before another alert reaches it; a logout closes the screen at once too.
import { describe, expect, it } from 'vitest';
import { IDLE_MS, SESSION_TTL_MS } from '../../server/staff/sessions.ts';
import { updateStaffUser } from '../../server/staff/users.ts';
import {
  PASSWORD_WORK_MS,
  LOCATIONS,
  loginAs,
  staffEngines,
  type StaffClient,
} from '../support/staff.ts';
import { useStaffCollector, type StaffAccounts } from '../support/staff-suite.ts';
import { readEvents } from '../support/staff-sse.ts';

const MINUTE = 60_000;

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(
    `staff sessions on ${engine.name}`,
    { timeout: PASSWORD_WORK_MS },
    () => {
      let clock = Date.now();
      const atMain: StaffAccounts[string] = ['staff', [LOCATIONS.main.location]];
      const { c } = useStaffCollector(
        {
          postgresUrl: engine.postgresUrl,
          now: () => new Date(clock),
          // Far longer than any wait below: whatever ends a screen here is not the heartbeat.
          heartbeatMs: 10 * MINUTE,
        },
        { ida: atMain, abe: atMain, dana: atMain, mo: atMain, otto: atMain },
      );

      const me = async (cookie: string) =>
        (
          (await (await fetch(`${c.url}/staff/api/me`, { headers: { cookie } })).json()) as {
            user: unknown;
          }
        ).user;

      it('ends a session after 30 minutes without use, and any session after 12 hours', async () => {
        const open = async (who: StaffClient) =>
          (await who.call('GET', '/staff/api/alerts')).status === 200;
        const ida = await loginAs(c.url, 'ida');
        clock += IDLE_MS - MINUTE;
        expect(await open(ida)).toBe(true);
        clock += IDLE_MS - MINUTE; // used a minute short of the limit ago: still open
        expect(await open(ida)).toBe(true);
        clock += IDLE_MS + 1000;
        expect(await open(ida)).toBe(false);

        const abe = await loginAs(c.url, 'abe');
        const started = clock;
        while (clock + IDLE_MS / 2 < started + SESSION_TTL_MS) {
          clock += IDLE_MS / 2;
          expect(await open(abe)).toBe(true);
        }
        clock = started + SESSION_TTL_MS;
        expect(await open(abe)).toBe(false);
      });

      it('disabling an account ends its sessions and closes its live screen before the next alert', async () => {
        const dana = await loginAs(c.url, 'dana');
        let alertId = '';
        const started = performance.now();
        const screen = readEvents(c.url, dana.cookie, () => false, {
          timeoutMs: 20_000,
          onOpen: () =>
            void updateStaffUser(c.storage, 'dana', { disabled: true }).then(async () => {
              alertId = (await c.seedAlert('main')).id;
            }),
        });
        const { events } = await screen;
        expect(performance.now() - started).toBeLessThan(10_000); // ended, not timed out
        expect(alertId).not.toBe('');
        expect(events.some((e) => e.data.includes(alertId))).toBe(false);
        expect((await dana.call('GET', '/staff/api/alerts')).status).toBe(401);
      });

      it('a change of role or locations ends the sessions too', async () => {
        const mo = await loginAs(c.url, 'mo');
        const otto = await loginAs(c.url, 'otto');
        await updateStaffUser(c.storage, 'mo', { role: 'manager' });
        await updateStaffUser(c.storage, 'otto', { locations: [LOCATIONS.outlet.location] });
        expect(await me(mo.cookie)).toBeNull();
        expect(await me(otto.cookie)).toBeNull();
        // A change of name alone does not.
        const again = await loginAs(c.url, 'otto');
        await updateStaffUser(c.storage, 'otto', { displayName: 'Otto O.' });
        expect(await me(again.cookie)).toMatchObject({ displayName: 'Otto O.' });
      });

      it('logging out closes the live screen at once', async () => {
        const ida = await loginAs(c.url, 'ida');
        const started = performance.now();
        const { status } = await readEvents(c.url, ida.cookie, () => false, {
          timeoutMs: 20_000,
          onOpen: () => void ida.call('POST', '/staff/api/logout'),
        });
        expect(status).toBe(200);
        expect(performance.now() - started).toBeLessThan(10_000); // ended, not timed out
      });
    },
  );
}
