// IT alerts about kiosks on SQLite and PostgreSQL, through real HTTP to a webhook sink on loopback,
// on the collector's injected clock: a kiosk that goes offline in opening hours is one signed
// webhook to IT's channel (and nothing on the staff channel), its recovery one more; a change
// while the store is closed waits for opening and is told then once, or not at all when the kiosk
// is back by then; two collectors on one PostgreSQL tell a change once; and a collector just
// started calls no kiosk offline for five minutes. (IT routing itself: it-routing.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../shared/local-time.ts';
import { setItDefault } from '../../server/alerts/it-routing-store.ts';
import { signStandardWebhook } from '../../server/alerts/senders.ts';
import { updateLocation } from '../../server/locations/store.ts';
import { LOCATION, startAlertCollector, type AlertCollector } from '../support/alert-collector.ts';
import { call, collectorEngines, heartbeat } from '../support/collector.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const ZONE = 'Europe/Berlin';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const MIN = 60_000;
// Monday 2026-11-23, 09:00 in Berlin; the store is open 08:00-18:00 on weekdays.
const START = instantOf('2026-11-23', ZONE, 9, 0);

interface KioskNews {
  type: string;
  headline: string;
  kiosk: { id: string; location: string; touchpoint: string };
  status: string;
  previous: string | null;
  since: string;
  lastHeartbeatAt: string | null;
  link: string;
}

const staffRouting = (sink: WebhookSink) => ({
  thresholds: {},
  channels: [{ name: 'floor', kind: 'slack', url: `${sink.url}/staff` }],
  notify: ['floor'],
});
const itRouting = (sink: WebhookSink) => ({
  channels: [{ name: 'it', kind: 'generic', url: `${sink.url}/it`, secret: SECRET }],
  it: { notify: ['it'] },
});

