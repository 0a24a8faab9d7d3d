// Which kiosk data becomes a staff alert, through real HTTP: talk_now is urgent, thresholds per
// question, repeated presses never alert (flag on the alert, or on the answer that arrives
// after it), late alerts keep their time, quiet hours keep channels quiet, aggregation folds a
// burst into "3 more low scores…", and the window rule fires once per window.
import { describe, expect, it, vi } from 'vitest';
import { readStaffAlert } from '../../server/alerts/store.ts';
import { acknowledgeAlert } from '../../server/alerts/workflow.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { smallConfig } from '../support/config.ts';
import { alert, answer } from '../support/collector.ts';
import { useAlertRules } from '../support/alert-rules-suite.ts';

const { c, sink, base, texts, staffRows, nowIso } = useAlertRules();
let seq = 0;

describe('alerts: rules', () => {
  it('talk_now is urgent: "Customer waiting at Desk 2", published to the hub as waiting', async () => {
    await c.post('/v1/alerts', [
      alert({
        kind: 'talk_now',
        createdAt: nowIso(),
        detail: { location: 'Test store', touchpoint: 'Desk 2' },
      }),
    ]);
    await c.settle();
    expect(texts()).toEqual([':rotating_light: Customer waiting at Desk 2']);
    expect(c.events).toEqual([
      {
        seq: 1,
        type: 'alert',
        alert: expect.objectContaining({
          kind: 'talk_now',
          priority: 'urgent',
          waiting: true,
          status: 'open',
        }),
      },
    ]);
  });

  it("shows the reasons a waiting customer chose before their answer arrives, then the answer's own", async () => {
    const a = alert({
      kind: 'talk_now',
      createdAt: nowIso(),
      detail: { location: 'Test store', touchpoint: 'Desk 2', smiley: 1, reasons: ['wait-time'] },
    });
    await c.post('/v1/alerts', [a]);
    await c.settle();
    expect(c.events[0]!.alert).toMatchObject({ kind: 'talk_now', reasons: ['wait-time'] });
    await c.post('/v1/answers', [
      answer(c.kioskId, ++seq, {
        id: a.answerId!,
        smiley: 1,
        reasons: ['wait-time', 'price'],
        talkNow: true,
        finalizedAt: nowIso(),
      }),
    ]);
    await c.settle();
    const talkNow = c.events.filter((e) => e.alert.kind === 'talk_now');
    expect(talkNow.at(-1)).toMatchObject({
      type: 'update',
      alert: { reasons: ['wait-time', 'price'] },
    });
  });

  it('names reasons by the labels of the survey attached to the kiosk', async () => {
    await attachConfig(c.storage, c.kioskId, { ...smallConfig(), kioskId: c.kioskId }, c.clock.now);
    await c.post('/v1/alerts', [
      alert({
        kind: 'talk_now',
        createdAt: nowIso(),
        detail: { location: 'Test store', touchpoint: 'Desk 2', reasons: ['wait', 'unknown-id'] },
      }),
    ]);
    await c.settle();
    expect(c.events[0]!.alert.reasons).toEqual(['Waiting time', 'unknown-id']);
    await c.storage.db.deleteFrom('kiosk_configs').execute();
  });

  it('reads the survey labels once per config version, and a new config shows its new labels', async () => {
    const config = { ...smallConfig(), kioskId: c.kioskId };
    await attachConfig(c.storage, c.kioskId, config, c.clock.now);
    await c.post('/v1/alerts', [
      alert({
        kind: 'talk_now',
        createdAt: nowIso(),
        detail: { location: 'Test store', touchpoint: 'Desk 2', reasons: ['wait'] },
      }),
    ]);
    await c.settle();
    const id = c.events[0]!.alert.id;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (let i = 0; i < 50; i++) await readStaffAlert(c.storage, id);
      const configParses = parse.mock.calls.filter(([text]) => String(text).includes('"survey"'));
      expect(configParses.length).toBeLessThanOrEqual(1);
    } finally {
      parse.mockRestore();
    }
    const renamed = structuredClone(config);
    renamed.survey.reasons.low[0]!.label.en = 'Queue';
    await attachConfig(c.storage, c.kioskId, renamed, c.clock.now);
    expect((await readStaffAlert(c.storage, id))!.reasons).toEqual(['Queue']);
    await c.storage.db.deleteFrom('kiosk_configs').execute();
  });

  it('applies the location thresholds per question: smiley 3 alone does not alert, NPS 4 does', async () => {
    await c.post('/v1/alerts', [
      alert({
        createdAt: nowIso(),
        detail: { location: 'Test store', touchpoint: 'Desk 2', smiley: 3, nps: 7 },
      }),
    ]);
    await c.settle();
    expect(await staffRows()).toEqual([]);
    // An answer the kiosk did not alert on, below the collector's NPS threshold, alerts on arrival.
    await c.post('/v1/answers', [
      answer(c.kioskId, ++seq, { smiley: 4, nps: 4, finalizedAt: nowIso() }),
    ]);
    await c.settle();
    expect((await staffRows()).map((r) => [r.kind, r.nps])).toEqual([['low_score', 4]]);
    expect(texts()).toEqual(['Low score at Desk 2']);
  });

  it('folds a low score flagged as a possible repeat into the open card, and never refuses talk-now for it', async () => {
    await c.post('/v1/alerts', [alert({ createdAt: nowIso() })]);
    const a = answer(c.kioskId, ++seq, { smiley: 1, possibleRepeat: true, finalizedAt: nowIso() });
    await c.post('/v1/alerts', [
      alert({
        answerId: a.id,
        createdAt: nowIso(),
        detail: { location: 'Test store', touchpoint: 'Desk 2', smiley: 1, possibleRepeat: true },
      }),
      alert({
        kind: 'talk_now',
        answerId: a.id,
        createdAt: nowIso(),
        detail: { location: 'Test store', touchpoint: 'Desk 2', possibleRepeat: true },
      }),
    ]);
    await c.post('/v1/answers', [a]);
    await c.settle();
    const rows = await staffRows();
    expect(rows.map((r) => [r.kind, r.status, r.aggregate_count])).toEqual([
      ['low_score', 'open', 1],
      ['low_score', 'open', 0],
      ['talk_now', 'open', 0],
    ]);
    expect(texts()).toEqual(['Low score at Desk 2', ':rotating_light: Customer waiting at Desk 2']);
    c.clock.advance(11);
    await c.app.alerts.tick(c.clock.now);
    await c.settle();
    expect(texts().at(-1)).toBe('1 more low score at Desk 2 in 10 minutes');
  });

  it('marks an alert that arrives after an offline spell as late and keeps its original time', async () => {
    const createdAt = new Date(c.clock.now.getTime() - 45 * 60_000).toISOString();
    await c.post('/v1/alerts', [alert({ createdAt })]);
    await c.post('/v1/alerts', [
      alert({
        createdAt: new Date(c.clock.now.getTime() - 60_000).toISOString(),
        kind: 'talk_now',
      }),
    ]);
    await c.settle();
    const rows = await staffRows();
    expect(rows.map((r) => [r.kind, Boolean(r.late)])).toEqual([
      ['low_score', true],
      ['talk_now', false],
    ]);
    expect(c.events[0]!.alert).toMatchObject({ late: true, createdAt, receivedAt: nowIso() });
    expect(sink.received[0]!.body).toMatch(/late: received/);
    expect(c.events[1]!.alert.waiting).toBe(true);
    // "Talk to someone now" pressed half an hour ago while offline: shown late, nobody waiting
    // (after the first talk_now's aggregation window, so it is a card of its own).
    c.clock.advance(11);
    await c.post('/v1/alerts', [
      alert({
        kind: 'talk_now',
        createdAt: new Date(c.clock.now.getTime() - 30 * 60_000).toISOString(),
      }),
    ]);
    await c.settle();
    expect(c.events[2]!.alert).toMatchObject({ kind: 'talk_now', late: true, waiting: false });
  });

  it('keeps channels quiet in quiet hours (local time), but still shows the alert and lets talk_now through', async () => {
    // 11:00 UTC is 13:00 in Tallinn.
    c.clock.now = new Date('2026-11-24T11:00:00.000Z');
    await c.setRouting(
      base({ quietHours: { from: '12:30', to: '14:00', timezone: 'Europe/Tallinn' } }),
    );
    await c.post('/v1/alerts', [alert({ createdAt: nowIso() })]);
    await c.post('/v1/alerts', [alert({ kind: 'talk_now', createdAt: nowIso() })]);
    await c.settle();
    expect(texts()).toEqual([':rotating_light: Customer waiting at Desk 2']);
    expect((await staffRows()).map((r) => r.suppressed)).toEqual(['quiet_hours', null]);
    expect(c.events.map((e) => e.type)).toEqual(['alert', 'alert']);

    // Still quiet at 13:59: the held message waits.
    c.clock.now = new Date('2026-11-24T11:59:00.000Z');
    await c.app.alerts.tick(c.clock.now);
    await c.settle();
    expect(texts()).toHaveLength(1);
    // 14:01 in Tallinn: sent once, however many ticks follow.
    c.clock.now = new Date('2026-11-24T12:01:00.000Z');
    await c.app.alerts.tick(c.clock.now);
    await c.app.alerts.tick(c.clock.now);
    await c.settle();
    expect(texts()).toEqual([':rotating_light: Customer waiting at Desk 2', 'Low score at Desk 2']);
  });

  it('does not page anyone after quiet hours for an alert staff already handled', async () => {
    c.clock.now = new Date('2026-11-24T11:00:00.000Z');
    await c.setRouting(
      base({ quietHours: { from: '12:30', to: '14:00', timezone: 'Europe/Tallinn' } }),
    );
    await c.post('/v1/alerts', [alert({ createdAt: nowIso() })]);
    await c.settle();
    const [held] = await staffRows();
    await acknowledgeAlert(c.storage, c.app.alertFeed, held!.id, 'kadri', c.clock.now);
    c.clock.now = new Date('2026-11-24T12:01:00.000Z');
    await c.app.alerts.tick(c.clock.now);
    await c.settle();
    expect(texts()).toEqual([]);
    expect(await c.storage.db.selectFrom('held_notifications').selectAll().execute()).toEqual([]);
  });

  it('aggregates a burst per kiosk: one message, then "3 more low scores at Desk 2 in 10 minutes"', async () => {
    for (let i = 0; i < 4; i++) {
      await c.post('/v1/alerts', [alert({ createdAt: nowIso() })]);
      c.clock.advance(1);
    }
    await c.settle();
    expect(texts()).toEqual(['Low score at Desk 2']);
    expect(c.events.map((e) => [e.type, e.alert.aggregateCount])).toEqual([
      ['alert', 0],
      ['update', 1],
      ['update', 2],
      ['update', 3],
    ]);
    await c.app.alerts.tick(c.clock.now);
    await c.settle();
    expect(texts().length).toBe(1);
    c.clock.advance(7);
    await c.app.alerts.tick(c.clock.now);
    await c.app.alerts.tick(c.clock.now);
    await c.settle();
    expect(texts()).toEqual(['Low score at Desk 2', '3 more low scores at Desk 2 in 10 minutes']);
    // After the window a new low score is a new alert.
    await c.post('/v1/alerts', [alert({ createdAt: nowIso() })]);
    await c.settle();
    expect(texts().length).toBe(3);
  });

  it('window rule: at least X% unhappy of at least M answers in N minutes alerts once per window', async () => {
    await c.setRouting(
      base({ thresholds: { smiley: 1 }, window: { minutes: 30, percent: 50, minAnswers: 4 } }),
    );
    const batch = (smileys: number[]) =>
      smileys.map((s) => answer(c.kioskId, ++seq, { smiley: s, finalizedAt: nowIso() }));
    await c.post('/v1/answers', batch([2, 2, 4]));
    await c.settle();
    expect(await staffRows()).toEqual([]);
    await c.post('/v1/answers', batch([5]));
    await c.settle();
    expect((await staffRows()).map((r) => r.kind)).toEqual(['window']);
    expect(texts()).toEqual(['Many unhappy customers at Test store (Desk 2)']);
    await c.post('/v1/answers', batch([2, 2]));
    await c.settle();
    expect((await staffRows()).length).toBe(1);
  });
});
