// What waits for later survives a restart and happens once however many collectors share the
// database: a delivery whose retry was pending when its collector stopped, a message held back
// by quiet hours (sent when they end, by the collector running then), and an escalation step
// that two instances reach at the same moment; and a channel's message limit is one budget, not
// one per instance. On SQLite a restart is a new collector on the same file; on PostgreSQL the
// same, plus two instances side by side.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCollector } from '../../server/app.ts';
import { setRouting } from '../../server/alerts/routing-store.ts';
import { openStorage, type StorageOptions } from '../../server/db/open.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import type { AlertUpload } from '../../shared/protocol.ts';
import { alert, call, collectorEngines } from '../support/collector.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const LOCATION = 'Durable store';

/** One collector on `options` with its own clock; several may share one PostgreSQL database. */
async function startInstance(options: StorageOptions, at: string, perChannelPerMinute = 20) {
  const storage = await openStorage(options);
  const clock = { now: new Date(at) };
  const app = buildCollector({
    storage,
    now: () => clock.now,
    rateLimit: { perSecond: 10_000, burst: 10_000 },
    alerts: {
      targets: { allowHosts: ['127.0.0.1'] },
      retry: { baseDelayMs: 300, maxDelayMs: 600, maxAttempts: 5 },
      tickIntervalMs: 0,
      perChannelPerMinute,
    },
    jobs: { pollingIntervalSeconds: 0.5 },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    storage,
    clock,
    app,
    url,
    async close() {
      await app.close();
      await storage.close();
    },
  };
}
type Instance = Awaited<ReturnType<typeof startInstance>>;

for (const engine of await collectorEngines('durable alert jobs')) {
  describe.skipIf(engine.skip)(`durable alert jobs on ${engine.name}`, () => {
    let sink: WebhookSink;
    let options: StorageOptions;
    let drop: () => Promise<void>;
    let token: string;
    const running: Instance[] = [];
    const start = async (at: string, perChannelPerMinute?: number) => {
      const instance = await startInstance(options, at, perChannelPerMinute);
      running.push(instance);
      return instance;
    };
    const stop = async (instance: Instance) => {
      running.splice(running.indexOf(instance), 1);
      await instance.close();
    };
    const postAlerts = (instance: Instance, kinds: AlertUpload['kind'][]) =>
      call({ url: instance.url, token }, 'POST', '/v1/alerts', {
        kioskId: 'desk-1',
        sentAt: instance.clock.now.toISOString(),
        alerts: kinds.map((kind) =>
          alert({
            kind,
            createdAt: instance.clock.now.toISOString(),
            ...(kind === 'test' && { answerId: null }),
          }),
        ),
      });
    const postLowScore = (instance: Instance) => postAlerts(instance, ['low_score']);
    const route = (instance: Instance, extra: Record<string, unknown>) =>
      setRouting(
        instance.storage,
        LOCATION,
        {
          thresholds: { smiley: 2 },
          channels: [{ name: 'hooks', kind: 'generic', url: `${sink.url}/hook`, secret: SECRET }],
          notify: ['hooks'],
          ...extra,
        },
        instance.clock.now,
      );
    const ids = () => sink.received.map((r) => String(r.headers['webhook-id']));
    const types = () => sink.received.map((r) => (JSON.parse(r.body) as { type: string }).type);

    beforeAll(async () => {
      sink = await startWebhookSink();
    });
    afterAll(() => sink.close());

    // Each test has a database of its own, so no job of one is left for the next.
    afterEach(async () => {
      for (const instance of [...running]) await stop(instance);
      await drop();
      sink.received.length = 0;
      sink.script([]);
    });
    const fresh = async () => {
      const f = await engine.fresh();
      options = f.options;
      drop = f.drop;
      const storage = await openStorage(options);
      ({ token } = await enrolKiosk(
        storage,
        { kioskId: 'desk-1', location: LOCATION, touchpoint: 'Desk 1' },
        new Date(),
      ));
      await storage.close();
    };

    it('a retry pending when its collector stopped is sent by the next one, with the same webhook-id', async () => {
      await fresh();
      const a = await start('2026-11-24T10:00:00.000Z');
      await route(a, {});
      sink.script([503]);
      expect((await postLowScore(a)).status).toBe(200);
      await expect
        .poll(() => a.storage.db.selectFrom('alert_deliveries').select('status').execute())
        .toEqual([{ status: 'retrying' }]);
      await stop(a);
      expect(sink.received).toHaveLength(1);

      const b = await start('2026-11-24T10:01:00.000Z');
      await b.app.alerts.idle();
      expect(ids()).toHaveLength(2);
      expect(new Set(ids()).size).toBe(1);
      const log = await b.storage.db
        .selectFrom('alert_deliveries')
        .select(['attempt', 'status'])
        .orderBy('attempt')
        .execute();
      expect(log).toEqual([
        { attempt: 1, status: 'retrying' },
        { attempt: 2, status: 'delivered' },
      ]);
    });

    it('a message held by quiet hours is sent when they end, by the collector running then', async () => {
      await fresh();
      // 23:00 in Tallinn, inside 22:00–07:00.
      const a = await start('2026-11-24T21:00:00.000Z');
      await route(a, {
        quietHours: { from: '22:00', to: '07:00', timezone: 'Europe/Tallinn' },
      });
      expect((await postLowScore(a)).status).toBe(200);
      await a.app.alerts.idle();
      await a.app.alerts.tick(a.clock.now);
      await a.app.alerts.idle();
      expect(sink.received).toHaveLength(0);
      await stop(a);

      // 07:01 the next morning, after a restart.
      const b = await start('2026-11-25T05:01:00.000Z');
      await b.app.alerts.tick(b.clock.now);
      await b.app.alerts.tick(b.clock.now);
      await b.app.alerts.idle();
      expect(types()).toEqual(['alert.created']);
    });

    // Two instances on one SQLite file are refused (server/db/sqlite-instance.ts).
    if (engine.name === 'PostgreSQL')
      it('an escalation step two instances reach at the same moment is sent once', async () => {
        await fresh();
        const a = await start('2026-11-24T10:00:00.000Z');
        const b = await start('2026-11-24T10:00:00.000Z');
        await route(a, { escalation: [{ afterMinutes: 5, notify: ['hooks'] }] });
        expect((await postLowScore(b)).status).toBe(200);
        await Promise.all([a.app.alerts.idle(), b.app.alerts.idle()]);
        expect(types()).toEqual(['alert.created']);
        for (const instance of [a, b]) instance.clock.now = new Date('2026-11-24T10:06:00.000Z');
        await Promise.all([a.app.alerts.tick(a.clock.now), b.app.alerts.tick(b.clock.now)]);
        await Promise.all([a.app.alerts.idle(), b.app.alerts.idle()]);
        expect(types()).toEqual(['alert.created', 'alert.escalated']);
      });

    if (engine.name === 'PostgreSQL')
      it("a channel's message limit is shared: the next instance in the minute gets no fresh budget", async () => {
        await fresh();
        const a = await start('2026-11-24T10:00:00.000Z', 2);
        await route(a, { notify: ['hooks'] });
        expect((await postAlerts(a, ['talk_now', 'low_score'])).status).toBe(200);
        await a.app.alerts.idle();
        expect(sink.received).toHaveLength(2);
        await stop(a);

        const b = await start('2026-11-24T10:00:20.000Z', 2);
        expect((await postAlerts(b, ['test'])).status).toBe(200);
        await b.app.alerts.idle();
        expect(sink.received).toHaveLength(2);
        const log = await b.storage.db
          .selectFrom('alert_deliveries')
          .select(['status', 'error'])
          .orderBy('at')
          .execute();
        expect(log.map((d) => d.status).sort()).toEqual(['delivered', 'delivered', 'refused']);
        expect(log.find((d) => d.status === 'refused')!.error).toMatch(/^rate limited/);
      });
  });
}
