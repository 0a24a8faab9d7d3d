// Behind a TLS reverse proxy every request comes from the proxy's address. The collector then
// believes X-Forwarded-For only as far as its configured proxies wrote it: the proxy appends the
// address it saw, and anything the client put in front of that is the client's own claim. Without
// a configured proxy the header is ignored and cannot dodge the throttle.
import { afterEach, describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../../server/settings.ts';
import { MAX_FAILURES } from '../../server/staff/throttle.ts';
import {
  PASSWORD_WORK_MS,
  STAFF_PASSWORD,
  postLogin,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';

let c: StaffCollector | undefined;
afterEach(async () => c?.close());

const login = (password: string, forwardedFor: string) =>
  postLogin(c!.url, 'dana', password, { origin: c!.url, 'x-forwarded-for': forwardedFor });

describe('login throttle behind a proxy', { timeout: PASSWORD_WORK_MS }, () => {
  it('counts the address the trusted proxy appended, not the one the client forged in front', async () => {
    // LASTWORD_BEHIND_PROXY=1: the proxy runs on this machine, and the test client plays it. The
    // real client is 203.0.113.7; it claims to be 203.0.113.8, the store where dana works.
    const { trustProxy } = settingsFromEnv({ LASTWORD_BEHIND_PROXY: '1' });
    expect(trustProxy).toBe('loopback');
    c = await startStaffCollector({ trustProxy: trustProxy || undefined });
    await c.addUser('dana', 'staff', ['Main store']);
    for (let i = 0; i < MAX_FAILURES; i++)
      expect((await login(`guess-${i}`, `203.0.113.8, 203.0.113.7`)).status).toBe(401);
    // A new forged entry does not buy the guesser fresh attempts…
    expect((await login(STAFF_PASSWORD, '198.51.100.1, 203.0.113.7')).status).toBe(429);
    // …and the address it forged was not locked out.
    expect((await login(STAFF_PASSWORD, '203.0.113.8')).status).toBe(200);
  });

  it('ignores X-Forwarded-For when not behind a proxy, so the header cannot dodge the lock', async () => {
    c = await startStaffCollector();
    await c.addUser('dana', 'staff', ['Main store']);
    for (let i = 0; i < MAX_FAILURES; i++)
      expect((await login(`guess-${i}`, '203.0.113.7')).status).toBe(401);
    expect((await login(STAFF_PASSWORD, '203.0.113.8')).status).toBe(429);
  });
});
