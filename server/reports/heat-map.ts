// The results page's heat map: hour of day × weekday in local time, summed from day rows and
// month rows (figures.ts's View), inside each location's opening hours.
import type { ResultsFigures } from '../../shared/results-api.ts';
import { WEEKDAYS, type OpeningHours } from '../locations/hours.ts';
import { HOUR_COUNTS } from './day-rows.ts';
import { FEW_ANSWERS, happyPct, type View } from './figures.ts';

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
export function heatMap(view: View, places: readonly HeatPlace[]): ResultsFigures['heatMap'] {
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
  // [answers, happy] per weekday (1-7) and hour, flat like a month row's hours.
  const counts = new Int32Array(8 * HOUR_COUNTS);
  const add = (
    locationId: number,
    weekday: number,
    hours: Int32Array,
    at: number,
    sign: number,
  ) => {
    const open = byId.get(locationId)!.open[weekday]!;
    for (let hour = 0; hour < 24; hour++) {
      if (!open[hour]) continue;
      counts[weekday * HOUR_COUNTS + 2 * hour]! += sign * hours[at + 2 * hour]!;
      counts[weekday * HOUR_COUNTS + 2 * hour + 1]! += sign * hours[at + 2 * hour + 1]!;
    }
  };
  for (const r of view.days) {
    const place = byId.get(r.location_id);
    if (place && !place.closed.has(r.day)) add(r.location_id, r.weekday, r.hours, 0, 1);
  }
  for (const m of view.months)
    if (byId.has(m.location_id))
      for (let weekday = 1; weekday <= 7; weekday++)
        add(m.location_id, weekday, m.hours, (weekday - 1) * HOUR_COUNTS, 1);
  for (const r of view.closed)
    if (byId.has(r.location_id)) add(r.location_id, r.weekday, r.hours, 0, -1);
  const cells: ResultsFigures['heatMap'] = [];
  for (let weekday = 1; weekday <= 7; weekday++)
    for (let hour = 0; hour < 24; hour++) {
      if (!places.some((p) => openDuring(p.hours, weekday, hour))) continue;
      const answers = counts[weekday * HOUR_COUNTS + 2 * hour]!;
      const happy = counts[weekday * HOUR_COUNTS + 2 * hour + 1]!;
      cells.push({
        weekday,
        hour,
        answers,
        happy,
        happyPct: happyPct({ answers, happy }),
        few: answers < FEW_ANSWERS,
      });
    }
  return cells;
}
