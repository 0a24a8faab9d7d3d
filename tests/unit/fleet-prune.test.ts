// The fleet's daily jobs on SQLite and PostgreSQL, on the collector's injected clock: the tick
// claims each (usual taps, prune) once a day, however often it runs, and the prune drops kiosk
// hours and status events older than 30 days while keeping newer ones.
import { describe, expect, it } from 'vitest';
import { pruneFleetHistory } from '../../server/fleet/prune.ts';
import { LOCATIONS, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

const t = Date.parse('2026-11-23T10:00:00.000Z');
const iso = (ms = t) => new Date(ms).toISOString();
const MAIN = LOCATIONS.main.kioskId;

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`fleet daily jobs on ${engine.name}`, () => {
    const { c } = useStaffCollector(
      { now: () => new Date(t), postgresUrl: engine.postgresUrl },
      { ada: 'admin' },
      [],
    );

    it('claims the daily jobs once a day and prunes history older than 30 days', async () => {
      await c.app.fleet.tick();
      await c.app.fleet.tick();
      const claims = await c.storage.db
        .selectFrom('fleet_claims')
        .select(['task', 'day'])
        .where('day', '=', iso().slice(0, 10))
        .orderBy('task')
        .execute();
      expect(claims).toEqual([
        { task: 'fleet.prune', day: iso().slice(0, 10) },
        { task: 'fleet.usual', day: iso().slice(0, 10) },
      ]);
      const old = new Date(t - 31 * 86_400_000);
      await c.storage.db
        .insertInto('kiosk_hours')
        .values({
          kiosk_id: MAIN,
          hour: old.toISOString(),
          heartbeats: 60,
          restarts: 0,
          max_queue_depth: 0,
          max_abs_skew_ms: 0,
          storage_failing: 0,
          dead_letters: null,
          storage_errors: null,
          taps_today: null,
          last_at: old.toISOString(),
        })
        .execute();
      await c.storage.db
        .insertInto('kiosk_status_events')
        .values({ kiosk_id: MAIN, at: old.toISOString(), status: 'offline', previous: 'ok' })
        .execute();
      const count = async () =>
        (await c.storage.db.selectFrom('kiosk_hours').select('hour').execute()).length +
        (await c.storage.db.selectFrom('kiosk_status_events').select('at').execute()).length;
      const before = await count();
      expect(await pruneFleetHistory(c.storage, new Date(t - 30 * 86_400_000))).toBe(2);
      expect(await count()).toBe(before - 2);
    });
  });
}
