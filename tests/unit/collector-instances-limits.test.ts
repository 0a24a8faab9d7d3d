// Two collector instances on one PostgreSQL behind a load balancer: a kiosk whose requests go to
// either one has one budget, the burst in total, not a burst per instance; and a password guesser
// whose attempts go to either one is locked out after the same five failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../../server/staff/users.ts';
import {
  call,
  freshPostgresSchema,
  heartbeat,
  postgresReachable,
  startCollector,
  type RunningCollector,
} from '../support/collector.ts';
import { PASSWORD_WORK_MS, STAFF_PASSWORD } from '../support/staff.ts';

const baseUrl = process.env.LASTWORD_TEST_PG_URL;
const reachable = await postgresReachable(baseUrl);
if (!reachable)
  console.log(
    'limits shared by two instances: skipped — no PostgreSQL reachable (set LASTWORD_TEST_PG_URL)',
  );

describe.skipIf(!reachable)('limits across two instances on PostgreSQL', () => {
  let clock = Date.parse('2026-11-23T09:00:00Z');
  const now = () => new Date(clock);
  const rateLimit = { perSecond: 2, burst: 3 };
  let a: RunningCollector;
  let b: RunningCollector;
  let drop = async () => {};
  beforeAll(async () => {
    const schema = await freshPostgresSchema(baseUrl!);
    drop = schema.drop;
    a = await startCollector({ databaseUrl: schema.url, kioskId: 'desk-1', now, rateLimit });
    b = await startCollector({ databaseUrl: schema.url, kioskId: 'desk-2', now, rateLimit });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop();
  });

  const send = (via: RunningCollector) =>
    call({ url: via.url, token: a.token }, 'POST', '/v1/heartbeat', heartbeat('desk-1', now()));

  it('refuses the kiosk on both once it spent the burst across them', async () => {
    const statuses = [];
    for (const via of [a, b, a, b, a, b]) statuses.push((await send(via)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect((await send(a)).headers.get('retry-after')).toBe('1');

    clock += 500; // one token back at 2/s, for the kiosk, whichever instance it reaches
    expect((await send(b)).status).toBe(200);
    expect((await send(a)).status).toBe(429);
  });

  it(
    'locks a staff account after five failures spread over both',
    { timeout: PASSWORD_WORK_MS },
    async () => {
      await createStaffUser(
        a.storage,
        { username: 'dana', displayName: 'Dana', password: STAFF_PASSWORD, role: 'manager' },
        now(),
      );
      const login = (via: RunningCollector, password: string) =>
        fetch(`${via.url}/staff/api/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'dana', password }),
        });
      const statuses = [];
      for (const [i, via] of [a, b, a, b, a].entries())
        statuses.push((await login(via, `guess-${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      expect((await login(b, STAFF_PASSWORD)).status).toBe(429);
      expect((await login(a, STAFF_PASSWORD)).status).toBe(429);
    },
  );
});
