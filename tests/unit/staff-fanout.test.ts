// Two collector instances on one PostgreSQL database, each with its own connection pool, as
// behind a load balancer: a staff screen connected to A sees, within a second, the alerts a kiosk
// posts to B; when the screen reconnects to B with its last event id, it gets exactly what it
// missed (alerts and a colleague's acknowledgement), with no gap and no repeat; and an instance
// whose LISTEN connection drops catches up once it is back. Prints the cross-instance latency.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { StreamData } from '../../shared/staff-api.ts';
import { buildCollector } from '../../server/app.ts';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { createStaffUser } from '../../server/staff/users.ts';
import { alert, call, freshPostgresSchema, postgresReachable } from '../support/collector.ts';
import { readEvents } from '../support/staff-sse.ts';
import { loginAs, PASSWORD_WORK_MS, STAFF_PASSWORD, type StaffClient } from '../support/staff.ts';

const PG_URL = process.env.LASTWORD_TEST_PG_URL;
const reachable = await postgresReachable(PG_URL);
if (!reachable)
  console.log(
    'cross-instance fan-out: skipped — no PostgreSQL reachable (set LASTWORD_TEST_PG_URL)',
  );

interface Instance {
  url: string;
  storage: Storage;
  app: FastifyInstance;
}

type Sse = { id?: string; event: string; data: string };
const changes = (evs: Sse[]) => evs.filter((e) => e.event === 'alert' || e.event === 'update');

