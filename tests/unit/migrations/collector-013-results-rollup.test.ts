// Collector migration 013-results-rollup on a database that holds earlier data, on SQLite and,
// where LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, results_days and results_dirty
// added with answers_by_place, every held answer's (location, UTC day) marked for rolling up, and
// the keys refusing a second row for one location-day-touchpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const day = (over: Record<string, unknown> = {}) => ({
  location_id: 1,
  touchpoint_id: 0,
  day: '2026-11-02',
  weekday: 1,
  answers: 1,
  happy: 1,
  unhappy: 0,
  promoters: 1,
  passives: 0,
  detractors: 0,
  ces_sum: 0,
  ces_n: 0,
  hours: '[]',
  reasons: '{}',
  ...over,
});

for (const engine of await collectorEngines('collector migration 013')) {
  describe.skipIf(engine.skip)(`collector migration 013-results-rollup on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v12: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('012-updates');
      v12 = await s.rows(await s.tables());
      await s.migrateTo('013-results-rollup');
    });
    afterAll(async () => s?.drop());

    it('keeps every v12 row', async () => {
      expect(await s.rows(Object.keys(v12))).toEqual(v12);
    });

    it('adds the rollup tables and the answers-by-place index', async () => {
      expect(await s.tables()).toEqual(
        [...Object.keys(v12), 'results_days', 'results_dirty'].sort(),
      );
      expect(await s.columns('results_dirty')).toEqual(
        s.expected({ location_id: 'integer', utc_day: 'text' }),
      );
      expect(Object.keys(await s.columns('results_days'))).toEqual([
        'location_id',
        'touchpoint_id',
        'day',
        'weekday',
        'answers',
        'happy',
        'unhappy',
        'promoters',
        'passives',
        'detractors',
        'ces_sum',
        'ces_n',
        'hours',
        'reasons',
      ]);
      expect(await s.indexes('answers')).toContain('answers_by_place');
    });

    it('marks every placed answer’s day for rolling up', async () => {
      const answers = (
        v12.answers as { location_id: number | null; finalized_at: unknown }[]
      ).filter((a) => a.location_id !== null);
      expect(answers.length).toBeGreaterThan(0);
      const utcDay = (at: unknown) => new Date(at as string).toISOString().slice(0, 10);
      const expected = [
        ...new Set(answers.map((a) => `${a.location_id} ${utcDay(a.finalized_at)}`)),
      ].sort();
      const dirty = (await s.rows(['results_dirty'])).results_dirty as {
        location_id: number;
        utc_day: string;
      }[];
      expect(dirty.map((d) => `${d.location_id} ${d.utc_day}`).sort()).toEqual(expected);
    });

    it('holds one row per location, day and touchpoint', async () => {
      await s.insert('results_days', day());
      await s.insert('results_days', day({ touchpoint_id: 3 }));
      await expect(s.insert('results_days', day())).rejects.toThrow();
    });
  });
}
