// The results page's figures, summed from day rows (day-rows.ts) and month rows (month-rows.ts)
// whichever path read them: tiles with their change against the previous equal period, the
// trend, the ranking and the reasons Pareto (the heat map is heat-map.ts). Pure, so the fixture
// tests check the arithmetic itself.
import { utcTime } from '../../shared/local-time.ts';
import type { ResultsFigures, Tile } from '../../shared/results-api.ts';
import type { DayRow } from './day-rows.ts';
import type { DayCounts, MonthRow } from './month-rows.ts';

/** What a view is summed from: day rows, month rows, and the closed days inside those months. */
export interface View {
  days: readonly DayRow[];
  months: readonly MonthRow[];
  /** Day rows of closed days that `months` hold: the heat map takes them out again. */
  closed: readonly DayRow[];
}

/** A row's counts, the same for a day and a month. */
type Counted = Omit<DayRow, 'day' | 'weekday' | 'hours'>;

/** Below this many answers a figure says how few it rests on instead of pretending. */
export const FEW_ANSWERS = 30;

/** What the tiles are worked out from: a period's counts, summed. */
export interface Sums {
  answers: number;
  happy: number;
  promoters: number;
  passives: number;
  detractors: number;
  ces_sum: number;
  ces_n: number;
}

export const noSums = (): Sums => ({
  answers: 0,
  happy: 0,
  promoters: 0,
  passives: 0,
  detractors: 0,
  ces_sum: 0,
  ces_n: 0,
});

export function sum(rows: Iterable<Sums>): Sums {
  const s = noSums();
  for (const r of rows) {
    s.answers += r.answers;
    s.happy += r.happy;
    s.promoters += r.promoters;
    s.passives += r.passives;
    s.detractors += r.detractors;
    s.ces_sum += r.ces_sum;
    s.ces_n += r.ces_n;
  }
  return s;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
type NpsCounts = Pick<Sums, 'promoters' | 'passives' | 'detractors'>;
const npsN = (s: NpsCounts) => s.promoters + s.passives + s.detractors;
export const happyPct = (s: Pick<Sums, 'answers' | 'happy'>) =>
  s.answers ? round1((100 * s.happy) / s.answers) : null;
export const npsOf = (s: NpsCounts) => {
  const n = npsN(s);
  return n ? round1((100 * (s.promoters - s.detractors)) / n) : null;
};
const cesOf = (s: Sums) => (s.ces_n ? Math.round((100 * s.ces_sum) / s.ces_n) / 100 : null);

/**
 * The NPS's margin of error at 95 % confidence, in NPS points. Each answer scores +1 (promoter),
 * 0 (passive) or −1 (detractor); the NPS is 100 × their mean. With shares p of promoters and d of
 * detractors among n answers, the score's variance is p + d − (p − d)², so
 *   margin = 1.96 × 100 × √((p + d − (p − d)²) / n).
 */
export function npsMargin(promoters: number, passives: number, detractors: number): number | null {
  const n = promoters + passives + detractors;
  if (!n) return null;
  const p = promoters / n;
  const d = detractors / n;
  return round1(1.96 * 100 * Math.sqrt((p + d - (p - d) ** 2) / n));
}

function tile(value: number | null, previous: number | null, n: number): Tile {
  return {
    value,
    previous,
    change: value !== null && previous !== null ? round1(value - previous) : null,
    n,
    few: n < FEW_ANSWERS,
  };
}

/** The period's tiles; `p`: the previous equal period's sums, for each tile's change. */
export function tiles(rows: Iterable<Counted>, p: Sums): ResultsFigures['tiles'] {
  const s = sum(rows);
  return {
    answers: tile(s.answers, p.answers, s.answers),
    happy: tile(happyPct(s), happyPct(p), s.answers),
    nps: {
      ...tile(npsOf(s), npsOf(p), npsN(s)),
      promoters: s.promoters,
      passives: s.passives,
      detractors: s.detractors,
      margin: npsMargin(s.promoters, s.passives, s.detractors),
    },
    ces: tile(cesOf(s), cesOf(p), s.ces_n),
  };
}

/** The Monday of a "YYYY-MM-DD" date's ISO week (calendar arithmetic: the date is local already). */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const at = new Date(utcTime(y, m, d));
  at.setUTCDate(at.getUTCDate() - ((at.getUTCDay() + 6) % 7));
  return at.toISOString().slice(0, 10);
}

