// Which places a manager view may read, checked once for every view (export, comment feed,
// results, read API): naming a location or touchpoint that does not exist is a bad request (400),
// naming one outside the caller's scope is refused (403, naming it), never answered with an empty
// result that would read as "nothing happened there". A filter's period becomes each location's
// own local days, as instants: "today" in Berlin ends six hours before "today" in New York.
import { sql, type ExpressionBuilder } from 'kysely';
import { endOfLocalDay, instantOf, localDay, nextDay } from '../../shared/local-time.ts';
import { DEFAULT_PERIOD, PERIOD_DAYS, type ReportFilter } from '../../shared/report-filter.ts';
import type { FinalStatus } from '../../shared/answer.ts';
import type { CollectorDb, Storage } from '../db/open.ts';
import type { CollectorTables } from '../db/tables.ts';
import { fromJson } from '../db/values.ts';
import { HttpError } from '../errors.ts';
import type { OpeningHours } from '../locations/hours.ts';
import { visibleLocations, type StaffUser } from '../staff/users.ts';
import type { AnswerFilter } from './answers.ts';

/** Who asks: every location, or these (by name, as staff accounts hold them, or by id). */
export interface PlaceScope {
  visible: 'all' | { names?: readonly string[]; ids?: readonly number[] };
  /** "you may <verb> only your own locations": export, read, … */
  verb: string;
}

/** A location as reports read it. */
export interface Place {
  id: number;
  name: string;
  timeZone: string;
  hours: OpeningHours | null;
  closedDays: string[];
}

/** A staff account's scope: its own locations, or all for managers and admins. */
export function staffScope(user: StaffUser, verb: string): PlaceScope {
  const visible = visibleLocations(user);
  return { visible: visible === 'all' ? 'all' : { names: visible }, verb };
}

const badFilter = (message: string) => new HttpError(400, 'invalid_request', message);

/**
 * The places a request names, each checked (unknown: 400; outside the scope: 403 naming it), or
 * every visible one when it names none; and every visible one, for filter menus. By name.
 */
async function placesFor(
  db: CollectorDb,
  scope: PlaceScope,
  locationIds: readonly number[] | undefined,
  touchpointIds: readonly number[] | undefined,
  names: { location: string; touchpoint: string },
): Promise<{ chosen: Place[]; visible: Place[] }> {
  const rows = await db
    .selectFrom('locations')
    .select(['id', 'name', 'time_zone', 'hours', 'closed_days'])
    .orderBy('name')
    .execute();
  const all: Place[] = rows.map((l) => ({
    id: l.id,
    name: l.name,
    timeZone: l.time_zone,
    hours: l.hours === null ? null : fromJson<OpeningHours>(l.hours),
    closedDays: fromJson<string[]>(l.closed_days),
  }));
  const { visible } = scope;
  const mine = (l: Place) =>
    visible === 'all' ||
    (visible.names?.includes(l.name) ?? false) ||
    (visible.ids?.includes(l.id) ?? false);
  const refuse = (name: string) =>
    new HttpError(
      403,
      'forbidden',
      `you may ${scope.verb} only your own locations, and "${name}" is not one`,
    );
  const byId = new Map(all.map((l) => [l.id, l]));
  for (const id of locationIds ?? []) {
    const location = byId.get(id);
    if (!location) throw badFilter(`${names.location}: no location with id ${id}`);
    if (!mine(location)) throw refuse(location.name);
  }
  if (touchpointIds?.length) {
    const points = await db
      .selectFrom('touchpoints')
      .select(['id', 'location_id'])
      .where('id', 'in', touchpointIds)
      .execute();
    for (const id of touchpointIds) {
      const point = points.find((p) => p.id === id);
      if (!point) throw badFilter(`${names.touchpoint}: no touchpoint with id ${id}`);
      const at = byId.get(point.location_id)!;
      if (!mine(at)) throw refuse(at.name);
    }
  }
  const chosen = locationIds ? new Set(locationIds) : null;
  const seen = all.filter(mine);
  return { chosen: chosen ? seen.filter((l) => chosen.has(l.id)) : seen, visible: seen };
}

/** The places `locationIds` and `touchpointIds` name, or every visible one when none are named. */
export async function checkedPlaces(
  storage: Storage,
  scope: PlaceScope,
  locationIds: readonly number[] | undefined,
  touchpointIds: readonly number[] | undefined,
  names = { location: 'location', touchpoint: 'touchpoint' },
): Promise<Place[]> {
  return (await placesFor(storage.db, scope, locationIds, touchpointIds, names)).chosen;
}

/** For a staff account: the places a report covers, and every place it may pick from. */
export async function placesInScope(
  db: CollectorDb,
  user: StaffUser,
  named: { locations?: readonly number[] | undefined; touchpoints?: readonly number[] | undefined },
  verb: string,
): Promise<{ places: Place[]; visible: Place[] }> {
  const { chosen, visible } = await placesFor(
    db,
    staffScope(user, verb),
    named.locations,
    named.touchpoints,
    { location: 'locations', touchpoint: 'touchpoints' },
  );
  return { places: chosen, visible };
}

/** complete=1/0 as the statuses it keeps. */
export const statusesOf = (complete: '1' | '0' | undefined): FinalStatus[] | undefined =>
  complete === undefined ? undefined : [complete === '1' ? 'complete' : 'partial'];

/** The filter's local days at a place, both included ("YYYY-MM-DD"). */
export function periodDays(q: ReportFilter, now: Date, timeZone: string) {
  const period = q.period ?? DEFAULT_PERIOD;
  if (period === 'custom') return { from: q.from!, to: q.to! };
  const today = localDay(now, timeZone);
  return { from: nextDay(today, 1 - PERIOD_DAYS[period]), to: today };
}

/** Answers given at one of `places` inside its own local days [from, to] (either open). */
export function atPlacesWithin<P extends Pick<Place, 'id' | 'timeZone'>>(
  places: readonly P[],
  daysAt: (place: P) => { from?: string | undefined; to?: string | undefined },
) {
  return (eb: ExpressionBuilder<CollectorTables, 'answers'>) =>
    eb.or(
      places.map((place) => {
        const { from, to } = daysAt(place);
        return eb.and([
          eb('answers.location_id', '=', place.id),
          ...(from
            ? [eb('answers.finalized_at', '>=', instantOf(from, place.timeZone).toISOString())]
            : []),
          ...(to
            ? [eb('answers.finalized_at', '<', endOfLocalDay(to, place.timeZone).toISOString())]
            : []),
        ]);
      }),
    );
}

/** The part of a report filter reportAnswers applies itself. */
export function answerFilterOf(q: ReportFilter): Omit<AnswerFilter, 'locationIds' | 'from' | 'to'> {
  return {
    ...(q.touchpoint && { touchpointIds: q.touchpoint }),
    ...(q.lang && { languages: q.lang }),
    ...(q.complete && { statuses: statusesOf(q.complete) }),
    includeRepeats: q.repeats === 'include',
  };
}

/** Answers that chose any of `reasons` (answers.reasons: a JSON array of reason ids). */
export function choseAnyOf(storage: Storage, reasons: readonly string[]) {
  return storage.engine === 'sqlite'
    ? sql<boolean>`exists (select 1 from json_each(answers.reasons) r
        where r.value in (${sql.join(reasons)}))`
    : sql<boolean>`answers.reasons ?| array[${sql.join(reasons)}]::text[]`;
}
