// Acknowledge → resolve with times stored for reports, escalation by the injected clock, and
// e-mail through a real SMTP sink on loopback (exactly one message per alert).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  acknowledgeAlert,
  AlertWorkflowError,
  listAlerts,
  listDeliveries,
  resolveAlert,
} from '../../server/alerts/workflow.ts';
import { alert, answer } from '../support/collector.ts';
import { LOCATION, startAlertCollector, type AlertCollector } from '../support/alert-collector.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

let c: AlertCollector;
let smtp: SmtpSink;
let sink: WebhookSink;
const nowIso = () => c.clock.now.toISOString();

const routing = (extra: Record<string, unknown> = {}) => ({
  thresholds: { smiley: 2 },
  channels: [
    { name: 'floor', kind: 'email', to: ['floor@example.test'] },
    { name: 'manager', kind: 'email', to: ['manager@example.test'] },
    { name: 'slack', kind: 'slack', url: `${sink.url}/slack` },
  ],
  notify: ['floor'],
  escalation: [
    { afterMinutes: 5, notify: ['manager'] },
    { afterMinutes: 15, notify: ['slack'] },
  ],
  ...extra,
});

beforeAll(async () => {
  smtp = await startSmtpSink();
  sink = await startWebhookSink();
  c = await startAlertCollector({
    start: '2026-11-23T09:00:30.000Z',
    // The sink offers no STARTTLS: a local relay, allowed to take mail in clear.
    smtp: { host: smtp.host, port: smtp.port, from: 'lastword@example.test', allowPlaintext: true },
  });
});
afterAll(async () => {
  await c.close();
  await smtp.close();
  await sink.close();
});
beforeEach(async () => {
  c.clock.advance(120);
  await c.setRouting(routing());
  smtp.mails.length = 0;
  sink.received.length = 0;
  c.events.length = 0;
  // Earlier tests' open alerts would escalate under this test's clock.
  await c.storage.db
    .updateTable('staff_alerts')
    .set({ status: 'resolved' })
    .where('status', '!=', 'resolved')
    .execute();
});

async function raise(kind: 'low_score' | 'talk_now' = 'low_score') {
  const a = alert({ kind, createdAt: nowIso() });
  await c.post('/v1/alerts', [a]);
  await c.settle();
  const [latest] = await listAlerts(c.storage, { locations: [LOCATION], limit: 1 });
  return latest!;
}

/** Whether the newest alert's deliveries carried comment or contact. */
async function deliveredPersonalData() {
  const [latest] = await listAlerts(c.storage, { locations: [LOCATION], limit: 1 });
  return (await listDeliveries(c.storage, latest!.id)).map((d) => d.personalData);
}

describe('alerts: e-mail', () => {
  it('sends exactly one mail per alert to the notified channel, without personal data by default', async () => {
    const a = answer(c.kioskId, 1, {
      smiley: 1,
      comment: 'Rude staff at the desk',
      contact: { consentVersion: 'v1', name: 'Jaan', email: 'jaan@example.test' },
    });
    await c.post('/v1/answers', [a]);
    await c.settle();
    expect(smtp.mails.length).toBe(1);
    expect(smtp.mails[0]!.to).toEqual(['floor@example.test']);
    expect(smtp.mails[0]!.raw).toMatch(/Subject: \[Lastword\] Low score at Desk 2/);
    expect(smtp.mails[0]!.raw).not.toMatch(/Rude|Jaan/);
    expect(await deliveredPersonalData()).toEqual([false]);
  });

  it('includes comment and contact when the location allows personal data in channels', async () => {
    await c.setRouting(routing({ personalDataInChannels: true }));
    await c.post('/v1/answers', [
      answer(c.kioskId, 2, { smiley: 1, comment: 'Rude staff at the desk', finalizedAt: nowIso() }),
    ]);
    await c.settle();
    expect(smtp.mails.length).toBe(1);
    expect(smtp.mails[0]!.raw).toMatch(/Comment: Rude staff at the desk/);
    // The delivery log says so (never what), for an erasure to name who received it.
    expect(await deliveredPersonalData()).toEqual([true]);
  });
});

describe('alerts: e-mail without TLS', () => {
  it('never falls back to plain text when STARTTLS is missing, unless allowed for a local relay', async () => {
    const strict = await startAlertCollector({
      start: '2026-11-23T09:00:30.000Z',
      smtp: { host: smtp.host, port: smtp.port, from: 'lastword@example.test' },
    });
    try {
      await strict.setRouting(routing());
      smtp.mails.length = 0;
      await strict.post('/v1/alerts', [alert({ createdAt: strict.clock.now.toISOString() })]);
      await strict.settle();
      expect(smtp.mails).toEqual([]);
      const log = await strict.storage.db.selectFrom('alert_deliveries').selectAll().execute();
      expect(log.at(-1)).toMatchObject({ channel: 'floor', status: 'failed' });
    } finally {
      await strict.close();
    }
  });
});