/** Day or week buckets from `from` to `to` (local dates), empty ones included. */
export function trend(
  points: Iterable<DayCounts>,
  bucket: 'day' | 'week',
  from: string,
  to: string,
): ResultsFigures['trend'] {
  // A year's points name some 365 days: each day's week is worked out once, not once per point.
  const weeks = new Map<string, string>();
  const keyOf = (day: string) => {
    if (bucket === 'day') return day;
    let week = weeks.get(day);
    if (week === undefined) weeks.set(day, (week = mondayOf(day)));
    return week;
  };
  const groups = new Map<string, Omit<DayCounts, 'day'>>();
  for (let day = from; day <= to; day = nextDate(day))
    groups.set(keyOf(day), { answers: 0, happy: 0, promoters: 0, passives: 0, detractors: 0 });
  for (const p of points) {
    const g = groups.get(keyOf(p.day));
    if (!g) continue;
    g.answers += p.answers;
    g.happy += p.happy;
    g.promoters += p.promoters;
    g.passives += p.passives;
    g.detractors += p.detractors;
  }
  return {
    bucket,
    points: [...groups].map(([start, g]) => ({
      start,
      answers: g.answers,
      happy: happyPct(g),
      nps: npsOf(g),
    })),
  };
}

function nextDate(day: string): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + 1);
  return at.toISOString().slice(0, 10);
}

interface Named {
  id: number;
  name: string;
}

function rank<K extends number>(rows: Iterable<Counted>, keyOf: (r: Counted) => K) {
  const groups = new Map<K, Counted[]>();
  for (const r of rows) {
    const group = groups.get(keyOf(r));
    if (group) group.push(r);
    else groups.set(keyOf(r), [r]);
  }
  return new Map(
    [...groups].map(([k, rs]) => {
      const s = sum(rs);
      return [
        k,
        {
          answers: s.answers,
          happy: happyPct(s),
          nps: npsOf(s),
          ces: cesOf(s),
          few: s.answers < FEW_ANSWERS,
        },
      ];
    }),
  );
}

export function ranking(
  rows: readonly Counted[],
  locations: readonly Named[],
  touchpoints: readonly (Named & { locationId: number })[],
): ResultsFigures['ranking'] {
  const byLocation = rank(rows, (r) => r.location_id);
  const byPoint = rank(rows, (r) => r.touchpoint_id);
  const locationName = new Map(locations.map((l) => [l.id, l.name]));
  return {
    locations: locations.flatMap((l) => {
      const f = byLocation.get(l.id);
      return f ? [{ id: l.id, name: l.name, ...f }] : [];
    }),
    touchpoints: touchpoints.flatMap((t) => {
      const f = byPoint.get(t.id);
      return f
        ? [{ id: t.id, name: t.name, location: locationName.get(t.locationId) ?? '', ...f }]
        : [];
    }),
  };
}

/** What unhappy and happy customers chose, most often first, each with its running share. */
export function reasons(
  rows: Iterable<Counted>,
  labels: ReadonlyMap<string, string>,
): ResultsFigures['reasons'] {
  const counts = new Map<string, [number, number]>();
  let unhappy = 0;
  let happy = 0;
  for (const r of rows) {
    unhappy += r.unhappy;
    happy += r.happy;
    for (const [id, [u, h]] of Object.entries(r.reasons)) {
      const c = counts.get(id) ?? [0, 0];
      counts.set(id, [c[0] + u, c[1] + h]);
    }
  }
  const pareto = (i: 0 | 1, answers: number) => {
    const items = [...counts]
      .filter(([, c]) => c[i] > 0)
      .sort((a, b) => b[1][i] - a[1][i] || a[0].localeCompare(b[0]));
    const total = items.reduce((t, [, c]) => t + c[i], 0);
    let running = 0;
    return {
      answers,
      items: items.map(([id, c]) => {
        running += c[i];
        return {
          id,
          label: labels.get(id) ?? id,
          count: c[i],
          share: answers ? round1((100 * c[i]) / answers) : 0,
          cumulative: total ? round1((100 * running) / total) : 0,
        };
      }),
    };
  };
  return { unhappy: pareto(0, unhappy), happy: pareto(1, happy) };
}
