// A results period as local dates at each location: "today" at a shop in Sydney is not today in
// New York, so rolling periods end on each location's own today; a custom period is the same
// dates everywhere. The previous period is the same number of days just before.
import { PERIOD_DAYS } from '../../shared/report-filter.ts';
import type { Period } from '../../shared/results-api.ts';
import { localDay, nextDay } from '../../shared/local-time.ts';
import type { LocationWindow } from './view-rows.ts';

export interface Windows {
  current: LocationWindow[];
  previous: LocationWindow[];
  /** The widest span of local dates (for the page's heading and the trend's buckets). */
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

export function windowsOf(
  places: readonly { id: number; timeZone: string }[],
  period: Period,
  now: Date,
  custom: { from?: string | undefined; to?: string | undefined },
): Windows {
  const current: LocationWindow[] = [];
  const previous: LocationWindow[] = [];
  for (const p of places) {
    let from: string;
    let to: string;
    if (period === 'custom') {
      from = custom.from!;
      to = custom.to!;
    } else {
      to = localDay(now, p.timeZone);
      from = nextDay(to, 1 - PERIOD_DAYS[period]);
    }
    const length = daysBetween(from, to);
    current.push({ id: p.id, timeZone: p.timeZone, from, to });
    previous.push({
      id: p.id,
      timeZone: p.timeZone,
      from: nextDay(from, -length),
      to: nextDay(from, -1),
    });
  }
  const min = (xs: string[], fallback: string) =>
    xs.length ? xs.reduce((a, b) => (a < b ? a : b)) : fallback;
  const max = (xs: string[], fallback: string) =>
    xs.length ? xs.reduce((a, b) => (a > b ? a : b)) : fallback;
  const today = now.toISOString().slice(0, 10);
  return {
    current,
    previous,
    from: min(
      current.map((w) => w.from),
      custom.from ?? today,
    ),
    to: max(
      current.map((w) => w.to),
      custom.to ?? today,
    ),
    previousFrom: min(
      previous.map((w) => w.from),
      today,
    ),
    previousTo: max(
      previous.map((w) => w.to),
      today,
    ),
  };
}
