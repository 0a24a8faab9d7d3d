// The durable hand-over from ingest to routing (server/alerts/routing-queue.ts), on both engines:
// a job whose routing fails on its own (here a location whose stored routing no longer parses)
// never holds back another kiosk's alerts, counts its attempts with the error, and is given up
// after MAX_ATTEMPTS, left in the table for an operator; every other job is routed and removed.
// And a kiosk back from a week offline: its backlog is stored at once, its old low scores make
// one late card that counts the rest and one message, not a page per answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../server/alerts/routing-queue.ts';
import { listAlerts } from '../../server/alerts/workflow.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { alert, answer, call, collectorEngines } from '../support/collector.ts';
import { startAlertCollector, type AlertCollector } from '../support/alert-collector.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

for (const engine of await collectorEngines('alert routing queue')) {
  describe.skipIf(engine.skip)(`alert routing queue on ${engine.name}`, () => {
    let c: AlertCollector;
    let sink: WebhookSink;
    let store: Awaited<ReturnType<typeof engine.fresh>> | null = null;
    beforeAll(async () => {
      sink = await startWebhookSink();
      store = engine.name === 'PostgreSQL' ? await engine.fresh() : null;
      c = await startAlertCollector({
        start: '2026-11-23T09:00:00.000Z',
        databaseUrl: store?.options.databaseUrl,
      });
    });
    afterAll(async () => {
      await c?.close();
      await store?.drop();
      await sink?.close();
    });

    it('routes every other kiosk while one job keeps failing, then gives that one up', async () => {
      const { token } = await enrolKiosk(
        c.storage,
        { kioskId: 'broken-1', location: 'Broken store', touchpoint: 'Desk 1' },
        c.clock.now,
      );
      // Written behind set-routing's back: the parse fails when the job is routed.
      await c.storage.db
        .insertInto('alert_routing')
        .values({ location: 'Broken store', body: '{"thresholds":', updated_at: '2026-11-23' })
        .execute();
      const broken = { url: c.url, token };
      const low = answer('broken-1', 1, { smiley: 1, finalizedAt: c.clock.now.toISOString() });
      const reply = await call(broken, 'POST', '/v1/answers', {
        kioskId: 'broken-1',
        sentAt: c.clock.now.toISOString(),
        answers: [low],
      });
      // The kiosk's answer is stored and acknowledged whatever routing makes of it.
      expect(reply.body).toMatchObject({ results: [{ status: 'stored' }] });

      await c.settle();
      // Each later batch brings a pass that tries the job again, until it is given up.
      for (let round = 1; round <= MAX_ATTEMPTS; round++) {
        const talk = alert({ kind: 'talk_now', createdAt: c.clock.now.toISOString() });
        await c.post('/v1/alerts', [talk]);
        await c.settle();
        const card = await c.storage.db
          .selectFrom('staff_alerts')
          .select('kind')
          .where('source_alert_id', '=', talk.id)
          .execute();
        expect(card, `round ${round}`).toEqual([{ kind: 'talk_now' }]);
        const jobs = await c.storage.db
          .selectFrom('routing_jobs')
          .select(['kiosk_id', 'attempts', 'last_error'])
          .execute();
        expect(jobs, `round ${round}`).toEqual([
          {
            kiosk_id: 'broken-1',
            attempts: Math.min(round + 1, MAX_ATTEMPTS),
            last_error: expect.stringMatching(/JSON/),
          },
        ]);
      }
      expect(
        await c.storage.db
          .selectFrom('staff_alerts')
          .selectAll()
          .where('kiosk_id', '=', 'broken-1')
          .execute(),
      ).toEqual([]);
    });

    it('summarises a week-old backlog as one late card and one message', async () => {
      await c.setRouting({
        thresholds: { smiley: 2 },
        window: { minutes: 15, percent: 20, minAnswers: 10 },
        channels: [{ name: 'slack', kind: 'slack', url: `${sink.url}/slack` }],
        notify: ['slack'],
      });
      const weekAgo = new Date(c.clock.now.getTime() - 7 * 24 * 3_600_000);
      const backlog = Array.from({ length: 1_000 }, (_, i) =>
        answer(c.kioskId, 1_000 + i, {
          smiley: i % 5 === 0 ? 1 : 4,
          finalizedAt: new Date(weekAgo.getTime() + i * 60_000).toISOString(),
        }),
      );
      const before = c.events.length;
      for (let i = 0; i < backlog.length; i += 500) {
        const reply = await c.post('/v1/answers', backlog.slice(i, i + 500));
        expect(reply.status).toBe(200);
      }
      await c.settle();
      const cards = c.events.slice(before).filter((e) => e.type === 'alert');
      expect(cards.map((e) => [e.alert.kind, e.alert.late])).toEqual([['low_score', true]]);
      const [card] = await listAlerts(c.storage, { locations: 'all', status: 'open' }).then((all) =>
        all.filter((a) => a.id === cards[0]!.alert.id),
      );
      expect(card?.aggregateCount).toBe(199);
      // Old answers are not "now": no window alert from them.
      expect(sink.received.map((r) => (JSON.parse(r.body) as { text: string }).text)).toEqual([
        'Low score at Desk 2',
      ]);
    });
  });
}
