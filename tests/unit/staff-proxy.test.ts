// Behind a TLS reverse proxy every request comes from the proxy's address. With trustProxy the
// per-address login throttle uses X-Forwarded-For, so one guessing client cannot lock out a
// whole store; without it (direct exposure) the header is ignored and cannot be spoofed.
import { afterEach, describe, expect, it } from 'vitest';
import { STAFF_PASSWORD, startStaffCollector, type StaffCollector } from '../support/staff.ts';

let c: StaffCollector | undefined;
afterEach(async () => c?.close());

const login = (username: string, password: string, forwardedFor: string) =>
  fetch(`${c!.url}/staff/api/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: c!.url,
      'x-forwarded-for': forwardedFor,
    },
    body: JSON.stringify({ username, password }),
  });

async function guessFrom(address: string): Promise<void> {
  // Different user names each time: this is the per-address lock, not the per-account one.
  for (let i = 0; i < 20; i++) await login(`nobody-${i}`, 'wrong-password', address);
}

describe('login throttle behind a proxy', () => {
  it('locks the guessing client only, when the collector trusts its proxy', async () => {
    c = await startStaffCollector({ trustProxy: true });
    await c.addUser('dana', 'staff', ['Main store']);
    await guessFrom('203.0.113.7');
    expect((await login('dana', STAFF_PASSWORD, '203.0.113.7')).status).toBe(429);
    expect((await login('dana', STAFF_PASSWORD, '203.0.113.8')).status).toBe(200);
  });

  it('ignores X-Forwarded-For when not behind a proxy, so the header cannot dodge the lock', async () => {
    c = await startStaffCollector();
    await c.addUser('dana', 'staff', ['Main store']);
    await guessFrom('203.0.113.7');
    expect((await login('dana', STAFF_PASSWORD, '203.0.113.8')).status).toBe(429);
  });
});