async function openStore(c: AlertCollector) {
  await updateLocation(c.storage, LOCATION, {
    timeZone: ZONE,
    hours: { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']] },
  });
}

const engines = await collectorEngines('IT alerts');
const pg = engines.find((e) => e.name === 'PostgreSQL')!;

for (const engine of engines) {
  describe.skipIf(engine.skip)(`IT alerts on ${engine.name}`, () => {
    let c: AlertCollector;
    let sink: WebhookSink;
    let drop: (() => Promise<void>) | null = null;
    const at = (ms: number) => (c.clock.now = new Date(ms));
    const beat = async () => {
      const r = await call(c, 'POST', '/v1/heartbeat', heartbeat(c.kioskId, c.clock.now));
      expect(r.status).toBe(200);
    };
    /** One fleet tick, then every delivery it queued. */
    const tick = async () => {
      await c.app.fleet.tick();
      await c.settle();
    };
    const news = () => sink.received.map((r) => JSON.parse(r.body) as KioskNews);

    beforeAll(async () => {
      sink = await startWebhookSink();
      let databaseUrl: string | undefined;
      if (engine.name === 'PostgreSQL') {
        const fresh = await engine.fresh();
        databaseUrl = fresh.options.databaseUrl;
        drop = fresh.drop;
      }
      c = await startAlertCollector({
        start: START.toISOString(),
        databaseUrl,
        fleet: { everyMs: 3_600_000, publicUrl: 'https://lastword.example/' },
      });
      await openStore(c);
      // The tick at start (the kiosk never heard from: offline) is over before IT has a routing.
      await c.app.fleet.tick();
      await c.setRouting(staffRouting(sink));
      await setItDefault(c.storage, itRouting(sink), c.clock.now);
    });
    afterAll(async () => {
      await c?.close();
      await drop?.();
      await sink?.close();
    });

    it('sends one signed IT webhook when a kiosk goes offline in opening hours, none to staff', async () => {
      await beat();
      await tick();
      expect(sink.received).toEqual([]);
      const lastBeat = c.clock.now.toISOString();
      at(START.getTime() + 6 * MIN);
      await tick();
      await tick();
      expect(sink.received.map((r) => r.path)).toEqual(['/it']);
      const [hook] = sink.received;
      const id = hook!.headers['webhook-id'] as string;
      const ts = Number(hook!.headers['webhook-timestamp']);
      expect(hook!.headers['webhook-signature']).toBe(
        signStandardWebhook(SECRET, id, ts, hook!.body),
      );
      expect(news()).toEqual([
        {
          type: 'kiosk.alert',
          headline: 'Kiosk offline at Desk 2, Test store',
          kiosk: { id: c.kioskId, location: LOCATION, touchpoint: 'Desk 2' },
          status: 'offline',
          previous: 'ok',
          since: lastBeat,
          lastHeartbeatAt: lastBeat,
          link: `https://lastword.example/staff/kiosks?kiosk=${c.kioskId}`,
        },
      ]);
      const log = await c.storage.db
        .selectFrom('it_alert_deliveries')
        .select([
          'kiosk_id',
          'kiosk_status',
          'channel',
          'reason',
          'attempt',
          'status',
          'message_id',
        ])
        .execute();
      expect(log).toEqual([
        {
          kiosk_id: c.kioskId,
          kiosk_status: 'offline',
          channel: 'it',
          reason: 'alert',
          attempt: 1,
          status: 'delivered',
          message_id: id,
        },
      ]);
    });

    it('sends one "recovered" when it is back', async () => {
      await beat();
      await tick();
      await tick();
      expect(news().map((n) => [n.type, n.status, n.previous])).toEqual([
        ['kiosk.alert', 'offline', 'ok'],
        ['kiosk.recovered', 'ok', 'offline'],
      ]);
      expect(sink.received.every((r) => r.path === '/it')).toBe(true);
    });

    it('stays quiet while the store is closed and tells a kiosk still down at opening, once', async () => {
      sink.received.length = 0;
      at(instantOf('2026-11-23', ZONE, 17, 58).getTime());
      await beat();
      const lastBeat = c.clock.now.toISOString();
      at(instantOf('2026-11-23', ZONE, 18, 10).getTime());
      await tick();
      at(instantOf('2026-11-24', ZONE, 7, 59).getTime());
      await tick();
      expect(sink.received).toEqual([]);
      at(instantOf('2026-11-24', ZONE, 8, 0).getTime());
      await tick();
      at(instantOf('2026-11-24', ZONE, 8, 1).getTime());
      await tick();
      expect(news().map((n) => [n.type, n.status, n.since])).toEqual([
        ['kiosk.alert', 'offline', lastBeat],
      ]);
    });

    it('tells nothing at opening about a kiosk switched off at closing and on again before', async () => {
      await beat();
      await tick();
      sink.received.length = 0;
      at(instantOf('2026-11-24', ZONE, 17, 59).getTime());
      await beat();
      await tick();
      // Switched off at closing: offline from 18:05, at night.
      at(instantOf('2026-11-24', ZONE, 18, 10).getTime());
      await tick();
      // On again before opening, heartbeating as it should.
      at(instantOf('2026-11-25', ZONE, 7, 57).getTime());
      await beat();
      await tick();
      at(instantOf('2026-11-25', ZONE, 8, 0).getTime());
      await beat();
      await tick();
      expect(sink.received).toEqual([]);
    });

    it("uses a location's own IT routing over the default, and reminds in open hours", async () => {
      await c.setRouting({
        ...staffRouting(sink),
        channels: [
          ...staffRouting(sink).channels,
          { name: 'store-it', kind: 'generic', url: `${sink.url}/store-it`, secret: SECRET },
        ],
        it: { notify: ['store-it'], statuses: ['offline'], remindEveryMinutes: 15 },
      });
      const told = () => sink.received.map((r) => [r.path, (JSON.parse(r.body) as KioskNews).type]);
      at(instantOf('2026-11-25', ZONE, 8, 6).getTime());
      await tick();
      at(instantOf('2026-11-25', ZONE, 8, 20).getTime());
      await tick();
      expect(told()).toEqual([['/store-it', 'kiosk.alert']]);
      at(instantOf('2026-11-25', ZONE, 8, 21).getTime());
      await tick();
      await tick();
      expect(told()).toEqual([
        ['/store-it', 'kiosk.alert'],
        ['/store-it', 'kiosk.reminder'],
      ]);
      // Not at night: the next reminder waits for the next opening.
      at(instantOf('2026-11-25', ZONE, 18, 30).getTime());
      await tick();
      expect(told()).toHaveLength(2);
    });
  });
}

describe('IT alerts: two collectors on one PostgreSQL', () => {
  it.skipIf(pg.skip)('tell a change once', async () => {
    const sink = await startWebhookSink();
    const schema = await pg.fresh();
    const databaseUrl = schema.options.databaseUrl;
    const start = START.toISOString();
    const fleet = { everyMs: 3_600_000 };
    const a = await startAlertCollector({ start, databaseUrl, fleet });
    const b = await startAlertCollector({ start, databaseUrl, fleet, enrol: false });
    try {
      await openStore(a);
      await Promise.all([a.app.fleet.tick(), b.app.fleet.tick()]);
      await setItDefault(a.storage, itRouting(sink), a.clock.now);
      expect(
        (await call(a, 'POST', '/v1/heartbeat', heartbeat(a.kioskId, a.clock.now))).status,
      ).toBe(200);
      await Promise.all([a.app.fleet.tick(), b.app.fleet.tick()]);
      for (const c of [a, b]) c.clock.advance(6);
      await Promise.all([a.app.fleet.tick(), b.app.fleet.tick()]);
      await Promise.all([a.settle(), b.settle()]);
      await Promise.all([a.app.fleet.tick(), b.app.fleet.tick()]);
      await Promise.all([a.settle(), b.settle()]);
      expect(sink.received.map((r) => (JSON.parse(r.body) as KioskNews).type)).toEqual([
        'kiosk.alert',
      ]);
    } finally {
      await a.close();
      await b.close();
      await schema.drop();
      await sink.close();
    }
  });
});

describe('IT alerts: a collector just started', () => {
  it('calls no kiosk offline to IT until its kiosks had five minutes to reach it', async () => {
    const sink = await startWebhookSink();
    const c = await startAlertCollector({
      start: START.toISOString(),
      fleet: { everyMs: 3_600_000 },
    });
    try {
      await openStore(c);
      await setItDefault(c.storage, itRouting(sink), c.clock.now);
      // Never heard from since the start, as after the collector's own downtime.
      for (const minutes of [1, 3]) {
        c.clock.advance(minutes);
        await c.app.fleet.tick();
        await c.settle();
      }
      expect(sink.received).toEqual([]);
      c.clock.advance(1);
      await c.app.fleet.tick();
      await c.settle();
      expect(sink.received.map((r) => (JSON.parse(r.body) as KioskNews).status)).toEqual([
        'offline',
      ]);
    } finally {
      await c.close();
      await sink.close();
    }
  });
});
