// The proof that a collector's death loses no delivery: two `node server/main.ts` on one
// PostgreSQL, a webhook receiver that fails every request, five low scores posted to A. Once each
// has a failed first attempt (its retry waiting as a job), A is killed with SIGKILL and the
// receiver recovers: B delivers every message, and the receiver sees each webhook-id answered
// with success exactly once.
import { afterAll, describe, expect, it } from 'vitest';
import { setRouting } from '../../server/alerts/routing-store.ts';
import type { DeliveryStatus } from '../../server/alerts/tables.ts';
import { sql } from 'kysely';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { alert, call, freshPostgresSchema, postgresReachable } from '../support/collector.ts';
import { spawnCollector, type CollectorChild } from '../support/collector-process.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const baseUrl = process.env.LASTWORD_TEST_PG_URL;
const reachable = await postgresReachable(baseUrl);
if (!reachable)
  console.log(
    'a collector killed with pending webhook retries: skipped — no PostgreSQL reachable (set LASTWORD_TEST_PG_URL)',
  );

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const KIOSKS = 5;

describe.skipIf(!reachable)('a collector killed with pending webhook retries', () => {
  const children: CollectorChild[] = [];
  let storage: Storage | null = null;
  let sink: WebhookSink | null = null;
  let drop = async () => {};
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill('SIGKILL')));
    await storage?.close();
    await sink?.close();
    await drop();
  });

  it(
    'the other instance delivers each of them, each webhook-id once',
    { timeout: 240_000 },
    async () => {
      const schema = await freshPostgresSchema(baseUrl!);
      drop = schema.drop;
      storage = await openStorage({ databaseUrl: schema.url });
      sink = await startWebhookSink();
      sink.script(Array<number>(100_000).fill(503));
      const now = new Date();
      const tokens: string[] = [];
      for (let i = 1; i <= KIOSKS; i++) {
        const where = { kioskId: `desk-${i}`, location: 'Store', touchpoint: `Desk ${i}` };
        tokens.push((await enrolKiosk(storage, where, now)).token);
      }
      await setRouting(
        storage,
        'Store',
        {
          thresholds: {},
          channels: [{ name: 'hooks', kind: 'generic', url: `${sink.url}/hook`, secret: SECRET }],
          notify: ['hooks'],
        },
        now,
      );
      const env = { LASTWORD_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' };
      const a = spawnCollector({ DATABASE_URL: schema.url }, env);
      const b = spawnCollector({ DATABASE_URL: schema.url }, env);
      children.push(a, b);
      const [aUrl] = await Promise.all([a.listening, b.listening]);

      for (let i = 1; i <= KIOSKS; i++) {
        const at = new Date().toISOString();
        const reply = await call({ url: aUrl!, token: tokens[i - 1]! }, 'POST', '/v1/alerts', {
          kioskId: `desk-${i}`,
          sentAt: at,
          alerts: [alert({ createdAt: at })],
        });
        expect(reply.status).toBe(200);
      }
      const alertsWith = async (status: DeliveryStatus) =>
        (
          await storage!.db
            .selectFrom('alert_deliveries')
            .select('staff_alert_id')
            .distinct()
            .where('status', '=', status)
            .execute()
        ).length;
      // Each first attempt failed; the retries wait as jobs (the first one 2 s later).
      await expect
        .poll(() => alertsWith('retrying'), { timeout: 60_000, interval: 50 })
        .toBe(KIOSKS);
      await a.kill('SIGKILL');
      const recoveredFrom = sink.received.length;
      sink.script([]);

      await expect
        .poll(() => alertsWith('delivered'), { timeout: 180_000, interval: 200 })
        .toBe(KIOSKS);
      // Then no job is left to run (one A was running when killed comes back after it expires).
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
        storage.db,
      );
      const jobs = sql.table(`${rows[0]!.schema}_jobs.job`);
      const unfinished = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from ${jobs}
          where state in ('created', 'retry', 'active')`.execute(storage!.db)
        ).rows[0]!.n;
      await expect.poll(unfinished, { timeout: 120_000, interval: 500 }).toBe(0);
      const delivered = sink.received
        .slice(recoveredFrom)
        .map((r) => String(r.headers['webhook-id']));
      expect(delivered).toHaveLength(KIOSKS);
      expect(new Set(delivered).size).toBe(KIOSKS);
      // Every message that failed before is among them: none lost, none sent twice.
      const failed = new Set(
        sink.received.slice(0, recoveredFrom).map((r) => r.headers['webhook-id']),
      );
      expect(failed.size).toBe(KIOSKS);
      expect(new Set([...failed, ...delivered]).size).toBe(KIOSKS);
      expect(b.logs.filter((l) => l.msg === 'alert delivered')).toHaveLength(KIOSKS);
    },
  );
});
