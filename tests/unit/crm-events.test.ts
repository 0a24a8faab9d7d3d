// Signed CRM events over real HTTP on SQLite and (with LASTWORD_TEST_PG_URL) PostgreSQL: answers
// posted by a kiosk and an alert resolved by staff reach a loopback webhook sink as
// answer.finalized and alert.resolved, once each (a resent batch adds none), signed per Standard
// Webhooks (checked here independently), contact details only to the endpoint that asked for
// them, a 503 retried with the same webhook-id, and nothing for a location without endpoints.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertListReply } from '../../shared/staff-api.ts';
import { parseRouting, setRouting } from '../../server/alerts/routing-store.ts';
import { answer, call } from '../support/collector.ts';
import { LOCATIONS, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';
import { startWebhookSink, type ReceivedHook } from '../support/webhook-sink.ts';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const sink = await startWebhookSink();
afterAll(() => sink.close());

function verified(hook: ReceivedHook): boolean {
  const h = hook.headers;
  const key = Buffer.from(SECRET.split('_')[1]!, 'base64');
  const expected = createHmac('sha256', key)
    .update(`${String(h['webhook-id'])}.${String(h['webhook-timestamp'])}.${hook.body}`)
    .digest();
  const [version, sig] = String(h['webhook-signature']).split(',');
  const given = Buffer.from(sig ?? '', 'base64');
  return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
}

const body = (h: ReceivedHook) =>
  JSON.parse(h.body) as { type: string; data: Record<string, unknown> };

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`signed CRM events on ${engine.name}`, () => {
    const { c, staff } = useStaffCollector(
      {
        postgresUrl: engine.postgresUrl,
        alerts: {
          targets: { allowHosts: ['127.0.0.1'] },
          retry: { baseDelayMs: 10, maxDelayMs: 40, maxAttempts: 4 },
          tickIntervalMs: 0,
        },
      },
      { mo: 'manager' },
      ['mo'],
    );
    const main = LOCATIONS.main;
    let seq = 0;
    const post = async (kioskId: string, answers: unknown[]) => {
      const reply = await call({ url: c.url, token: c.tokens[kioskId]! }, 'POST', '/v1/answers', {
        kioskId,
        sentAt: new Date().toISOString(),
        answers,
      });
      expect(reply.status).toBe(200);
    };
    const crm = (path: string) => sink.received.filter((r) => r.path === path);
    beforeEach(async () => {
      sink.received.length = 0;
      sink.script([]);
      await setRouting(
        c.storage,
        main.location,
        {
          thresholds: { smiley: 2 },
          events: [
            {
              url: `${sink.url}/crm-full`,
              secret: SECRET,
              events: ['answer.finalized', 'alert.resolved'],
              includeContact: true,
            },
            { url: `${sink.url}/crm-plain`, secret: SECRET, events: ['answer.finalized'] },
          ],
        },
        new Date(),
      );
    });

    it('sends answer.finalized once per answer, signed, with contact only where asked', async () => {
      const a = answer(main.kioskId, ++seq, {
        smiley: 1,
        nps: 3,
        contact: { consentVersion: 'v1', name: 'Ada', email: `ada-crm@example.test` },
      });
      await post(main.kioskId, [a]);
      await post(main.kioskId, [a]); // a resend: already stored, no second event
      await c.app.alerts.idle();
      const [full] = crm('/crm-full');
      const [plain] = crm('/crm-plain');
      expect(crm('/crm-full')).toHaveLength(1);
      expect(crm('/crm-plain')).toHaveLength(1);
      for (const h of [full!, plain!]) {
        expect(verified(h)).toBe(true);
        expect(body(h)).toMatchObject({
          type: 'answer.finalized',
          data: { answerId: a.id, location: main.location, smiley: 1, nps: 3 },
        });
      }
      expect(body(full!).data.contact).toEqual({ name: 'Ada', email: 'ada-crm@example.test' });
      expect(body(plain!).data).not.toHaveProperty('contact');
      expect(plain!.body).not.toContain('ada-crm@example.test');
    });

    it('sends alert.resolved once, to the endpoint that subscribed, when staff resolve', async () => {
      const a = answer(main.kioskId, ++seq, { smiley: 1 });
      await post(main.kioskId, [a]);
      await c.app.alerts.idle();
      const alerts = AlertListReply.parse((await staff.mo.call('GET', '/staff/api/alerts')).body);
      const card = alerts.alerts.find((x) => x.smiley === 1 && x.status !== 'resolved')!;
      sink.received.length = 0;
      const done = await staff.mo.call('POST', `/staff/api/alerts/${card.id}/resolve`, {
        outcome: 'recovered',
      });
      expect(done.status).toBe(200);
      expect(
        (await staff.mo.call('POST', `/staff/api/alerts/${card.id}/resolve`, { outcome: 'other' }))
          .status,
      ).toBe(409);
      await c.app.alerts.idle();
      expect(crm('/crm-plain')).toHaveLength(0);
      expect(crm('/crm-full')).toHaveLength(1);
      expect(verified(crm('/crm-full')[0]!)).toBe(true);
      expect(body(crm('/crm-full')[0]!)).toMatchObject({
        type: 'alert.resolved',
        data: { alertId: card.id, outcome: 'recovered', location: main.location },
      });
    });

    it('retries after a 503 with the same webhook-id', async () => {
      sink.script([503]);
      await setRouting(
        c.storage,
        main.location,
        {
          thresholds: {},
          events: [{ url: `${sink.url}/crm-retry`, secret: SECRET, events: ['answer.finalized'] }],
        },
        new Date(),
      );
      await post(main.kioskId, [answer(main.kioskId, ++seq, { smiley: 5 })]);
      await c.app.alerts.idle();
      const got = crm('/crm-retry');
      expect(got).toHaveLength(2);
      expect(got[0]!.headers['webhook-id']).toBe(got[1]!.headers['webhook-id']);
      expect(got.every(verified)).toBe(true);
    });

    it('sends nothing for a location without event endpoints', async () => {
      await post(LOCATIONS.outlet.kioskId, [answer(LOCATIONS.outlet.kioskId, 1, { smiley: 1 })]);
      await c.app.alerts.idle();
      expect(sink.received).toEqual([]);
    });
  });
}

describe('event endpoints in the routing', () => {
  it('refuses an endpoint without a secret, with no events or a repeated URL, naming the field', () => {
    const hook = { url: 'https://crm.example/hook', secret: SECRET, events: ['answer.finalized'] };
    expect(parseRouting({ thresholds: {}, events: [hook] }).events[0]!.includeContact).toBe(false);
    expect(() =>
      parseRouting({ thresholds: {}, events: [{ ...hook, secret: undefined }] }),
    ).toThrow(/events\.0\.secret/);
    expect(() => parseRouting({ thresholds: {}, events: [{ ...hook, events: [] }] })).toThrow(
      /events\.0\.events/,
    );
    expect(() => parseRouting({ thresholds: {}, events: [hook, hook] })).toThrow(/unique/);
  });
});
