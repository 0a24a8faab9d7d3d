// The results figures over real HTTP on both engines, against a fixture worked out by hand
// (tests/support/results-fixture.ts): tiles with the previous period's change, NPS margin, trend
// in local days, heat-map cells in local hours inside opening hours (New York's fall-back
// included), ranking, reasons Pareto and its drill-down, filters the rollup does not cover,
// answers arriving after a first read, closing the loop, and staff kept to their own locations.
import { beforeAll, describe, expect, it } from 'vitest';
import { ResultAnswersReply, ResultsReply } from '../../shared/results-api.ts';
import { LOCATIONS, staffEngines, type StaffClient } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';
import {
  FIXTURE_SEQS,
  FIXTURE_VIEW,
  RESULTS,
  seedResultsFixture,
} from '../support/results-fixture.ts';
import { postAnswers } from '../support/kiosk-answers.ts';

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`results figures on ${engine.name}`, () => {
    const { c, staff } = useStaffCollector(
      { postgresUrl: engine.postgresUrl },
      { dana: ['staff', [LOCATIONS.main.location]], mo: 'manager' },
      ['dana', 'mo'],
    );
    let ids: Record<string, number> = {};
    beforeAll(async () => {
      ids = await seedResultsFixture(c);
    });

    const get = async (who: StaffClient, query: string, path = '/staff/api/results') => {
      const reply = await fetch(`${c.url}${path}?${query}`, { headers: { cookie: who.cookie } });
      return { status: reply.status, body: (await reply.json()) as unknown };
    };
    const results = async (who: StaffClient, query: string) => {
      const reply = await get(who, query);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return ResultsReply.parse(reply.body);
    };

    it('gives the tiles, each against the previous equal period, flagged as few', async () => {
      const r = await results(staff.mo, FIXTURE_VIEW);
      expect(r.period).toEqual({
        period: 'custom',
        from: '2026-11-02',
        to: '2026-11-03',
        previousFrom: '2026-10-31',
        previousTo: '2026-11-01',
      });
      const { answers, happy, nps, ces } = r.tiles;
      expect(answers).toMatchObject({
        value: RESULTS.answers,
        previous: RESULTS.previousAnswers,
        few: true,
      });
      expect(happy).toMatchObject({ value: RESULTS.happy, change: RESULTS.happyChange, n: 10 });
      expect(nps).toMatchObject({
        value: RESULTS.nps,
        promoters: RESULTS.promoters,
        passives: RESULTS.passives,
        detractors: RESULTS.detractors,
        margin: RESULTS.margin,
        change: RESULTS.npsChange,
        n: 9,
        few: true,
      });
      expect(ces).toMatchObject({ value: RESULTS.ces, previous: null, change: null, n: 2 });
    });

    it('buckets the trend and the heat map in each location’s local time', async () => {
      const r = await results(staff.mo, FIXTURE_VIEW);
      expect(r.trend.bucket).toBe('day');
      expect(
        r.trend.points.map(({ start, answers, happy }) => ({ start, answers, happy })),
      ).toEqual(RESULTS.trend);
      const filled = r.heatMap.filter((cell) => cell.answers > 0);
      expect(filled.map((cell) => [cell.weekday, cell.hour, cell.answers, cell.happy])).toEqual(
        RESULTS.heat,
      );
      // New York has no hours set: every hour of the week is a cell.
      expect(r.heatMap).toHaveLength(7 * 24);
    });

    it('keeps the heat map inside opening hours, and counts a fall-back hour twice', async () => {
      const berlin = await results(
        staff.mo,
        `${FIXTURE_VIEW}&location=${ids[LOCATIONS.main.location]}`,
      );
      // Monday to Friday, 08:00-20:00: 5 × 12 cells.
      expect(berlin.heatMap).toHaveLength(60);
      expect(
        berlin.heatMap.every((cell) => cell.hour >= 8 && cell.hour < 20 && cell.weekday <= 5),
      ).toBe(true);
      const sunday = await results(
        staff.mo,
        `period=custom&from=2026-11-01&to=2026-11-01&location=${ids[LOCATIONS.outlet.location]}`,
      );
      const filled = sunday.heatMap.filter((cell) => cell.answers > 0);
      // 01:30 EDT and 01:30 EST are both 01:00-02:00 local; 23:00 is 04:00 UTC the next day.
      expect(filled.map((cell) => [cell.weekday, cell.hour, cell.answers])).toEqual([
        [7, 1, 2],
        [7, 23, 1],
      ]);
      expect(sunday.trend.points).toEqual([
        { start: '2026-11-01', answers: 3, happy: 100, nps: 100 },
      ]);
    });

    it('ranks locations and touchpoints with their sample sizes', async () => {
      const r = await results(staff.mo, FIXTURE_VIEW);
      expect(
        r.ranking.locations.map(({ name, answers, happy, nps }) => ({ name, answers, happy, nps })),
      ).toEqual(RESULTS.ranking);
      expect(r.ranking.touchpoints.map((t) => [t.location, t.name, t.answers])).toEqual([
        [LOCATIONS.main.location, LOCATIONS.main.touchpoint, 7],
        [LOCATIONS.outlet.location, LOCATIONS.outlet.touchpoint, 3],
      ]);
    });

    it('gives the reasons Pareto, and drills down to the answers behind a reason', async () => {
      const r = await results(staff.mo, FIXTURE_VIEW);
      expect(r.reasons.unhappy).toEqual({ answers: 3, items: RESULTS.unhappyReasons });
      expect(r.reasons.happy).toEqual({ answers: 6, items: RESULTS.happyReasons });
      const drill = await get(
        staff.mo,
        `${FIXTURE_VIEW}&reason=wait&mood=unhappy`,
        '/staff/api/results/answers',
      );
      expect(drill.status).toBe(200);
      const list = ResultAnswersReply.parse(drill.body);
      expect(list.answers.map((a) => [a.at, a.smiley])).toEqual([
        ['2026-11-02T22:00:00-05:00', 2],
        ['2026-11-02T12:10:00+01:00', 1],
        ['2026-11-02T09:45:00+01:00', 2],
      ]);
    });

    it('reads answers for filters the rollup does not hold', async () => {
      expect((await results(staff.mo, `${FIXTURE_VIEW}&lang=et`)).tiles.answers.value).toBe(1);
      expect((await results(staff.mo, `${FIXTURE_VIEW}&complete=0`)).tiles.answers.value).toBe(1);
      expect((await results(staff.mo, `${FIXTURE_VIEW}&complete=1`)).tiles.answers.value).toBe(9);
      const all = await results(staff.mo, `${FIXTURE_VIEW}&repeats=include`);
      expect(all.tiles.answers.value).toBe(11);
      expect(all.reasons.unhappy.items.find((i) => i.id === 'staff')?.count).toBe(2);
    });

    it('counts an answer that arrives after the view was first read', async () => {
      await results(staff.mo, FIXTURE_VIEW);
      await postAnswers(
        c,
        'outlet',
        [{ finalizedAt: '2026-11-03T15:00:00.000Z', smiley: 1, nps: 0, reasons: ['staff'] }],
        FIXTURE_SEQS.outlet + 1,
      );
      const r = await results(staff.mo, FIXTURE_VIEW);
      expect(r.tiles.answers.value).toBe(RESULTS.answers + 1);
      expect(r.reasons.unhappy.items.find((i) => i.id === 'staff')?.count).toBe(2);
    });

    it('closes the loop per location: medians to acknowledge and resolve, share recovered', async () => {
      // In the fixture's period, apart from the alerts its own low scores raise now.
      const now = '2026-11-02T10:00:00.000Z';
      const alert = (id: string, handled: Record<string, unknown>) =>
        c.storage.db
          .insertInto('staff_alerts')
          .values({
            id,
            source_alert_id: null,
            kiosk_id: LOCATIONS.main.kioskId,
            location: LOCATIONS.main.location,
            touchpoint: LOCATIONS.main.touchpoint,
            kind: 'low_score',
            priority: 'high',
            created_at: now,
            received_at: now,
            late: 0,
            answer_id: null,
            smiley: 1,
            nps: null,
            ces: null,
            acknowledged_by: null,
            resolved_by: null,
            note: null,
            aggregated_into: null,
            suppressed: null,
            acknowledged_at: null,
            resolved_at: null,
            ack_seconds: null,
            resolve_seconds: null,
            outcome: null,
            ...handled,
          })
          .execute();
      const done = { status: 'resolved', acknowledged_at: now, resolved_at: now };
      await alert('a1', { ...done, ack_seconds: 30, resolve_seconds: 120, outcome: 'recovered' });
      await alert('a2', {
        ...done,
        ack_seconds: 90,
        resolve_seconds: 300,
        outcome: 'not_reachable',
      });
      await alert('a3', {});
      // A test alert and one folded into another are not counted.
      await alert('a4', { kind: 'test' });
      await alert('a5', { aggregated_into: 'a3' });
      const r = await results(staff.mo, FIXTURE_VIEW);
      expect(r.loop).toEqual([
        {
          location: LOCATIONS.main.location,
          alerts: 3,
          acknowledged: 2,
          resolved: 2,
          medianAckSeconds: 60,
          medianResolveSeconds: 210,
          recoveredPct: 50,
        },
      ]);
    });

    it('keeps staff to their own locations: another is a 403 that names it', async () => {
      const mine = await results(staff.dana, FIXTURE_VIEW);
      expect(mine.choices.locations.map((l) => l.name)).toEqual([LOCATIONS.main.location]);
      expect(mine.ranking.locations.map((l) => l.name)).toEqual([LOCATIONS.main.location]);
      expect(mine.tiles.answers.value).toBe(7);
      const outlet = `${FIXTURE_VIEW}&location=${ids[LOCATIONS.outlet.location]}`;
      for (const [path, query] of [
        ['/staff/api/results', outlet],
        ['/staff/api/results/answers', `${outlet}&reason=wait`],
      ] as const) {
        const other = await get(staff.dana, query, path);
        expect(other.status, JSON.stringify(other.body)).toBe(403);
        expect(JSON.stringify(other.body)).toContain(LOCATIONS.outlet.location);
      }
    });

    it('answers a bad filter with 400 naming the field', async () => {
      for (const [query, field] of [
        ['period=fortnight', 'period'],
        ['period=custom&from=2026-11-02', 'period'],
        ['from=2026-02-30&to=2026-03-01', 'from'],
        ['location=abc', 'location'],
        ['location=999', 'location'],
        ['complete=yes', 'complete'],
        ['colour=red', 'colour'],
      ] as const) {
        const reply = await get(staff.mo, query);
        expect(reply.status, query).toBe(400);
        expect(JSON.stringify(reply.body), query).toContain(field);
      }
    });
  });
}
