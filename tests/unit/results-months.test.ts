// The rollup gives the figures the answers give: a year, a quarter and a custom window read from
// the rollup (month rows inside, day rows at the edges, closed days taken out of the heat map)
// equal the same windows summed from day rows built straight from the answers, at stores in six
// zones (DST changes inside the months), on SQLite and PostgreSQL; for the default view and for
// views filtered by language, complete/partial and "include repeats" (the slices of migration
// 025), alone and together, with and without a touchpoint. And a changed answer reaches its month
// and its slices: a late answer in a past month shows in the next year view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { ranking, reasons, tiles, trend, noSums, type View } from '../../server/reports/figures.ts';
import { heatMap } from '../../server/reports/heat-map.ts';
import { dayCountsOf } from '../../server/reports/month-rows.ts';
import { windowsOf } from '../../server/reports/period.ts';
import { placesInScope, type Place } from '../../server/reports/places.ts';
import { markDirty, refreshRollup } from '../../server/reports/rollup.ts';
import { reportAnswers, type AnswerFilter } from '../../server/reports/answers.ts';
import { dayRowsOf } from '../../server/reports/day-rows.ts';
import { sourcesOf } from '../../server/reports/slices.ts';
import {
  rolledUpSums,
  rolledUpView,
  splitWindow,
  type LocationWindow,
} from '../../server/reports/view-rows.ts';
import { endOfLocalDay, instantOf } from '../../shared/local-time.ts';
import { generate, MANAGER } from '../../bench/results-data.ts';
import { collectorEngines } from '../support/collector.ts';

const NOW = new Date('2026-12-01T15:00:00Z');

/** The view as day rows built straight from the answers: what the rollup must agree with. */
async function answerView(
  storage: Storage,
  windows: readonly LocationWindow[],
  filter: Omit<AnswerFilter, 'locationIds' | 'from' | 'to'>,
): Promise<View> {
  const days = [];
  for (const w of windows) {
    const from = instantOf(w.from, w.timeZone);
    const to = endOfLocalDay(w.to, w.timeZone);
    const answers = await reportAnswers(storage.db, { ...filter, locationIds: [w.id], from, to })
      .select(['touchpoint_id', 'finalized_at', 'smiley', 'nps', 'ces', 'reasons'])
      .execute();
    days.push(...dayRowsOf(w.id, w.timeZone, answers, from.getTime(), to.getTime()));
  }
  return { days, months: [], closed: [] };
}

/** The default view, and views filtered as the results page's filter can. */
const FILTERS: Omit<AnswerFilter, 'locationIds' | 'from' | 'to'>[] = [
  { includeRepeats: false },
  { languages: ['et'], includeRepeats: false },
  { statuses: ['partial'], includeRepeats: false },
  { includeRepeats: true },
  { languages: ['en', 'et'], statuses: ['complete'], includeRepeats: true },
  { languages: ['en'], touchpointIds: [2, 3], includeRepeats: false },
  { languages: ['fr'], includeRepeats: false },
];

function figures(view: View, places: Place[], from: string, to: string) {
  const rows = [...view.days, ...view.months];
  return {
    tiles: tiles(rows, noSums()),
    trend: trend(
      [...view.days, ...view.months.flatMap((m) => [...dayCountsOf(m)])],
      'week',
      from,
      to,
    ),
    ranking: ranking(rows, places, []),
    heatMap: heatMap(view, places),
    reasons: reasons(rows, new Map()),
  };
}

describe('a window split into whole months and edge days', () => {
  it('keeps whole months inside and the rest as day ranges', () => {
    expect(splitWindow('2025-12-02', '2026-12-01')).toEqual({
      months: ['2026-01', '2026-11'],
      days: [
        ['2025-12-02', '2025-12-31'],
        ['2026-12-01', '2026-12-01'],
      ],
    });
    expect(splitWindow('2024-02-01', '2024-02-29')).toEqual({
      months: ['2024-02', '2024-02'],
      days: [],
    });
    expect(splitWindow('2026-11-02', '2026-12-01')).toEqual({
      months: null,
      days: [['2026-11-02', '2026-12-01']],
    });
  });
});

