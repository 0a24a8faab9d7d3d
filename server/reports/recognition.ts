// Recognition, fairly: the answers given at a touchpoint while someone was on duty there
// (duty_shifts) are credited to them; several people on duty at one desk share its answers.
// Figures rest on praise (happy answers) and on customers recovered (alerts they resolved as
// "recovered"). Nobody is named to the team on a handful of answers (MIN_SAMPLE), and low
// scores are counted for the person themself only: there is no ranking of anyone's low scores.
import { sql } from 'kysely';
import type { PersonFigures, RecognitionReply } from '../../shared/staff-duty-api.ts';
import type { Storage } from '../db/open.ts';
import { toNumber } from '../db/values.ts';
import { displayNames } from '../staff/users.ts';
import { reportAnswers } from './answers.ts';

/** Answers before a share is shown or a person is named: below it, chance decides the ranking. */
export const MIN_SAMPLE = 20;
/** Smiley 4 and 5 are happy; 1 and 2 low (the alert rules' default threshold). */
const HAPPY_FROM = 4;
const LOW_UP_TO = 2;

interface Tally {
  answers: number;
  praise: number;
  low: number;
  recovered: number;
}

/** Everyone's tallies in [from, to), at one location when `at` names one (the digest's). */
async function tallies(
  storage: Storage,
  from: Date,
  to: Date,
  at?: { id: number; name: string },
): Promise<Map<string, Tally>> {
  const db = storage.db;
  const [onDuty, recovered] = await Promise.all([
    reportAnswers(db, { from, to, ...(at && { locationIds: [at.id] }) })
      .innerJoin('duty_shifts', (join) =>
        join
          .onRef('duty_shifts.touchpoint_id', '=', 'answers.touchpoint_id')
          .onRef('answers.finalized_at', '>=', 'duty_shifts.started_at')
          .on(
            sql<boolean>`answers.finalized_at < coalesce(duty_shifts.ended_at, duty_shifts.expires_at)`,
          ),
      )
      .select([
        'duty_shifts.user_id',
        sql<number | string>`count(*)`.as('answers'),
        sql<number | string>`sum(case when answers.smiley >= ${HAPPY_FROM} then 1 else 0 end)`.as(
          'praise',
        ),
        sql<number | string>`sum(case when answers.smiley <= ${LOW_UP_TO} then 1 else 0 end)`.as(
          'low',
        ),
      ])
      .groupBy('duty_shifts.user_id')
      .execute(),
    db
      .selectFrom('staff_alerts')
      .select(['resolved_by_id', sql<number | string>`count(*)`.as('recovered')])
      .where('outcome', '=', 'recovered')
      .where('resolved_by_id', 'is not', null)
      .where('resolved_at', '>=', from.toISOString())
      .where('resolved_at', '<', to.toISOString())
      .$if(at !== undefined, (q) => q.where('location', '=', at!.name))
      .groupBy('resolved_by_id')
      .execute(),
  ]);
  const out = new Map<string, Tally>();
  const get = (id: string) => {
    const t = out.get(id) ?? { answers: 0, praise: 0, low: 0, recovered: 0 };
    out.set(id, t);
    return t;
  };
  for (const r of onDuty) {
    const t = get(r.user_id);
    t.answers = toNumber(r.answers) ?? 0;
    t.praise = toNumber(r.praise) ?? 0;
    t.low = toNumber(r.low) ?? 0;
  }
  for (const r of recovered) get(r.resolved_by_id!).recovered = toNumber(r.recovered) ?? 0;
  return out;
}

/** Named to the team: enough answers for a share to mean something, or a customer recovered. */
const named = (t: Tally) => t.answers >= MIN_SAMPLE || t.recovered > 0;

/** Customers recovered first, then praise: recovering an unhappy customer is the harder feat. */
const byThanks = (
  a: { name: string; recovered: number; praise: number },
  b: { name: string; recovered: number; praise: number },
) => b.recovered - a.recovered || b.praise - a.praise || a.name.localeCompare(b.name);

function figures(name: string, t: Tally): PersonFigures {
  return {
    name,
    answers: t.answers,
    praise: t.praise,
    happyShare: t.answers >= MIN_SAMPLE ? t.praise / t.answers : null,
    recovered: t.recovered,
  };
}

/**
 * The people to thank at one location in [from, to), for the weekly digest the whole team reads:
 * only those who recovered a customer or have the minimum sample, best first, and never anyone's
 * low scores.
 */
export async function thanksAt(
  storage: Storage,
  at: { id: number; name: string },
  from: Date,
  to: Date,
): Promise<{ name: string; recovered: number; praise: number }[]> {
  const all = await tallies(storage, from, to, at);
  const names = await displayNames(storage, [...all.keys()]);
  return [...all.entries()]
    .filter(([, t]) => named(t))
    .map(([id, t]) => ({
      name: names.get(id) ?? 'Former account',
      recovered: t.recovered,
      praise: t.praise,
    }))
    .sort(byThanks);
}

export async function recognition(
  storage: Storage,
  opts: { userId: string; from: Date; to: Date; team: boolean },
): Promise<RecognitionReply> {
  const all = await tallies(storage, opts.from, opts.to);
  const none: Tally = { answers: 0, praise: 0, low: 0, recovered: 0 };
  const names = await displayNames(storage, [...all.keys(), opts.userId]);
  const mine = all.get(opts.userId) ?? none;
  let team: RecognitionReply['team'] = null;
  if (opts.team) {
    const shown = [...all.entries()].filter(([, t]) => named(t));
    team = {
      people: shown.map(([id, t]) => figures(names.get(id) ?? 'Former account', t)).sort(byThanks),
      others: all.size - shown.length,
    };
  }
  return {
    from: opts.from.toISOString(),
    to: opts.to.toISOString(),
    minSample: MIN_SAMPLE,
    me: { ...figures(names.get(opts.userId) ?? '', mine), lowScores: mine.low },
    team,
  };
}
