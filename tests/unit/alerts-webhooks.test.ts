// Kiosk alert in through real HTTP → router → webhooks out to a sink on loopback: one signed
// request per alert (signature checked per Standard Webhooks, written out here independently),
// Slack and Teams shapes without personal data, retries with a delivery log, refused targets.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alert, answer } from '../support/collector.ts';
import { startAlertCollector, type AlertCollector } from '../support/alert-collector.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
let c: AlertCollector;
let sink: WebhookSink;

function verify(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): boolean {
  const id = String(headers['webhook-id']);
  const ts = String(headers['webhook-timestamp']);
  const key = Buffer.from(secret.split('_')[1]!, 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .some((s) => {
      const [version, sig] = s.split(',');
      const given = Buffer.from(sig ?? '', 'base64');
      return (
        version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
      );
    });
}

const routing = (extra: Record<string, unknown> = {}) => ({
  thresholds: { smiley: 2 },
  channels: [
    { name: 'hooks', kind: 'generic', url: `${sink.url}/generic`, secret: SECRET },
    { name: 'slack', kind: 'slack', url: `${sink.url}/slack` },
    { name: 'teams', kind: 'teams', url: `${sink.url}/teams` },
  ],
  notify: ['hooks', 'slack', 'teams'],
  ...extra,
});

beforeAll(async () => {
  sink = await startWebhookSink();
  c = await startAlertCollector({ start: '2026-11-23T09:00:30.000Z' });
});
afterAll(async () => {
  await c.close();
  await sink.close();
});
beforeEach(() => {
  sink.received.length = 0;
  sink.script([]);
  c.clock.advance(60);
});

describe('alerts: webhooks', () => {
  it('sends one signed generic webhook, one Slack and one Teams message per alert, without customer text', async () => {
    await c.setRouting(routing());
    const a = answer(c.kioskId, 1, {
      smiley: 1,
      comment: 'The queue was endless',
      contact: { consentVersion: 'v1', name: 'Mari Tamm', phone: '+372 5555 1234' },
    });
    const al = alert({ answerId: a.id, createdAt: c.clock.now.toISOString() });
    expect((await c.post('/v1/alerts', [al])).status).toBe(200);
    await c.settle();
    expect(sink.received.map((r) => r.path).sort()).toEqual(['/generic', '/slack', '/teams']);

    const generic = sink.received.find((r) => r.path === '/generic')!;
    expect(verify(SECRET, generic.headers, generic.body)).toBe(true);
    expect(verify(SECRET, generic.headers, generic.body.replace('Desk 2', 'Desk 3'))).toBe(false);
    expect(Number(generic.headers['webhook-timestamp'])).toBe(
      Math.floor(c.clock.now.getTime() / 1000),
    );
    expect(String(generic.headers['webhook-id'])).toMatch(/^msg_/);
    const body = JSON.parse(generic.body) as {
      type: string;
      headline: string;
      alert: Record<string, unknown>;
    };
    expect(body.type).toBe('alert.created');
    expect(body.headline).toBe('Low score at Desk 2');
    expect(body.alert).toMatchObject({
      kioskId: c.kioskId,
      kind: 'low_score',
      priority: 'high',
      smiley: 1,
      late: false,
    });

    const slack = JSON.parse(sink.received.find((r) => r.path === '/slack')!.body) as {
      text: string;
      blocks: unknown[];
    };
    expect(slack.text).toBe('Low score at Desk 2');
    expect(slack.blocks.length).toBe(2);
    const teams = JSON.parse(sink.received.find((r) => r.path === '/teams')!.body) as {
      attachments: { contentType: string }[];
    };
    expect(teams.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');

    // The answer with comment and contact arrives later: no channel ever carries them by default.
    await c.post('/v1/answers', [a]);
    await c.settle();
    for (const r of sink.received) expect(r.body).not.toMatch(/queue was endless|Mari|5555/);
    expect(c.events.at(-1)).toMatchObject({
      type: 'update',
      alert: { comment: 'The queue was endless', contact: { name: 'Mari Tamm' } },
    });
  });

  it('retries a failing receiver with backoff, logs every attempt, and keeps the webhook-id across retries', async () => {
    await c.setRouting(routing({ notify: ['hooks'] }));
    sink.script([500, 503]);
    await c.post('/v1/alerts', [alert({ createdAt: c.clock.now.toISOString() })]);
    await c.settle();
    expect(sink.received.length).toBe(3);
    expect(new Set(sink.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const r of sink.received) expect(verify(SECRET, r.headers, r.body)).toBe(true);
    const log = await c.storage.db
      .selectFrom('alert_deliveries')
      .select(['attempt', 'status', 'http_status'])
      .where('channel', '=', 'hooks')
      .orderBy('attempt')
      .execute();
    expect(log.slice(-3)).toEqual([
      { attempt: 1, status: 'retrying', http_status: 500 },
      { attempt: 2, status: 'retrying', http_status: 503 },
      { attempt: 3, status: 'delivered', http_status: 200 },
    ]);
  });

  it('gives up after the last attempt and does not retry a 4xx', async () => {
    await c.setRouting(routing({ notify: ['slack'] }));
    sink.script([400]);
    await c.post('/v1/alerts', [alert({ createdAt: c.clock.now.toISOString() })]);
    await c.settle();
    expect(sink.received.length).toBe(1);
    sink.received.length = 0;
    sink.script([500, 500, 500, 500, 500]);
    c.clock.advance(60);
    await c.post('/v1/alerts', [alert({ createdAt: c.clock.now.toISOString() })]);
    await c.settle();
    expect(sink.received.length).toBe(4);
    const last = await c.storage.db
      .selectFrom('alert_deliveries')
      .select(['attempt', 'status'])
      .orderBy('at', 'desc')
      .orderBy('attempt', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ attempt: 4, status: 'failed' });
  });

  it('refuses loopback targets that are not explicitly allowed, and logs why', async () => {
    const port = new URL(sink.url).port;
    await c.setRouting(
      routing({
        channels: [{ name: 'local', kind: 'slack', url: `http://localhost:${port}/x` }],
        notify: ['local'],
      }),
    );
    await c.post('/v1/alerts', [alert({ createdAt: c.clock.now.toISOString() })]);
    await c.settle();
    expect(sink.received.length).toBe(0);
    const row = await c.storage.db
      .selectFrom('alert_deliveries')
      .select(['status', 'error'])
      .where('channel', '=', 'local')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('refused');
    expect(row.error).toMatch(/https|loopback/);
  });
});
