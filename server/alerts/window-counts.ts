// The window rule's rolling counts (migration 010): routing adds each batch's answers to their
// location's minute, in the routing transaction (so each answer counts once, as its job is
// deleted there), and the rule sums the minutes inside its window. Possible repeats are left out,
// as the rule always did. Minutes older than the longest window are pruned by the tick.
import type { CollectorDb, Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';

const MINUTE_MS = 60_000;
/** The longest window a routing allows (rules.ts: at most 24 h). */
const KEEP_MINUTES = 24 * 60;

type Smileys = [number, number, number, number, number];
const SMILEY_COLUMNS = ['smiley_1', 'smiley_2', 'smiley_3', 'smiley_4', 'smiley_5'] as const;

/** The minute an answer counts in: the earlier of when it was received and when it was given. */
function minuteOf(receivedAt: Date, finalizedAt: unknown): number {
  const given = Date.parse(toIso(finalizedAt as string)!);
  return Math.floor(Math.min(receivedAt.getTime(), given) / MINUTE_MS);
}

/** Adds the answers (not the possible repeats) to their minutes of the location's counts. */
export async function countIntoWindow(
  trx: CollectorDb,
  location: string,
  answers: { smiley: number; finalized_at: unknown; possible_repeat: unknown }[],
  receivedAt: Date,
): Promise<void> {
  const byMinute = new Map<number, Smileys>();
  for (const a of answers) {
    if (Number(a.possible_repeat)) continue;
    const minute = minuteOf(receivedAt, a.finalized_at);
    const counts = byMinute.get(minute) ?? [0, 0, 0, 0, 0];
    counts[a.smiley - 1]!++;
    byMinute.set(minute, counts);
  }
  if (!byMinute.size) return;
  const rows = [...byMinute].map(([minute, counts]) => ({
    location,
    minute,
    ...Object.fromEntries(SMILEY_COLUMNS.map((column, i) => [column, counts[i]!])),
  }));
  await trx
    .insertInto('window_counts')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['location', 'minute'])
        .doUpdateSet((eb) =>
          Object.fromEntries(
            SMILEY_COLUMNS.map((c) => [
              c,
              eb(eb.ref(`window_counts.${c}`), '+', eb.ref(`excluded.${c}`)),
            ]),
          ),
        ),
    )
    .execute();
}

/** Answers and unhappy ones (smiley ≤ unhappyAtOrBelow) since `since`, to the minute. */
export async function windowCounts(
  trx: CollectorDb,
  location: string,
  since: Date,
  unhappyAtOrBelow: number,
): Promise<{ n: number; unhappy: number }> {
  const rows = await trx
    .selectFrom('window_counts')
    .select(SMILEY_COLUMNS)
    .where('location', '=', location)
    .where('minute', '>=', Math.floor(since.getTime() / MINUTE_MS))
    .execute();
  let n = 0;
  let unhappy = 0;
  for (const row of rows)
    SMILEY_COLUMNS.forEach((column, i) => {
      const count = Number(row[column]);
      n += count;
      if (i + 1 <= unhappyAtOrBelow) unhappy += count;
    });
  return { n, unhappy };
}

/** Drops the minutes no window can reach any more. */
export async function pruneWindowCounts(storage: Storage, now: Date): Promise<void> {
  const oldest = Math.floor(now.getTime() / MINUTE_MS) - KEEP_MINUTES - 1;
  await storage.db.deleteFrom('window_counts').where('minute', '<', oldest).execute();
}
