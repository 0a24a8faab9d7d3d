// Collector migration 025-results-slices on a database whose rollup already holds day rows and a
// dirty mark, on SQLite and, where LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, the
// slice tables added, every placed answer's (location, UTC day) marked (the mark already there
// kept once), so the first read rolls the slices up from the answers; and the keys refusing a
// second row for one location, day or month, touchpoint and slice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshRollup } from '../../../server/reports/rollup.ts';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const COUNTS = {
  answers: 1,
  happy: 1,
  unhappy: 0,
  promoters: 1,
  passives: 0,
  detractors: 0,
  ces_sum: 0,
  ces_n: 0,
};
const hours = JSON.stringify(Array.from({ length: 24 }, () => [0, 0]));
const dayRow = { location_id: 1, touchpoint_id: 0, day: '2026-11-02', weekday: 1 };
const slice = { language: 'en', status: 'complete', repeats: 0 };

for (const engine of await collectorEngines('collector migration 025')) {
  describe.skipIf(engine.skip)(`collector migration 025-results-slices on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('024-it-alerts');
      await s.insert('results_days', { ...dayRow, ...COUNTS, hours, reasons: '{}' });
      before = await s.rows(await s.tables());
      await s.migrateTo('025-results-slices');
    });
    afterAll(async () => s?.drop());

    it('keeps every row and adds the slice tables', async () => {
      const { results_dirty: _marks, ...kept } = before;
      expect(await s.rows(Object.keys(kept))).toEqual(kept);
      expect(await s.tables()).toEqual(
        [...Object.keys(before), 'results_slice_days', 'results_slice_months'].sort(),
      );
      expect(Object.keys(await s.columns('results_slice_months'))).toEqual([
        'location_id',
        'touchpoint_id',
        'month',
        'language',
        'status',
        'repeats',
        ...Object.keys(COUNTS),
        'hours',
        'days',
        'reasons',
      ]);
    });

    it('marks every placed answer’s day, so the first read rolls the slices up', async () => {
      const answers = (
        before.answers as { location_id: number | null; finalized_at: unknown }[]
      ).filter((a) => a.location_id !== null);
      expect(answers.length).toBeGreaterThan(0);
      expect(before.results_dirty!.length).toBeGreaterThan(0);
      const utcDay = (at: unknown) => new Date(at as string).toISOString().slice(0, 10);
      const dirty = (await s.rows(['results_dirty'])).results_dirty as {
        location_id: number;
        utc_day: string;
      }[];
      expect(dirty.map((d) => `${d.location_id} ${d.utc_day}`).sort()).toEqual(
        [...new Set(answers.map((a) => `${a.location_id} ${utcDay(a.finalized_at)}`))].sort(),
      );
      await refreshRollup(s.storage);
      const sliced = (await s.rows(['results_slice_days'])).results_slice_days as {
        language: string;
        status: string;
        answers: number;
      }[];
      // Each answer once in its own language's and status's slice (and in the "every" ones).
      const own = sliced.filter((r) => r.language !== '*' && r.status !== '*');
      expect(own.reduce((n, r) => n + r.answers, 0)).toBe(answers.length);
    });

    it('holds one row per location, day or month, touchpoint and slice', async () => {
      const day = { ...dayRow, ...slice, ...COUNTS, hours, reasons: '{}' };
      await s.insert('results_slice_days', day);
      await s.insert('results_slice_days', { ...day, status: 'partial' });
      await expect(s.insert('results_slice_days', day)).rejects.toThrow();
      await expect(s.insert('results_slice_days', { ...day, repeats: 2 })).rejects.toThrow();
      const month = { location_id: 1, touchpoint_id: 0, month: '2026-11', ...slice, ...COUNTS };
      const row = { ...month, hours, days: '[]', reasons: '{}' };
      await s.insert('results_slice_months', row);
      await s.insert('results_slice_months', { ...row, language: 'et' });
      await expect(s.insert('results_slice_months', row)).rejects.toThrow();
    });
  });
}
