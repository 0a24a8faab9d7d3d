// The proof that a collector's death loses no delivery: two `node server/main.ts` on one
// PostgreSQL and a webhook receiver that fails every first attempt, then holds the retries
// unanswered. Five low scores are posted to A; once A is in the middle of sending at least one
// retry, B starts, and A is killed with SIGKILL. The receiver recovers: B sends every message,
// the ones A was sending included (their jobs come back once A stops touching them), and each
// webhook-id is answered with success exactly once. (What B sent into the hold times out and is
// retried: ordinary retries, here to keep every success B's.)
import { afterAll, describe, expect, it } from 'vitest';
import { setRouting } from '../../server/alerts/routing-store.ts';
import type { DeliveryStatus } from '../../server/alerts/tables.ts';
import { sql } from 'kysely';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { alert, call, freshPostgresSchema, postgresReachable } from '../support/collector.ts';
import { spawnCollector, type CollectorChild } from '../support/collector-process.ts';
import { startWebhookSink, type ReceivedHook, type WebhookSink } from '../support/webhook-sink.ts';

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
      children.push(a);
      const aUrl = await a.listening;
      sink.script([...Array<number>(KIOSKS).fill(503), ...Array<'hold'>(100).fill('hold')]);
      for (let i = 1; i <= KIOSKS; i++) {
        const at = new Date().toISOString();
        const reply = await call({ url: aUrl, token: tokens[i - 1]! }, 'POST', '/v1/alerts', {
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
      const held = () => sink!.received.filter((r) => r.answer === 'held');
      // Each first attempt failed; A is sending retries (2 s later) that get no answer.
      await expect.poll(() => alertsWith('retrying'), { timeout: 60_000 }).toBe(KIOSKS);
      await expect.poll(() => held().length, { timeout: 60_000 }).toBeGreaterThan(0);
      const heldByA = held();
      const b = spawnCollector({ DATABASE_URL: schema.url }, env);
      children.push(b);
      await b.listening;
      await a.kill('SIGKILL');
      // Killed, A hangs up on what it was sending; from now on the receiver answers.
      await expect.poll(() => heldByA.every((r) => r.answer === 'dropped')).toBe(true);
      sink.script([]);
      // A's jobs come back because A stopped touching them, well before they would expire.
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
        storage.db,
      );
      const jobs = sql.table(`${rows[0]!.schema}_jobs.job`);
      const lostByHeartbeat = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from ${jobs}
          where output->'value'->>'message' = 'job heartbeat timeout'`.execute(storage!.db)
        ).rows[0]!.n;
      await expect.poll(lostByHeartbeat, { timeout: 60_000, interval: 200 }).toBeGreaterThan(0);

      await expect
        .poll(() => alertsWith('delivered'), { timeout: 120_000, interval: 200 })
        .toBe(KIOSKS);
      // Then no job is left to run.
      const unfinished = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from ${jobs}
          where state in ('created', 'retry', 'active')`.execute(storage!.db)
        ).rows[0]!.n;
      await expect.poll(unfinished, { timeout: 60_000, interval: 500 }).toBe(0);
      const idOf = (r: ReceivedHook) => String(r.headers['webhook-id']);
      const succeeded = sink.received.filter((r) => r.answer === 200).map(idOf);
      expect(succeeded).toHaveLength(KIOSKS);
      expect(new Set(succeeded).size).toBe(KIOSKS);
      // The messages A died sending are among them, sent again by B: none lost, none twice.
      for (const id of heldByA.map(idOf)) expect(succeeded).toContain(id);
      expect(new Set(sink.received.map(idOf)).size).toBe(KIOSKS);
      expect(b.logs.filter((l) => l.msg === 'alert delivered')).toHaveLength(KIOSKS);
    },
  );
});
