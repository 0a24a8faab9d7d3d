// Two collector instances on one PostgreSQL database, each with its own connection pool, as
// behind a load balancer: a staff screen connected to A sees, within a second, the alerts a kiosk
// posts to B; when the screen reconnects to B with its last event id, it gets exactly what it
// missed (alerts and a colleague's acknowledgement), with no gap and no repeat; and an instance
// whose LISTEN connection drops catches up once it is back. Prints the cross-instance latency.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCollector } from '../../server/app.ts';
import { ALERT_EVENTS_CHANNEL } from '../../server/alerts/alert-events.ts';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { freshPostgresSchema, postgresReachable } from '../support/collector.ts';
import {
  changes,
  eventIdsAfter,
  latencySummary,
  postAlert,
  proveSharedScreens,
  seedSharedDatabase,
  type TwoInstances,
} from '../support/fanout.ts';
import { readEvents } from '../support/staff-sse.ts';
import { loginAs, PASSWORD_WORK_MS, type StaffClient } from '../support/staff.ts';

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

describe.skipIf(!reachable)('two collector instances on one PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>>;
  let a: Instance;
  let b: Instance;
  let kiosk: TwoInstances['kiosk'];
  let mo: StaffClient;

  const start = async (name: string): Promise<Instance> => {
    // Named, so that a test can find this instance's LISTEN connection among the server's.
    const databaseUrl = new URL(schema.url);
    databaseUrl.searchParams.set('application_name', `${name}_${process.pid}`);
    const storage = await openStorage({ databaseUrl: databaseUrl.toString() });
    const app = buildCollector({ storage, rateLimit: { perSecond: 10_000, burst: 10_000 } });
    return { url: await app.listen({ port: 0, host: '127.0.0.1' }), storage, app };
  };
  beforeAll(async () => {
    schema = await freshPostgresSchema(PG_URL!);
    a = await start('lw_fanout_a');
    b = await start('lw_fanout_b');
    kiosk = await seedSharedDatabase(a.storage);
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
    const latencies = await proveSharedScreens({
      aUrl: a.url,
      bUrl: b.url,
      storage: a.storage,
      kiosk,
      staff: mo,
    });
    console.log(
      `cross-instance alert, kiosk POST on B → staff event on A: ${latencySummary(latencies)}`,
    );
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
          and query like ${`LISTEN ${ALERT_EVENTS_CHANNEL}%`}`.execute(admin.db);
        expect(rows).toEqual([{ ended: true }]);
      } finally {
        await admin.close();
      }
      await postAlert(b.url, kiosk);
    };
    const { events } = await onA;
    expect(changes(events)).toHaveLength(1);
    expect(changes(events)[0]!.id).toEqual((await eventIdsAfter(a.storage, 0)).at(-1));
  }, 30_000);
});
