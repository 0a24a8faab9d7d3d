// Hardening of ingest and routing on both engines (PostgreSQL where LASTWORD_TEST_PG_URL
// answers): items that must be refused one by one, clocks that must not steer the rules, and
// alert storms that must stay a bounded number of cards and channel messages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { alert, answer, call, collectorEngines, type HttpReply } from '../support/collector.ts';
import { LOCATION, startAlertCollector, type AlertCollector } from '../support/alert-collector.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const results = (reply: HttpReply) =>
  (reply.body as { results: { status: string; reason?: string }[] }).results;

for (const engine of await collectorEngines('alert hardening')) {
  describe.skipIf(engine.skip)(`alert hardening on ${engine.name}`, () => {
    let c: AlertCollector;
    let sink: WebhookSink;
    let drop: () => Promise<void>;
    let seq = 0;
    let otherSeq = 0;
    let otherToken: string;
    const nowIso = () => c.clock.now.toISOString();
    const texts = () => sink.received.map((r) => (JSON.parse(r.body) as { text: string }).text);
    const staffRows = () =>
      c.storage.db.selectFrom('staff_alerts').selectAll().orderBy('id').execute();
    /** A second kiosk, at another store, posting with its own token. */
    const postAsOther = (path: '/v1/alerts' | '/v1/answers', items: unknown[]) =>
      call({ url: c.url, token: otherToken }, 'POST', path, {
        kioskId: 'lobby-1',
        sentAt: nowIso(),
        [path === '/v1/alerts' ? 'alerts' : 'answers']: items,
      });

    beforeAll(async () => {
      sink = await startWebhookSink();
      const fresh = await engine.fresh();
      drop = fresh.drop;
      c = await startAlertCollector({
        start: '2026-11-23T09:00:30.000Z',
        databaseUrl: fresh.options.databaseUrl,
        perChannelPerMinute: 2,
      });
      ({ token: otherToken } = await enrolKiosk(
        c.storage,
        { kioskId: 'lobby-1', location: 'Other store', touchpoint: 'Lobby' },
        c.clock.now,
      ));
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

    it("refuses an alert that names another kiosk's answer, and never shows that answer's text", async () => {
      const theirs = answer('lobby-1', ++otherSeq, {
        smiley: 1,
        comment: 'Private words',
        contact: { consentVersion: 'v1', name: 'Ann', email: 'ann@example.com' },
        finalizedAt: nowIso(),
      });
      await postAsOther('/v1/answers', [theirs]);
      const stolen = alert({ kind: 'talk_now', answerId: theirs.id, createdAt: nowIso() });
      expect(results(await c.post('/v1/alerts', [stolen]))).toEqual([
        {
          id: stolen.id,
          status: 'rejected',
          reason: 'answerId names an answer from another kiosk',
        },
      ]);
      // Named before the other kiosk's answer arrives: the alert stands (that kiosk's repeat flag
      // does not withdraw it) and the text stays away.
      const early = alert({ kind: 'talk_now', createdAt: nowIso() });
      await c.post('/v1/alerts', [early]);
      await c.settle();
      const later = answer('lobby-1', ++otherSeq, {
        id: early.answerId!,
        smiley: 1,
        comment: 'Private words',
        contact: { consentVersion: 'v1', name: 'Ann', email: 'ann@example.com' },
        possibleRepeat: true,
        finalizedAt: nowIso(),
      });
      await postAsOther('/v1/answers', [later]);
      await c.settle();
      const ours = (await staffRows()).filter((r) => r.location === LOCATION);
      expect(ours.map((r) => [r.kind, r.status])).toEqual([['talk_now', 'open']]);
      const shown = c.events.map((e) => e.alert).filter((a) => a.location === LOCATION);
      expect(shown.length).toBeGreaterThan(0);
      expect(JSON.stringify(shown)).not.toMatch(/Private words|ann@example/);
    });

    it("cannot silence another kiosk's low score by naming its answer id first", async () => {
      const early = alert({ kind: 'low_score', createdAt: nowIso() });
      await c.post('/v1/alerts', [early]);
      await c.settle();
      const theirs = answer('lobby-1', ++otherSeq, {
        id: early.answerId!,
        smiley: 1,
        finalizedAt: nowIso(),
      });
      await postAsOther('/v1/answers', [theirs]);
      await c.settle();
      const at = (location: string) =>
        staffRows().then((rows) =>
          rows.filter((r) => r.location === location && r.answer_id === theirs.id),
        );
      expect((await at('Other store')).map((r) => r.kind)).toEqual(['low_score']);
      expect((await at(LOCATION)).map((r) => r.kind)).toEqual(['low_score']);
    });

    it('window rule: a kiosk whose clock runs a year ahead does not outvote later unhappy answers', async () => {
      await c.setRouting({
        thresholds: { smiley: 1 },
        window: { minutes: 30, percent: 60, minAnswers: 3 },
      });
      const aYearAhead = new Date(c.clock.now.getTime() + 365 * 24 * 60 * 60_000).toISOString();
      const happy = Array.from({ length: 10 }, () =>
        answer(c.kioskId, ++seq, { smiley: 5, finalizedAt: aYearAhead }),
      );
      await c.post('/v1/answers', happy);
      c.clock.advance(60);
      const unhappy = Array.from({ length: 3 }, () =>
        answer(c.kioskId, ++seq, { smiley: 2, finalizedAt: nowIso() }),
      );
      await c.post('/v1/answers', unhappy);
      await c.settle();
      expect((await staffRows()).map((r) => r.kind)).toEqual(['window']);
    });

    it('a storm of 500 talk-now alerts in one batch is one card and one message, then one summary', async () => {
      const storm = Array.from({ length: 500 }, () =>
        alert({ kind: 'talk_now', createdAt: nowIso() }),
      );
      const reply = await c.post('/v1/alerts', storm);
      expect(results(reply).every((r) => r.status === 'stored')).toBe(true);
      await c.settle();
      const cards = (await staffRows()).filter((r) => r.aggregated_into === null);
      expect(cards.map((r) => [r.kind, r.aggregate_count])).toEqual([['talk_now', 499]]);
      expect(texts()).toEqual([':rotating_light: Customer waiting at Desk 2']);
      c.clock.advance(11);
      await c.app.alerts.tick(c.clock.now);
      await c.settle();
      expect(texts()).toEqual([
        ':rotating_light: Customer waiting at Desk 2',
        ':rotating_light: 499 more requests to talk to someone at Desk 2 in 10 minutes',
      ]);
    });

    it('sends at most the per-channel limit a minute and logs each message held back', async () => {
      await c.post('/v1/alerts', [
        alert({ kind: 'talk_now', createdAt: nowIso() }),
        alert({ kind: 'low_score', createdAt: nowIso() }),
        alert({ kind: 'test', answerId: null, createdAt: nowIso() }),
      ]);
      await c.settle();
      expect((await staffRows()).length).toBe(3);
      expect(sink.received.length).toBe(2);
      const log = await c.storage.db.selectFrom('alert_deliveries').selectAll().execute();
      expect(log.map((d) => d.status).sort()).toEqual(['delivered', 'delivered', 'refused']);
      expect(log.find((d) => d.status === 'refused')!.error).toMatch(/^rate limited/);
    });
  });
}
