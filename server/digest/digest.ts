// One location's weekly digest: its week against the week before (the results page's tiles), the
// top problems unhappy customers chose, the three best and three worst comments (contact details
// blanked), how its alerts were handled, and the people to thank. What the e-mail and the poster
// page both show; built from the same report queries as the results page, so the figures agree.
import { sql } from 'kysely';
import type { DigestComment, DigestReply } from '../../shared/digest-api.ts';
import { endOfLocalDay, instantOf, nextDay } from '../../shared/local-time.ts';
import type { Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import { reportAnswers } from '../reports/answers.ts';
import { LocalClock } from '../reports/local-clock.ts';
import type { Place } from '../reports/places.ts';
import { MIN_SAMPLE, thanksAt } from '../reports/recognition.ts';
import { resultsOf } from '../reports/results.ts';
import { blankContacts } from './blank-contacts.ts';
import {
  DEFAULT_DIGEST_SCHEDULE,
  recentWeeks,
  scheduleTime,
  type DigestSchedule,
} from './schedule.ts';

const PROBLEMS = 5;
const COMMENTS = 3;
/** Weeks offered in the page's picker. */
const WEEKS = 12;

async function comments(
  storage: Storage,
  place: Place,
  from: Date,
  to: Date,
  mood: 'best' | 'worst',
): Promise<DigestComment[]> {
  const best = mood === 'best';
  const rows = await reportAnswers(storage.db, { locationIds: [place.id], from, to })
    .leftJoin('touchpoints', 'touchpoints.id', 'answers.touchpoint_id')
    .where('answers.comment', 'is not', null)
    .where('answers.smiley', best ? '>=' : '<=', best ? 4 : 2)
    .select([
      'answers.finalized_at',
      'touchpoints.name as touchpoint',
      'answers.language',
      'answers.smiley',
      'answers.nps',
      'answers.comment',
    ])
    .orderBy('answers.smiley', best ? 'desc' : 'asc')
    // An answer without an NPS sorts after those with one, either way.
    .orderBy(sql`coalesce(answers.nps, ${best ? -1 : 11})`, best ? 'desc' : 'asc')
    .orderBy('answers.finalized_at', 'desc')
    .limit(COMMENTS)
    .execute();
  const clock = new LocalClock();
  return rows.map((r) => ({
    at: clock.iso(new Date(toIso(r.finalized_at)!), place.timeZone),
    touchpoint: r.touchpoint,
    language: r.language,
    smiley: r.smiley,
    nps: r.nps,
    text: blankContacts(r.comment!),
  }));
}

export async function buildDigest(
  storage: Storage,
  place: Place,
  week: string,
  schedule: DigestSchedule | null,
  now: Date,
): Promise<DigestReply> {
  const to = nextDay(week, 6);
  const results = await resultsOf(
    storage,
    { period: 'custom', from: week, to },
    { places: [place], visible: [place] },
    now,
  );
  const start = instantOf(week, place.timeZone);
  const end = endOfLocalDay(to, place.timeZone);
  const unhappy = results.reasons.unhappy;
  return {
    location: { id: place.id, name: place.name, timeZone: place.timeZone },
    week: { from: week, to },
    previous: { from: nextDay(week, -7), to: nextDay(week, -1) },
    weeks: recentWeeks(schedule ?? DEFAULT_DIGEST_SCHEDULE, now, place.timeZone, WEEKS),
    tiles: results.tiles,
    problems: { answers: unhappy.answers, items: unhappy.items.slice(0, PROBLEMS) },
    comments: {
      best: await comments(storage, place, start, end, 'best'),
      worst: await comments(storage, place, start, end, 'worst'),
    },
    alerts: results.loop[0] ?? {
      location: place.name,
      alerts: 0,
      acknowledged: 0,
      resolved: 0,
      medianAckSeconds: null,
      medianResolveSeconds: null,
      recoveredPct: null,
    },
    recognition: { minSample: MIN_SAMPLE, people: await thanksAt(storage, place, start, end) },
    schedule: schedule && { weekday: schedule.weekday, time: scheduleTime(schedule) },
  };
}
