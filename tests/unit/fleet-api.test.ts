// The fleet view through real HTTP on SQLite and PostgreSQL, on the collector's injected clock:
// heartbeats (old and new kiosks) become the Kiosks list, statuses change as time passes and are
// recorded once as events, hours are summed, the list's ETag saves a poll, the history endpoint
// answers "when did it go offline", and only admins may look (the daily prune: fleet-prune.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../shared/local-time.ts';
import { FleetHistoryReply, FleetListReply, type FleetKiosk } from '../../shared/fleet-api.ts';
import type { HeartbeatRequest } from '../../shared/protocol.ts';
import { updateLocation } from '../../server/locations/store.ts';
import { call, heartbeat } from '../support/collector.ts';
import { LOCATIONS, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

const ZONE = 'Europe/Berlin';
const MIN = 60_000;
// Monday 2026-11-23, 11:00 in Berlin; each engine's block starts there.
const START = instantOf('2026-11-23', ZONE, 11, 0).getTime();
let t = START;
const now = () => new Date(t);
const iso = (ms = t) => new Date(ms).toISOString();
const MAIN = LOCATIONS.main.kioskId;
const OUTLET = LOCATIONS.outlet.kioskId;

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`fleet API on ${engine.name}`, () => {
    const { c, staff } = useStaffCollector(
      { now, postgresUrl: engine.postgresUrl },
      { ada: 'admin', mo: 'manager', sam: ['staff', ['Main store']] },
      ['ada', 'mo', 'sam'],
    );
    beforeAll(() => void (t = START));
    const beat = (kioskId: string, over: Partial<HeartbeatRequest> = {}) =>
      call({ url: c.url, token: c.tokens[kioskId]! }, 'POST', '/v1/heartbeat', {
        ...heartbeat(kioskId, now()),
        ...over,
      });
    const list = async () => {
      const r = await staff.ada.call('GET', '/staff/api/kiosks');
      expect(r.status).toBe(200);
      return FleetListReply.parse(r.body);
    };
    /** One kiosk in full, as its own page reads it. */
    const kiosk = async (id: string): Promise<FleetKiosk> => {
      const r = await staff.ada.call('GET', `/staff/api/kiosks/${id}/history`);
      expect(r.status).toBe(200);
      return FleetHistoryReply.parse(r.body).kiosk;
    };
    /** Moves the clock on in steps the admin's session survives (it ends after 30 idle minutes). */
    const advanceTo = async (to: number) => {
      while (t < to) {
        t = Math.min(to, t + 20 * MIN);
        await list();
      }
    };

    it('lists enrolled kiosks that never sent a heartbeat as offline', async () => {
      const { kiosks, places, offlineAfterMinutes, now: listedAt } = await list();
      expect(offlineAfterMinutes).toBe(5);
      expect(listedAt).toBe(t);
      const place = (id: number) => places.find((p) => p.id === id)!.name;
      expect(
        kiosks.map((k) => [k.id, place(k.locationId), k.touchpoint, k.status, k.online]),
      ).toEqual([
        [MAIN, 'Main store', 'Checkout 1', 'offline', false],
        [OUTLET, 'Outlet', 'Door', 'offline', false],
      ]);
    });

    it("shows what a new kiosk's heartbeat says, and takes an old kiosk's without the new fields", async () => {
      const started = t - 3 * 3_600_000;
      expect(
        (
          await beat(MAIN, {
            appVersion: '2.1.0',
            queueDepth: 3,
            oldestUnsentAt: iso(t - 2 * MIN),
            deadLetters: 1,
            storageError: null,
            storageErrors: 2,
            startedAt: iso(started + 90_000),
            lastTapAt: iso(t + 90_000 - MIN),
            tapsToday: 14,
            deviceTime: iso(t + 90_000),
          })
        ).status,
      ).toBe(200);
      expect((await beat(OUTLET)).status).toBe(200);
      const main = await kiosk(MAIN);
      expect(main).toMatchObject({
        status: 'ok',
        online: true,
        openNow: true,
        appVersion: '2.1.0',
        lastHeartbeatAt: iso(),
        queueDepth: 3,
        oldestUnsentAt: iso(t - 2 * MIN),
        deadLetters: 1,
        storageError: null,
        storageErrors: 2,
        clockSkewMs: 90_000,
        // Device times shown on the collector's clock.
        startedAt: iso(started),
        lastTapAt: iso(t - MIN),
        tapsToday: 14,
        restarts24h: 0,
      });
      expect(await kiosk(OUTLET)).toMatchObject({
        status: 'ok',
        deadLetters: null,
        storageErrors: null,
        tapsToday: null,
        startedAt: null,
      });
      // The list says the same in its lean form: epoch ms, and nothing for what is unknown.
      const { kiosks, places } = await list();
      expect(kiosks.find((k) => k.id === MAIN)).toEqual({
        id: MAIN,
        locationId: main.locationId,
        touchpoint: main.touchpoint,
        appVersion: '2.1.0',
        status: 'ok',
        online: true,
        lastHeartbeatAt: t,
        queueDepth: 3,
        oldestUnsentAt: t - 2 * MIN,
        deadLetters: 1,
        storageErrors: 2,
        clockSkewMs: 90_000,
        restarts24h: 0,
        tapsToday: 14,
        lastTapAt: t - MIN,
      });
      expect(places).toContainEqual({ id: main.locationId, name: 'Main store', openNow: true });
      const outlet = kiosks.find((k) => k.id === OUTLET)!;
      for (const unknown of ['deadLetters', 'storageErrors', 'tapsToday', 'lastTapAt', 'problems'])
        expect(outlet).not.toHaveProperty(unknown);
    });

    it('gives a list the page checks strictly, naming the row and field of a problem', async () => {
      const r = await staff.ada.call('GET', '/staff/api/kiosks');
      const good = r.body as { kiosks: Record<string, unknown>[] };
      const spoilt = (change: (row: Record<string, unknown>) => void) => {
        const copy = structuredClone(good);
        change(copy.kiosks[1]!);
        return FleetListReply.safeParse(copy).error?.issues.map((i) => [i.path, i.message]);
      };
      expect(FleetListReply.safeParse(good).success).toBe(true);
      expect(spoilt((k) => (k.queueDepth = -1))).toEqual([
        [['kiosks', 1, 'queueDepth'], 'expected a count'],
      ]);
      expect(spoilt((k) => (k.appVersion = null))).toEqual([
        [['kiosks', 1, 'appVersion'], 'expected text'],
      ]);
      expect(spoilt((k) => (k.extra = 1))).toEqual([[['kiosks', 1, 'extra'], 'unknown field']]);
      expect(spoilt((k) => delete k.online)).toEqual([
        [['kiosks', 1, 'online'], 'expected true or false'],
      ]);
      expect(spoilt((k) => (k.locationId = 9_999))).toEqual([
        [['kiosks', 1, 'locationId'], 'not one of the places listed'],
      ]);
    });

    it('answers a poll with 304 while the list is unchanged', async () => {
      const first = await staff.ada.call('GET', '/staff/api/kiosks');
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await staff.ada.call('GET', '/staff/api/kiosks', undefined, {
        'if-none-match': etag,
      });
      expect(again.status).toBe(304);
      await beat(OUTLET, { queueDepth: 7 });
      const changed = await staff.ada.call('GET', '/staff/api/kiosks', undefined, {
        'if-none-match': etag,
      });
      expect(changed.status).toBe(200);
    });

    it('lets only admins see the fleet, and refuses a query it does not know', async () => {
      for (const who of [staff.mo, staff.sam]) {
        expect((await who.call('GET', '/staff/api/kiosks')).status).toBe(403);
        expect((await who.call('GET', `/staff/api/kiosks/${MAIN}/history`)).status).toBe(403);
      }
      const anonymous = await fetch(`${c.url}/staff/api/kiosks`);
      expect(anonymous.status).toBe(401);
      expect((await staff.ada.call('GET', '/staff/api/kiosks?status=ok')).status).toBe(400);
      expect((await staff.ada.call('GET', '/staff/api/kiosks/no%20such/history')).status).toBe(400);
      expect((await staff.ada.call('GET', '/staff/api/kiosks/nobody-here/history')).status).toBe(
        404,
      );
    });

    it('turns a kiosk offline when its heartbeats stop, and records when once', async () => {
      await c.app.fleet.tick();
      const lastBeat = t;
      t += 5 * MIN;
      await beat(MAIN, { tapsToday: 15, lastTapAt: iso() });
      t += MIN;
      expect(await kiosk(OUTLET)).toMatchObject({
        status: 'offline',
        online: false,
        statusSince: iso(lastBeat),
      });
      const changes = await Promise.all([c.app.fleet.tick(), c.app.fleet.tick()]);
      expect(changes.flat()).toEqual([
        { kioskId: OUTLET, status: 'offline', previous: 'ok', at: iso(lastBeat) },
      ]);
      const r = await staff.ada.call('GET', `/staff/api/kiosks/${OUTLET}/history`);
      const history = FleetHistoryReply.parse(r.body);
      // Offline from enrolment (the first tick), ok at its first heartbeat, offline again.
      // (The test's kiosks were enrolled on the real clock, after this fake one: order aside.)
      const events = history.events.map((e) => [e.status, e.previous, e.at]);
      expect(events).toHaveLength(3);
      expect(events).toEqual(
        expect.arrayContaining([
          ['offline', 'ok', iso(lastBeat)],
          ['ok', 'offline', expect.any(String)],
          ['offline', null, expect.any(String)],
        ]),
      );
      expect(history.hours).toEqual([
        expect.objectContaining({
          hour: '2026-11-23T10:00:00.000Z',
          heartbeats: 2,
          maxQueueDepth: 7,
        }),
      ]);
    });

    it('sees restarts, a crash loop and a failing disk in the heartbeats and the hours', async () => {
      let lastStart = '';
      for (let i = 1; i <= 2; i++) {
        t += MIN;
        lastStart = iso();
        await beat(MAIN, { startedAt: lastStart, storageError: null, lastTapAt: iso() });
      }
      expect(await kiosk(MAIN)).toMatchObject({ status: 'crash_looping', restarts24h: 2 });
      t += MIN;
      const error = 'storage failed (SQLITE_FULL): database or disk is full';
      await beat(MAIN, { startedAt: lastStart, storageError: error, storageErrors: 5 });
      const main = await kiosk(MAIN);
      expect(main).toMatchObject({
        status: 'crash_looping',
        problems: ['crash_looping', 'storage_failing'],
        storageError: error,
        storageErrors: 5,
      });
      const { hours } = FleetHistoryReply.parse(
        (await staff.ada.call('GET', `/staff/api/kiosks/${MAIN}/history`)).body,
      );
      expect(hours[0]).toMatchObject({ restarts: 2, storageFailing: 1, storageErrors: 5 });
      // An hour later the restarts are old news; the disk came back.
      await advanceTo(t + 61 * MIN);
      await beat(MAIN, { startedAt: lastStart, storageError: null, lastTapAt: iso() });
      expect(await kiosk(MAIN)).toMatchObject({ status: 'ok', restarts24h: 2 });
    });

    it('calls a kiosk silent when the usual Monday rush brings no taps, only while open', async () => {
      await updateLocation(c.storage, 'Main store', {
        timeZone: ZONE,
        hours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']] },
      });
      // Four Mondays of history, each with 12 taps at 13:00 and 1 in every other hour.
      const { location_id, touchpoint_id } = await c.storage.db
        .selectFrom('kiosks')
        .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
        .select(['touchpoints.location_id', 'kiosks.touchpoint_id'])
        .where('kiosks.id', '=', MAIN)
        .executeTakeFirstOrThrow();
      const hours = Array.from({ length: 24 }, (_, h) => `[${h === 13 ? 12 : 1},0]`).join(',');
      for (const day of ['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16'])
        await c.storage.db
          .insertInto('results_days')
          .values({
            location_id,
            touchpoint_id: touchpoint_id!,
            day,
            weekday: 1,
            answers: 35,
            happy: 0,
            unhappy: 0,
            promoters: 0,
            passives: 0,
            detractors: 0,
            ces_sum: 0,
            ces_n: 0,
            hours: `[${hours}]`,
            reasons: '{}',
          })
          .execute();
      expect(await c.app.fleet.refreshUsual()).toBe(1);
      // The last tap at 13:00 with heartbeats on: 8 usual taps would have come by 13:40.
      await advanceTo(instantOf('2026-11-23', ZONE, 13, 0).getTime());
      const lastTap = iso();
      await advanceTo(t + 35 * MIN);
      await beat(MAIN, { lastTapAt: lastTap, startedAt: iso(t - 5 * 3_600_000) });
      expect((await kiosk(MAIN)).status).toBe('ok');
      await advanceTo(t + 10 * MIN);
      await beat(MAIN, { lastTapAt: lastTap, startedAt: iso(t - 5 * 3_600_000) });
      expect(await kiosk(MAIN)).toMatchObject({
        status: 'silent',
        statusSince: instantOf('2026-11-23', ZONE, 13, 40).toISOString(),
        openNow: true,
      });
    });
  });
}
