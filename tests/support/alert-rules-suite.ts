// The collector and Slack sink the alert-rule tests share for a whole file, and the routing each
// test starts from: thresholds smiley <= 2 and NPS <= 4, one Slack channel. Before each test the
// clock moves on two minutes and the alerts, deliveries and messages of the last one are gone.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startAlertCollector, type AlertCollector } from './alert-collector.ts';
import { startWebhookSink, type WebhookSink } from './webhook-sink.ts';

/** Call it at the top of a test file; `c` and `sink` are filled in before the first test. */
export function useAlertRules() {
  const c = {} as AlertCollector;
  const sink = {} as WebhookSink;
  /** The routing every test starts from, with `extra` on top. */
  const base = (extra: Record<string, unknown> = {}) => ({
    thresholds: { smiley: 2, nps: 4 },
    channels: [{ name: 'slack', kind: 'slack', url: `${sink.url}/slack` }],
    notify: ['slack'],
    ...extra,
  });
  beforeAll(async () => {
    Object.assign(sink, await startWebhookSink());
    Object.assign(c, await startAlertCollector({ start: '2026-11-23T09:00:30.000Z' }));
  });
  afterAll(async () => {
    await c.close?.();
    await sink.close?.();
  });
  beforeEach(async () => {
    c.clock.advance(120);
    await c.setRouting(base());
    sink.received.length = 0;
    c.events.length = 0;
    await c.storage.db.deleteFrom('alert_deliveries').execute();
    await c.storage.db.deleteFrom('staff_alerts').execute();
  });
  return {
    c,
    sink,
    base,
    /** The Slack messages sent, oldest first. */
    texts: () => sink.received.map((r) => (JSON.parse(r.body) as { text: string }).text),
    staffRows: () =>
      c.storage.db
        .selectFrom('staff_alerts')
        .selectAll()
        .orderBy('received_at')
        .orderBy('id')
        .execute(),
    nowIso: () => c.clock.now.toISOString(),
  };
}
