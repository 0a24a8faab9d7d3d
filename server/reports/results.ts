// The results page's reply: the view a filter names, read from the rollup (view-rows.ts: its
// default rows, or the slices a filter by language, status or repeats names), then summed by
// figures.ts. Also the drill-down: the answers behind one reason, newest first.
import { sql } from 'kysely';
import type { ResultAnswersReply, ResultsReply } from '../../shared/results-api.ts';
import { endOfLocalDay, instantOf } from '../../shared/local-time.ts';
import type { SurveyDefinition } from '../../shared/survey.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toIso } from '../db/values.ts';
import { reportAnswers } from './answers.ts';
import { ranking, reasons, tiles, trend, type View } from './figures.ts';
import { heatMap } from './heat-map.ts';
import type { ResultsQuery } from './filter.ts';
import { answerFilterOf, statusesOf, type Place } from './places.ts';
import { LocalClock } from './local-clock.ts';
import { closingTheLoop } from './loop.ts';
import { windowsOf, type Windows } from './period.ts';
import { dayCountsOf } from './month-rows.ts';
import { refreshRollup } from './rollup.ts';
import { sourcesOf } from './slices.ts';
import { rolledUpSums, rolledUpView } from './view-rows.ts';

/** Views longer than this are drawn in weeks unless the filter asks for days. */
const DAYS_IN_DAY_BUCKETS = 62;

/** A view's rows as trend points: day rows as they are, month rows day by day. */
function* dayCounts(view: View) {
  yield* view.days;
  for (const m of view.months) yield* dayCountsOf(m);
}

/**
 * Reason labels from the newest survey that has each reason, in `language` or else English; and
 * the languages the surveys speak (their labels' languages), for the filter. Read from the few
 * kept surveys: a distinct scan of the answers' languages would cost a read of every answer.
 */
async function surveyWords(
  storage: Storage,
  language: string,
): Promise<{ labels: Map<string, string>; languages: string[] }> {
  const surveys = await storage.db
    .selectFrom('surveys')
    .select('body')
    .orderBy('id', 'desc')
    .execute();
  const labels = new Map<string, string>();
  const languages = new Set<string>();
  for (const { body } of surveys) {
    const survey = JSON.parse(body) as SurveyDefinition;
    for (const r of [...survey.reasons.low, ...survey.reasons.high]) {
      for (const l of Object.keys(r.label)) languages.add(l);
      if (!labels.has(r.id))
        labels.set(r.id, r.label[language] ?? r.label.en ?? Object.values(r.label)[0] ?? r.id);
    }
  }
  return { labels, languages: [...languages].sort() };
}

export async function resultsOf(
  storage: Storage,
  q: ResultsQuery,
  scope: { places: Place[]; visible: Place[] },
  now: Date,
  language = 'en',
): Promise<ResultsReply> {
  await refreshRollup(storage);
  const period = q.period ?? (q.from ? 'custom' : '30d');
  const w: Windows = windowsOf(scope.places, period, now, q);
  const sources = sourcesOf(answerFilterOf(q));
  const view = await rolledUpView(
    storage.db,
    w.current,
    q.touchpoint,
    new Map(scope.places.map((p) => [p.id, p.closedDays])),
    sources,
  );
  const rows = [...view.days, ...view.months];
  const previous = await rolledUpSums(storage.db, w.previous, q.touchpoint, sources);
  const days = Math.round((Date.parse(w.to) - Date.parse(w.from)) / 86_400_000) + 1;
  const chosen = new Set(scope.places.map((p) => p.id));
  const touchpoints = (
    await storage.db
      .selectFrom('touchpoints')
      .select(['id', 'name', 'location_id'])
      .orderBy('name')
      .execute()
  )
    .filter((t) => scope.visible.some((p) => p.id === t.location_id))
    .map((t) => ({ id: t.id, name: t.name, locationId: t.location_id }));
  const words = await surveyWords(storage, language);
  return {
    period: {
      period,
      from: w.from,
      to: w.to,
      previousFrom: w.previousFrom,
      previousTo: w.previousTo,
    },
    choices: {
      locations: scope.visible.map((p) => ({ id: p.id, name: p.name, timeZone: p.timeZone })),
      touchpoints,
      languages: words.languages,
    },
    tiles: tiles(rows, previous),
    trend: trend(
      dayCounts(view),
      q.bucket ?? (days > DAYS_IN_DAY_BUCKETS ? 'week' : 'day'),
      w.from,
      w.to,
    ),
    ranking: ranking(
      rows,
      scope.places,
      touchpoints.filter((t) => chosen.has(t.locationId)),
    ),
    heatMap: heatMap(view, scope.places),
    reasons: reasons(rows, words.labels),
    loop: await closingTheLoop(
      storage,
      w.current.map((cw) => ({ ...cw, name: scope.places.find((p) => p.id === cw.id)!.name })),
    ),
  };
}

const LISTED = 100;

/** The newest answers in the view whose customer chose `reason` (unhappy or happy ones). */
export async function reasonAnswers(
  storage: Storage,
  q: ResultsQuery,
  places: Place[],
  now: Date,
  reason: string,
  mood: 'unhappy' | 'happy',
): Promise<ResultAnswersReply> {
  const w = windowsOf(places, q.period ?? (q.from ? 'custom' : '30d'), now, q);
  const rows = await reportAnswers(storage.db, {
    ...(q.touchpoint && { touchpointIds: q.touchpoint }),
    ...(q.lang && { languages: q.lang }),
    ...(q.complete && { statuses: statusesOf(q.complete)! }),
    includeRepeats: q.repeats === 'include',
  })
    .innerJoin('locations', 'locations.id', 'answers.location_id')
    .leftJoin('touchpoints', 'touchpoints.id', 'answers.touchpoint_id')
    .where((eb) =>
      eb.or(
        w.current.map((cw) =>
          eb.and([
            eb('answers.location_id', '=', cw.id),
            eb('answers.finalized_at', '>=', instantOf(cw.from, cw.timeZone).toISOString()),
            eb('answers.finalized_at', '<', endOfLocalDay(cw.to, cw.timeZone).toISOString()),
          ]),
        ),
      ),
    )
    .where('answers.smiley', mood === 'unhappy' ? '<=' : '>=', mood === 'unhappy' ? 2 : 4)
    .where(
      storage.engine === 'postgres'
        ? sql<boolean>`answers.reasons @> jsonb_build_array(${reason}::text)`
        : sql<boolean>`exists (select 1 from json_each(answers.reasons) where value = ${reason})`,
    )
    .select([
      'answers.id',
      'answers.finalized_at',
      'locations.name as location',
      'locations.time_zone',
      'touchpoints.name as touchpoint',
      'answers.language',
      'answers.smiley',
      'answers.nps',
      'answers.ces',
      'answers.reasons',
      'answers.comment',
    ])
    .orderBy('answers.finalized_at', 'desc')
    .orderBy('answers.id', 'desc')
    .limit(LISTED + 1)
    .execute();
  const clock = new LocalClock();
  return {
    answers: rows.slice(0, LISTED).map((r) => ({
      id: r.id,
      at: clock.iso(new Date(toIso(r.finalized_at)!), r.time_zone),
      location: r.location,
      touchpoint: r.touchpoint,
      language: r.language,
      smiley: r.smiley,
      nps: r.nps,
      ces: r.ces,
      reasons: fromJson<string[]>(r.reasons),
      comment: r.comment,
    })),
    more: rows.length > LISTED,
  };
}