describe('alerts: acknowledge and resolve', () => {
  it('stores who and when, time to acknowledge and to resolve, and publishes each change', async () => {
    const a = await raise();
    c.clock.advance(2);
    const acked = await acknowledgeAlert(c.storage, c.app.alertFeed, a.id, 'kadri', c.clock.now);
    expect(acked).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'kadri',
      acknowledgedAt: nowIso(),
    });
    // A second acknowledgement keeps the first.
    const again = await acknowledgeAlert(
      c.storage,
      c.app.alertFeed,
      a.id,
      'mart',
      new Date(c.clock.now.getTime() + 1000),
    );
    expect(again.acknowledgedBy).toBe('kadri');
    c.clock.advance(8);
    const resolved = await resolveAlert(
      c.storage,
      c.app.alertFeed,
      a.id,
      'kadri',
      'recovered',
      'Offered a coffee; happy again',
      c.clock.now,
    );
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedBy: 'kadri',
      outcome: 'recovered',
      note: 'Offered a coffee; happy again',
    });
    const row = await c.storage.db
      .selectFrom('staff_alerts')
      .select(['ack_seconds', 'resolve_seconds'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ ack_seconds: 120, resolve_seconds: 600 });
    expect(c.events.map((e) => [e.type, e.alert.status])).toEqual([
      ['alert', 'open'],
      ['update', 'acknowledged'],
      ['update', 'resolved'],
    ]);
    await expect(
      resolveAlert(c.storage, c.app.alertFeed, a.id, 'mart', 'other', null, c.clock.now),
    ).rejects.toBeInstanceOf(AlertWorkflowError);
    await expect(
      acknowledgeAlert(c.storage, c.app.alertFeed, a.id, 'mart', c.clock.now),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      acknowledgeAlert(c.storage, c.app.alertFeed, 'nope', 'mart', c.clock.now),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists by location and status, newest first', async () => {
    const open = await raise('talk_now');
    expect((await listAlerts(c.storage, { locations: ['Elsewhere'] })).length).toBe(0);
    expect((await listAlerts(c.storage, { locations: [] })).length).toBe(0);
    const listed = await listAlerts(c.storage, { locations: 'all', status: 'open' });
    expect(listed[0]!.id).toBe(open.id);
    expect(listed.every((a) => a.status === 'open')).toBe(true);
  });
});

describe('alerts: escalation', () => {
  it('tells the next channel when nobody acknowledges in time, once per step, and stops on acknowledge', async () => {
    const a = await raise();
    expect(smtp.mails.map((m) => m.to[0])).toEqual(['floor@example.test']);
    c.clock.advance(4);
    await c.app.alerts.tick(c.clock.now);
    await c.settle();
    expect(smtp.mails.length).toBe(1);
    c.clock.advance(2);
    await c.app.alerts.tick(c.clock.now);
    await c.app.alerts.tick(c.clock.now);
    await c.settle();
    expect(smtp.mails.map((m) => m.to[0])).toEqual(['floor@example.test', 'manager@example.test']);
    expect(smtp.mails[1]!.raw).toMatch(/still not acknowledged/);

    await acknowledgeAlert(c.storage, c.app.alertFeed, a.id, 'kadri', c.clock.now);
    c.clock.advance(20);
    await c.app.alerts.tick(c.clock.now);
    await c.settle();
    expect(sink.received.length).toBe(0);
    expect(smtp.mails.length).toBe(2);
    const log = await listDeliveries(c.storage, a.id);
    expect(log.map(({ reason, channel, status }) => ({ reason, channel, status }))).toEqual([
      { reason: 'initial', channel: 'floor', status: 'delivered' },
      { reason: 'escalation-1', channel: 'manager', status: 'delivered' },
    ]);
  });

  it('takes every due step after a long gap, ending at the last', async () => {
    await raise();
    c.clock.advance(30);
    await c.app.alerts.tick(c.clock.now);
    await c.settle();
    expect(sink.received.length).toBe(1);
    expect((JSON.parse(sink.received[0]!.body) as { text: string }).text).toBe(
      'Low score at Desk 2 — still not acknowledged',
    );
  });
});
