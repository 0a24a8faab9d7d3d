// Hardening of ingest and routing on both engines (PostgreSQL where LASTWORD_TEST_PG_URL
// answers): items that must be refused one by one, clocks that must not steer the rules, and
// alert storms that must stay a bounded number of cards and channel messages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alert, answer, collectorEngines, type HttpReply } from '../support/collector.ts';
import { startAlertCollector, type AlertCollector } from '../support/alert-collector.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const results = (reply: HttpReply) =>
  (reply.body as { results: { status: string; reason?: string }[] }).results;

for (const engine of await collectorEngines('alert hardening')) {
  describe.skipIf(engine.skip)(`alert hardening on ${engine.name}`, () => {
    let c: AlertCollector;
    let sink: WebhookSink;
    let drop: () => Promise<void>;
    let seq = 0;
    const nowIso = () => c.clock.now.toISOString();

    beforeAll(async () => {
      sink = await startWebhookSink();
      const fresh = await engine.fresh();
      drop = fresh.drop;
      c = await startAlertCollector({
        start: '2026-11-23T09:00:30.000Z',
        databaseUrl: fresh.options.databaseUrl,
      });
    });
    afterAll(async () => {
      await c?.close();
      await drop?.();
      await sink.close();
    });
    beforeEach(async () => {
      c.clock.advance(120);
      await c.setRouting({
        thresholds: { smiley: 2 },
        channels: [{ name: 'slack', kind: 'slack', url: `${sink.url}/slack` }],
        notify: ['slack'],
      });
      await c.settle();
      sink.received.length = 0;
      c.events.length = 0;
      await c.storage.db.deleteFrom('alert_deliveries').execute();
      await c.storage.db.deleteFrom('staff_alerts').execute();
    });

    it('rejects an item dated past 9999-12-31 in UTC with a reason, and stores the rest of the batch', async () => {
      const late = answer(c.kioskId, ++seq, { finalizedAt: '9999-12-31T23:30:00-01:00' });
      const fine = answer(c.kioskId, ++seq, { finalizedAt: nowIso() });
      const reply = await c.post('/v1/answers', [late, fine]);
      expect(reply.status).toBe(200);
      expect(results(reply)).toEqual([
        { id: late.id, status: 'rejected', reason: expect.stringMatching(/real date/) },
        { id: fine.id, status: 'stored' },
      ]);
      const badAlert = alert({ createdAt: '9999-12-31T22:00:00-03:00' });
      const alertReply = await c.post('/v1/alerts', [badAlert]);
      expect(results(alertReply)[0]).toMatchObject({ status: 'rejected' });
      // The next batch from this kiosk still goes through.
      const next = answer(c.kioskId, ++seq, { finalizedAt: nowIso() });
      expect(results(await c.post('/v1/answers', [next]))).toEqual([
        { id: next.id, status: 'stored' },
      ]);
    });
  });
}
