// Kiosk statuses changing as time passes, through real HTTP on SQLite and PostgreSQL on the
// collector's injected clock: a kiosk turns offline when its heartbeats stop and the change is
// recorded once as an event, hours are summed, restarts and a failing disk show, a Monday rush
// with no taps makes a kiosk silent while open, and the history endpoint answers "when did it go
// offline" (the list itself: fleet-api.test.ts; the daily prune: fleet-prune.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../shared/local-time.ts';
import { FleetHistoryReply } from '../../shared/fleet-api.ts';
import { updateLocation } from '../../server/locations/store.ts';
import { MAIN, MIN, OUTLET, START, ZONE, useFleetCollector } from '../support/fleet-suite.ts';
import { staffEngines } from '../support/staff.ts';

let t = START;
const now = () => new Date(t);
const iso = (ms = t) => new Date(ms).toISOString();

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`fleet statuses on ${engine.name}`, () => {
    const { c, staff, beat, list, kiosk } = useFleetCollector(engine, now);
    // What the tests build on: both kiosks heard from at the start (so only the outlet changes
    // when it falls silent), the main one with its start time (so a new one is a restart), the
    // outlet twice, once with 7 queued (its hour shows both).
    beforeAll(async () => {
      t = START;
      const beats = [
        await beat(MAIN, { startedAt: iso(t - 3 * 3_600_000) }),
        await beat(OUTLET),
        await beat(OUTLET, { queueDepth: 7 }),
      ];
      expect(beats.map((r) => r.status)).toEqual([200, 200, 200]);
    });
    /** Moves the clock on in steps the admin's session survives (it ends after 30 idle minutes). */
    const advanceTo = async (to: number) => {
      while (t < to) {
        t = Math.min(to, t + 20 * MIN);
        await list();
      }
    };

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