for (const engine of await collectorEngines('results month rows')) {
  describe.skipIf(engine.skip)(`results from month rows on ${engine.name}`, () => {
    let storage: Storage;
    let drop: () => Promise<void>;
    let places: Place[];
    beforeAll(async () => {
      const store = await engine.fresh();
      drop = store.drop;
      storage = await openStorage(store.options);
      await generate(storage, NOW, 30_000, 6);
      // Closed on a day inside a whole month and on one at a window's edge.
      await storage.db
        .updateTable('locations')
        .set({ closed_days: JSON.stringify(['2026-05-01', '2025-12-24', '2026-12-01']) })
        .where('id', 'in', [2, 3])
        .execute();
      await refreshRollup(storage);
      ({ places } = await placesInScope(storage.db, MANAGER, {}, 'see'));
    }, 60_000);
    afterAll(async () => {
      await storage?.close();
      await drop?.();
    });

    const compare = async (period: 'year' | 'quarter' | 'custom', custom = {}) => {
      const w = windowsOf(places, period, NOW, custom);
      const closed = new Map(places.map((p) => [p.id, p.closedDays]));
      const views = [];
      for (const filter of FILTERS) {
        const sources = sourcesOf(filter);
        const rolled = await rolledUpView(
          storage.db,
          w.current,
          filter.touchpointIds,
          closed,
          sources,
        );
        const direct = await answerView(storage, w.current, filter);
        const answers = tiles(direct.days, noSums()).answers.value;
        // Every filter but the language no answer has (fr) counts some answers, fewer than all.
        if (!filter.languages?.includes('fr')) {
          expect(answers, JSON.stringify(filter)).toBeGreaterThan(0);
          expect(rolled.months.length).toBeGreaterThan(0);
        }
        expect(figures(rolled, places, w.from, w.to), JSON.stringify(filter)).toEqual(
          figures(direct, places, w.from, w.to),
        );
        const sums = await rolledUpSums(storage.db, w.current, filter.touchpointIds, sources);
        expect(sums.answers, JSON.stringify(filter)).toBe(answers);
        views.push(rolled);
      }
      return views[0]!;
    };

    it('a year, a quarter and a custom window equal the answers summed directly', async () => {
      await compare('year');
      await compare('quarter');
      await compare('custom', { from: '2025-03-01', to: '2026-02-28' });
    });

    it('a late answer in a past month reaches that month', async () => {
      const at = '2026-03-15T12:00:00.000Z';
      await storage.db
        .insertInto('answers')
        .values({
          id: '00000000-0000-4000-8000-000000000001',
          kiosk_id: 'k1',
          seq: 999_999,
          survey_version: 'v1',
          status: 'complete',
          language: 'en',
          started_at: at,
          finalized_at: at,
          smiley: 1,
          reasons: '["late"]',
          nps: 0,
          ces: null,
          comment: null,
          contact: null,
          talk_now: storage.engine === 'postgres' ? (false as never) : 0,
          possible_repeat: storage.engine === 'postgres' ? (false as never) : 0,
          device_sent_at: at,
          received_at: at,
          location_id: 1,
          touchpoint_id: 1,
          survey_id: null,
        } as never)
        .execute();
      await markDirty(storage.db, [{ location_id: 1, finalized_at: at }]);
      await refreshRollup(storage);
      const rolled = await compare('year');
      const march = rolled.months.find((m) => m.location_id === 1 && m.month === '2026-03')!;
      expect(march.reasons.late).toEqual([1, 0]);
      const w = windowsOf(places, 'year', NOW, {});
      const english = await rolledUpView(
        storage.db,
        w.current,
        undefined,
        new Map(),
        sourcesOf({ languages: ['en'], statuses: ['complete'] }),
      );
      expect(
        english.months.filter(
          (m) => m.location_id === 1 && m.month === '2026-03' && m.reasons.late,
        ),
      ).toHaveLength(1);
    });
  });
}