describe.skipIf(!reachable)('two collector instances on one PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>>;
  let a: Instance;
  let b: Instance;
  let kiosk: { url: string; token: string };
  let mo: StaffClient;

  const start = async (name: string): Promise<Instance> => {
    // Named, so that a test can find this instance's LISTEN connection among the server's.
    const databaseUrl = new URL(schema.url);
    databaseUrl.searchParams.set('application_name', `${name}_${process.pid}`);
    const storage = await openStorage({ databaseUrl: databaseUrl.toString() });
    const app = buildCollector({ storage, rateLimit: { perSecond: 10_000, burst: 10_000 } });
    return { url: await app.listen({ port: 0, host: '127.0.0.1' }), storage, app };
  };
  const postAlert = (kind: 'talk_now' | 'low_score' = 'talk_now') =>
    call(kiosk, 'POST', '/v1/alerts', {
      kioskId: 'main-kiosk',
      sentAt: new Date().toISOString(),
      alerts: [alert({ kind, createdAt: new Date().toISOString() })],
    });
  /** Every event id the database holds after `after`, oldest first. */
  const tableIdsAfter = async (after: number) =>
    (
      await a.storage.db
        .selectFrom('alert_events')
        .select('id')
        .where('id', '>', after)
        .orderBy('id')
        .execute()
    ).map((r) => String(r.id));

  beforeAll(async () => {
    schema = await freshPostgresSchema(PG_URL!);
    a = await start('lw_fanout_a');
    b = await start('lw_fanout_b');
    const where = { kioskId: 'main-kiosk', location: 'Main store', touchpoint: 'Checkout 1' };
    kiosk = { url: b.url, token: (await enrolKiosk(a.storage, where, new Date())).token };
    await createStaffUser(
      a.storage,
      { username: 'mo', displayName: 'Mo', password: STAFF_PASSWORD, role: 'admin', locations: [] },
      new Date(),
    );
    mo = await loginAs(a.url, 'mo');
  }, PASSWORD_WORK_MS);

  afterAll(async () => {
    for (const i of [a, b]) {
      await i?.app.close();
      await i?.storage.close();
    }
    await schema?.drop();
  });

  it('shows on A within a second what a kiosk posted to B, and resumes on B without gap or repeat', async () => {
    const ROUNDS = 10;
    // The screen on A: each change event noted with the time it arrived.
    const arrived: number[] = [];
    let waiter: { count: number; done: () => void } | null = null;
    let enough = false;
    const arrival = (count: number) =>
      new Promise<void>((resolve) => {
        waiter = { count, done: resolve };
        if (arrived.length >= count) resolve();
      });
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const onA = readEvents(
      a.url,
      mo.cookie,
      (evs) => {
        const now = Date.now();
        while (arrived.length < changes(evs).length) arrived.push(now);
        if (evs.some((e) => e.event === 'snapshot')) opened();
        if (waiter && arrived.length >= waiter.count) waiter.done();
        return enough;
      },
      { timeoutMs: 60_000 },
    );
    await open;

    const latencies: number[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      const seen = arrived.length;
      const sent = Date.now();
      expect((await postAlert()).status).toBe(200);
      await arrival(seen + 1);
      latencies.push(arrived[seen]! - sent);
    }
    // One more that goes unread: the `until` above stops the screen at its next event.
    enough = true;
    await postAlert();
    const first = await onA;
    const sorted = [...latencies].sort((x, y) => x - y);
    console.log(
      `cross-instance alert, kiosk POST on B → staff event on A: p50 ${sorted[Math.floor(ROUNDS / 2)]} ms, max ${sorted.at(-1)} ms over ${ROUNDS}`,
    );
    expect(sorted.at(-1)).toBeLessThan(1000);
    // Everything the table holds, in order, once each: what routing on B recorded.
    const snapshotId = Number(first.events.find((e) => e.event === 'snapshot')!.id);
    expect(changes(first.events).map((e) => e.id)).toEqual(await tableIdsAfter(snapshotId));

    // While the screen is away: two more alerts routed on B, and a colleague acknowledges on A.
    const lastId = changes(first.events).at(-1)!.id!;
    await postAlert();
    await postAlert('low_score');
    const card = StreamData.alert.parse(JSON.parse(changes(first.events)[0]!.data));
    expect((await mo.call('POST', `/staff/api/alerts/${card.id}/ack`)).status).toBe(200);
    await b.app.alerts.idle();
    const missed = await tableIdsAfter(Number(lastId));
    expect(missed.length).toBeGreaterThanOrEqual(3);

    const resumed = await readEvents(
      b.url,
      mo.cookie,
      (evs) => changes(evs).length >= missed.length,
      { lastEventId: lastId, timeoutMs: 10_000 },
    );
    expect(resumed.events.map((e) => e.event)).not.toContain('snapshot');
    expect(changes(resumed.events).map((e) => e.id)).toEqual(missed);
    const acked = changes(resumed.events).find((e) => e.event === 'update');
    expect(StreamData.update.parse(JSON.parse(acked!.data))).toMatchObject({
      id: card.id,
      status: 'acknowledged',
    });
  }, 60_000);

  it('hears what B did while its LISTEN connection was down, once it is back', async () => {
    let posted = false;
    const onA = readEvents(
      a.url,
      mo.cookie,
      (evs) => {
        if (!posted && evs.some((e) => e.event === 'snapshot')) {
          posted = true;
          void dropListenerThenPost();
        }
        return changes(evs).length > 0;
      },
      { timeoutMs: 20_000 },
    );
    // The server ends A's LISTEN session (a failover, a network cut); B routes an alert at once,
    // whose NOTIFY no connection of A's hears.
    const dropListenerThenPost = async () => {
      const admin = await openStorage({ databaseUrl: schema.url });
      try {
        const { rows } = await sql<{ ended: boolean }>`select pg_terminate_backend(pid) as ended
          from pg_stat_activity where application_name = ${`lw_fanout_a_${process.pid}`}
          and query like 'LISTEN%'`.execute(admin.db);
        expect(rows).toEqual([{ ended: true }]);
      } finally {
        await admin.close();
      }
      await postAlert();
    };
    const { events } = await onA;
    expect(changes(events)).toHaveLength(1);
    expect(changes(events)[0]!.id).toEqual((await tableIdsAfter(0)).at(-1));
  }, 30_000);
});
