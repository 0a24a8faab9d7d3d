// The results page's figures, summed from day rows (day-rows.ts) whichever path read them: tiles
// with their change against the previous equal period, the trend, the ranking, the heat map and
// the reasons Pareto. Pure, so the hand-computed fixture tests check the arithmetic itself.
import type { ResultsFigures, Tile } from '../../shared/results-api.ts';
import { WEEKDAYS, type OpeningHours } from '../locations/hours.ts';
import type { DayRow } from './day-rows.ts';

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

export function sum(rows: readonly DayRow[]): Sums {
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
const npsN = (s: Sums) => s.promoters + s.passives + s.detractors;
export const happyPct = (s: Pick<Sums, 'answers' | 'happy'>) =>
  s.answers ? round1((100 * s.happy) / s.answers) : null;
export const npsOf = (s: Sums) => {
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
export function tiles(rows: readonly DayRow[], p: Sums): ResultsFigures['tiles'] {
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
  const at = new Date(Date.UTC(y, m - 1, d));
  at.setUTCDate(at.getUTCDate() - ((at.getUTCDay() + 6) % 7));
  return at.toISOString().slice(0, 10);
}

/** Day or week buckets from `from` to `to` (local dates), empty ones included. */
export function trend(
  rows: readonly DayRow[],
  bucket: 'day' | 'week',
  from: string,
  to: string,
): ResultsFigures['trend'] {
  // A year's rows name some 365 days: each day's week is worked out once, not once per row.
  const weeks = new Map<string, string>();
  const keyOf = (day: string) => {
    if (bucket === 'day') return day;
    let week = weeks.get(day);
    if (week === undefined) weeks.set(day, (week = mondayOf(day)));
    return week;
  };
  const groups = new Map<string, DayRow[]>();
  for (let day = from; day <= to; day = nextDate(day)) groups.set(keyOf(day), []);
  for (const r of rows) groups.get(keyOf(r.day))?.push(r);
  return {
    bucket,
    points: [...groups].map(([start, rs]) => {
      const s = sum(rs);
      return { start, answers: s.answers, happy: happyPct(s), nps: npsOf(s) };
    }),
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

function rank<K extends number>(rows: readonly DayRow[], keyOf: (r: DayRow) => K) {
  const groups = new Map<K, DayRow[]>();
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
  rows: readonly DayRow[],
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

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Whether the hour [h:00, h+1:00) on the ISO weekday overlaps the opening hours (null: always open). */
export function openDuring(hours: OpeningHours | null, weekday: number, hour: number): boolean {
  if (!hours) return true;
  return (hours[WEEKDAYS[weekday - 1]!] ?? []).some(
    ([open, close]) => toMinutes(open) < (hour + 1) * 60 && hour * 60 < toMinutes(close),
  );
}

export interface HeatPlace {
  id: number;
  hours: OpeningHours | null;
  closedDays: readonly string[];
}

/**
 * Hour of day × weekday in local time, only the hours a chosen location is open (a cell no
 * location opens in is left out, and so are answers given outside their location's hours or on
 * a closed day).
 */
export function heatMap(
  rows: readonly DayRow[],
  places: readonly HeatPlace[],
): ResultsFigures['heatMap'] {
  // Per place, [weekday][hour] open or not, worked out once rather than per row and hour.
  const byId = new Map(
    places.map((p) => [
      p.id,
      {
        closed: new Set(p.closedDays),
        open: [0, 1, 2, 3, 4, 5, 6, 7].map((weekday) =>
          Array.from(
            { length: 24 },
            (_, hour) => weekday > 0 && openDuring(p.hours, weekday, hour),
          ),
        ),
      },
    ]),
  );
  const cells = new Map<
    string,
    { weekday: number; hour: number; answers: number; happy: number }
  >();
  for (let weekday = 1; weekday <= 7; weekday++)
    for (let hour = 0; hour < 24; hour++)
      if (places.some((p) => openDuring(p.hours, weekday, hour)))
        cells.set(`${weekday} ${hour}`, { weekday, hour, answers: 0, happy: 0 });
  for (const r of rows) {
    const place = byId.get(r.location_id);
    if (!place || place.closed.has(r.day)) continue;
    const open = place.open[r.weekday]!;
    for (let hour = 0; hour < 24; hour++) {
      const answers = r.hours[2 * hour]!;
      if (!answers || !open[hour]) continue;
      const cell = cells.get(`${r.weekday} ${hour}`)!;
      cell.answers += answers;
      cell.happy += r.hours[2 * hour + 1]!;
    }
  }
  return [...cells.values()].map((c) => ({
    ...c,
    happyPct: happyPct(c),
    few: c.answers < FEW_ANSWERS,
  }));
}

/** What unhappy and happy customers chose, most often first, each with its running share. */
export function reasons(
  rows: readonly DayRow[],
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
