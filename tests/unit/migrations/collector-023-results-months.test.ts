// Collector migration 023-results-months on a database whose rollup already holds day rows, on
// SQLite and, where LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, the month tables
// added, and every month that has day rows marked, so the first read sums it from those rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaUnderTest, type SchemaUnderTest } from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const hours = JSON.stringify(Array.from({ length: 24 }, () => [0, 0]));
const dayRow = (day: string, touchpoint_id: number) => ({
  location_id: 1,
  touchpoint_id,
  day,
  weekday: 1,
  answers: 1,
  happy: 1,
  unhappy: 0,
  promoters: 1,
  passives: 0,
  detractors: 0,
  ces_sum: 0,
  ces_n: 0,
  hours,
  reasons: '{}',
});

for (const engine of await collectorEngines('collector migration 023')) {
  describe.skipIf(engine.skip)(`collector migration 023-results-months on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('022-survey-versions');
      for (const [day, tp] of [
        ['2026-10-31', 1],
        ['2026-11-02', 1],
        ['2026-11-02', 2],
      ] as const)
        await s.insert('results_days', dayRow(day, tp));
      before = await s.rows(await s.tables());
      await s.migrateTo('023-results-months');
    });
    afterAll(async () => s?.drop());

    it('keeps every row, adds the month tables and marks each month with day rows', async () => {
      expect(await s.rows(Object.keys(before))).toEqual(before);
      expect(await s.tables()).toEqual(
        [...Object.keys(before), 'results_months', 'results_months_dirty'].sort(),
      );
      expect((await s.rows(['results_months_dirty'])).results_months_dirty).toEqual([
        { location_id: 1, month: '2026-10' },
        { location_id: 1, month: '2026-11' },
      ]);
    });

    it('refuses a second row for one location, month and touchpoint', async () => {
      const row = {
        ...dayRow('x', 1),
        day: undefined,
        weekday: undefined,
        month: '2026-11',
        days: '[]',
      };
      delete row.day;
      delete row.weekday;
      await s.insert('results_months', row);
      await expect(s.insert('results_months', row)).rejects.toThrow();
    });
  });
}
