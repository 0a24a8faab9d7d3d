// The alert store's queries on both engines (PostgreSQL where LASTWORD_TEST_PG_URL points at a
// reachable server): routing, the answer-follows-alert update, withdrawal of a repeated press,
// the window rule, aggregation summaries, escalation and acknowledge → resolve times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCollector } from '../../server/app.ts';
import type { AlertEvent } from '../../shared/staff-api.ts';
import { acknowledgeAlert, listAlerts, resolveAlert } from '../../server/alerts/workflow.ts';
import { storeAlerts, storeAnswers } from '../../server/kiosk-api/ingest-store.ts';
import { alert, answer, freshPostgresSchema, postgresReachable } from '../support/collector.ts';
import { LOCATION, startAlertCollector, type AlertCollector } from '../support/alert-collector.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const PG_URL = process.env.LASTWORD_TEST_PG_URL;
const pgReachable = await postgresReachable(PG_URL);
if (!pgReachable)
  console.log('alerts on PostgreSQL: skipped — no PostgreSQL reachable (set LASTWORD_TEST_PG_URL)');

for (const engine of [
  { name: 'SQLite', skip: false },
  { name: 'PostgreSQL', skip: !pgReachable },
]) {
  describe.skipIf(engine.skip)(`alerts on ${engine.name}`, () => {
    let c: AlertCollector;
    let sink: WebhookSink;
    let drop: (() => Promise<void>) | null = null;
    const nowIso = () => c.clock.now.toISOString();
    const texts = () => sink.received.map((r) => (JSON.parse(r.body) as { text: string }).text);

    beforeAll(async () => {
      sink = await startWebhookSink();
      let databaseUrl: string | undefined;
      if (engine.name === 'PostgreSQL') {
        const schema = await freshPostgresSchema(PG_URL!);
        databaseUrl = schema.url;
        drop = schema.drop;
      }
      c = await startAlertCollector({ start: '2026-11-23T09:00:30.000Z', databaseUrl });
      await c.setRouting({
        thresholds: { smiley: 2 },
        window: { minutes: 30, percent: 60, minAnswers: 3 },
        channels: [{ name: 'slack', kind: 'slack', url: `${sink.url}/slack` }],
        notify: ['slack'],
        escalation: [{ afterMinutes: 5, notify: ['slack'] }],
      });
    });
    afterAll(async () => {
      await c?.close();
      await drop?.();
      await sink.close();
    });

    it('routes, updates, folds repeats in, aggregates, escalates, and stores acknowledge and resolve times', async () => {
      const first = answer(c.kioskId, 1, {
        smiley: 1,
        comment: 'Too slow',
        reasons: ['wait'],
        finalizedAt: nowIso(),
      });
      const repeat = answer(c.kioskId, 2, {
        smiley: 1,
        possibleRepeat: true,
        finalizedAt: nowIso(),
      });
      await c.post('/v1/alerts', [
        alert({ answerId: first.id, createdAt: nowIso() }),
        alert({ answerId: repeat.id, createdAt: nowIso() }),
      ]);
      await c.settle();
      expect(texts()).toEqual(['Low score at Desk 2']);
      // Both in one batch: one card that already counts the second, one message.
      expect(c.events.map((e) => [e.type, e.alert.aggregateCount])).toEqual([['alert', 1]]);

      await c.post('/v1/answers', [
        first,
        repeat,
        answer(c.kioskId, 3, { smiley: 5, finalizedAt: nowIso() }),
      ]);
      await c.settle();
      const head = c.events[0]!.alert.id;
      expect(c.events.find((e) => e.alert.id === head && e.alert.comment)?.alert).toMatchObject({
        comment: 'Too slow',
        reasons: ['wait'],
      });
      const rows = await c.storage.db
        .selectFrom('staff_alerts')
        .select(['kind', 'status', 'suppressed'])
        .orderBy('id')
        .execute();
      // 1 low (of 2 non-repeat answers, 50%): no window alert yet.
      expect(rows).toEqual([
        { kind: 'low_score', status: 'open', suppressed: null },
        { kind: 'low_score', status: 'open', suppressed: 'aggregated' },
      ]);
      await c.post('/v1/answers', [answer(c.kioskId, 4, { smiley: 2, finalizedAt: nowIso() })]);
      await c.settle();
      expect((await listAlerts(c.storage, { locations: [LOCATION] })).map((a) => a.kind)).toEqual([
        'window',
        'low_score',
      ]);

      c.clock.advance(11);
      await c.app.alerts.tick(c.clock.now);
      await c.settle();
      // The tick's messages are sent side by side, in no fixed order.
      expect(texts().slice(0, 2)).toEqual([
        'Low score at Desk 2',
        'Many unhappy customers at Test store (Desk 2)',
      ]);
      expect(texts().slice(2).sort()).toEqual([
        '2 more low scores at Desk 2 in 10 minutes',
        'Low score at Desk 2 — still not acknowledged',
        'Many unhappy customers at Test store (Desk 2) — still not acknowledged',
      ]);

      const acked = await acknowledgeAlert(c.storage, c.app.alertFeed, head, 'kadri', c.clock.now);
      expect(acked.acknowledgedAt).toBe(nowIso());
      c.clock.advance(4);
      await resolveAlert(
        c.storage,
        c.app.alertFeed,
        head,
        'kadri',
        'not_reachable',
        'left the store',
        c.clock.now,
      );
      const times = await c.storage.db
        .selectFrom('staff_alerts')
        .select(['ack_seconds', 'resolve_seconds'])
        .where('id', '=', head)
        .executeTakeFirstOrThrow();
      expect(times).toEqual({ ack_seconds: 660, resolve_seconds: 900 });
      expect(
        (await listAlerts(c.storage, { locations: 'all', status: 'resolved' })).map(
          (a) => a.outcome,
        ),
      ).toEqual(['not_reachable']);
    });

    it('routes, at start, what was stored but never routed (stopped between the two commits)', async () => {
      const talk = alert({ kind: 'talk_now', createdAt: nowIso() });
      const low = answer(c.kioskId, 100, { smiley: 1, finalizedAt: nowIso() });
      // The ingest store alone: its commit leaves the routing jobs, and no service routes them.
      const batch = {
        kioskId: c.kioskId,
        deviceSentAt: nowIso(),
        receivedAt: c.clock.now,
        clock: { skewMs: 0, flagged: false },
      };
      await storeAlerts(c.storage, batch, [talk]);
      await storeAnswers(c.storage, batch, [low]);
      const restarted = buildCollector({
        storage: c.storage,
        now: () => c.clock.now,
        alerts: { targets: { allowHosts: ['127.0.0.1'] }, tickIntervalMs: 0 },
      });
      const seen: AlertEvent[] = [];
      restarted.alertHub.subscribe((e) => seen.push(e));
      await restarted.ready();
      await restarted.alerts.idle();
      await restarted.close();
      const rows = await c.storage.db
        .selectFrom('staff_alerts')
        .select(['kind', 'priority'])
        .where((eb) => eb.or([eb('source_alert_id', '=', talk.id), eb('answer_id', '=', low.id)]))
        .orderBy('kind')
        .execute();
      expect(rows).toEqual([
        { kind: 'low_score', priority: 'high' },
        { kind: 'talk_now', priority: 'urgent' },
      ]);
      expect(seen.map((e) => [e.type, e.alert.kind]).sort()).toEqual([
        ['alert', 'low_score'],
        ['alert', 'talk_now'],
      ]);
      expect(await c.storage.db.selectFrom('routing_jobs').selectAll().execute()).toEqual([]);
    });
  });
}
