// The Kiosks list through real HTTP on SQLite and PostgreSQL, on the collector's injected clock:
// heartbeats (old and new kiosks) become the list and a kiosk's own page, the list is one the page
// checks strictly, its ETag saves a poll, and only admins may look (statuses changing as time
// passes: fleet-api-status-changes.test.ts; the daily prune: fleet-prune.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { FleetListReply } from '../../shared/fleet-api.ts';
import { MAIN, MIN, OUTLET, START, useFleetCollector } from '../support/fleet-suite.ts';
import { staffEngines } from '../support/staff.ts';

let t = START;
const now = () => new Date(t);
const iso = (ms = t) => new Date(ms).toISOString();

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`fleet list on ${engine.name}`, () => {
    const { c, staff, beat, list, kiosk } = useFleetCollector(
      engine,
      now,
      { mo: 'manager', sam: ['staff', ['Main store']] },
      ['mo', 'sam'],
    );
    beforeAll(() => void (t = START));

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
  });
}
