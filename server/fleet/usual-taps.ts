// How many taps each touchpoint usually gets in each local hour of the week: the mean of the last
// four whole weeks, from the results rollup (results_days already counts answers per local hour
// at each touchpoint, daylight saving included). Worked out once a day by the fleet job (one
// instance, plugin.ts) and kept in touchpoint_usual_taps for the silent-kiosk check (status.ts).
import { writeTransaction, type Storage } from '../db/open.ts';
import { hoursOf } from '../reports/day-rows.ts';
import { refreshRollup } from '../reports/rollup.ts';

const DAY_MS = 86_400_000;
const WEEKS = 4;
const CHUNK = 500;

/** Recomputes every touchpoint's usual taps; returns how many touchpoints have some. */
export async function refreshUsualTaps(storage: Storage, now: Date): Promise<number> {
  await refreshRollup(storage);
  // Local days are named by date; the 28 dates before yesterday's (UTC) are whole days everywhere.
  const day = (daysAgo: number) =>
    new Date(now.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10);
  const rows = await storage.db
    .selectFrom('results_days')
    .select(['touchpoint_id', 'weekday', 'hours'])
    .where('touchpoint_id', '>', 0)
    .where('day', '>=', day(WEEKS * 7 + 1))
    .where('day', '<', day(1))
    .execute();
  const usual = new Map<number, number[]>();
  for (const r of rows) {
    let taps = usual.get(r.touchpoint_id);
    if (!taps) usual.set(r.touchpoint_id, (taps = Array<number>(168).fill(0)));
    const hours = hoursOf(r.hours);
    for (let h = 0; h < 24; h++) taps[(r.weekday - 1) * 24 + h]! += hours[h * 2]! / WEEKS;
  }
  const at = now.toISOString();
  const values = [...usual].map(([touchpoint_id, taps]) => ({
    touchpoint_id,
    taps: JSON.stringify(taps.map((n) => Math.round(n * 100) / 100)),
    computed_at: at,
  }));
  await writeTransaction(storage, async (trx) => {
    await trx.deleteFrom('touchpoint_usual_taps').execute();
    for (let i = 0; i < values.length; i += CHUNK)
      await trx
        .insertInto('touchpoint_usual_taps')
        .values(values.slice(i, i + CHUNK))
        .execute();
  });
  return values.length;
}
