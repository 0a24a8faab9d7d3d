// What a report request may ask for, checked at the boundary: calendar dates that exist, and the
// locations and touchpoints it names checked against who asks (staff only their own: 403 naming
// the location, never an empty answer that would read as "no answers there"). Shared by the
// export (server/staff/export-routes.ts) and the results page (server/staff/results-routes.ts).
import { z } from 'zod';
import type { FinalStatus } from '../../shared/answer.ts';
import { Period } from '../../shared/results-api.ts';
import { LanguageCode } from '../../shared/survey.ts';
import type { CollectorDb } from '../db/open.ts';
import { LocalDate } from '../../shared/report-filter.ts';
import { fromJson } from '../db/values.ts';
import { HttpError } from '../errors.ts';
import type { OpeningHours } from '../locations/hours.ts';
import { visibleLocations, type StaffUser } from '../staff/users.ts';

/** A comma-separated list, each item checked by `item`. */
export const listOf = <T extends z.ZodType>(item: T, what: string) =>
  z.string().transform((s, c) => {
    const parsed = z.array(item).min(1).safeParse(s.split(','));
    if (parsed.success) return parsed.data as z.infer<T>[];
    c.addIssue({ code: 'custom', message: `a comma-separated list of ${what}` });
    return z.NEVER;
  });

/** A query-string key given once or repeated (?location=1&location=2), each value checked. */
const repeated = <T extends z.ZodType>(item: T, what: string) =>
  z.union([z.string(), z.array(z.string())]).transform((v, c) => {
    const parsed = z.array(item).safeParse(Array.isArray(v) ? v : [v]);
    if (parsed.success) return parsed.data as z.infer<T>[];
    c.addIssue({ code: 'custom', message: `each must be ${what}` });
    return z.NEVER;
  });

// Ids are PostgreSQL integers: a larger number is refused here, not by the database (a 500).
const Id = z.coerce.number().int().positive().max(2_147_483_647);

/** The results view's filter (names shared with the comment feed: shared/results-api.ts). */
export const ResultsQuery = z
  .strictObject({
    period: Period.optional(),
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    location: repeated(Id, 'a location id').optional(),
    touchpoint: repeated(Id, 'a touchpoint id').optional(),
    lang: repeated(LanguageCode, 'a language code').optional(),
    complete: z.enum(['1', '0'], '"1" (complete answers only) or "0" (partial only)').optional(),
    repeats: z
      .literal('include', 'only "include" (possible repeats are left out by default)')
      .optional(),
    bucket: z.enum(['day', 'week']).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from is after to',
    path: ['from'],
  })
  .refine(
    (q) =>
      q.period === 'custom' || (!q.period && (q.from || q.to))
        ? Boolean(q.from && q.to)
        : !q.from && !q.to,
    {
      message: 'a custom period needs from and to, and from and to need period=custom',
      path: ['period'],
    },
  );
export type ResultsQuery = z.infer<typeof ResultsQuery>;

/** A location as reports read it. */
export interface Place {
  id: number;
  name: string;
  timeZone: string;
  hours: OpeningHours | null;
  closedDays: string[];
}

const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
const badFilter = (message: string) => new HttpError(400, 'invalid_request', message);

/**
 * The locations a report covers: those named (each checked: unknown is a 400, another's a 403
 * naming it), else every location the asker may see; and the touchpoints named, checked alike.
 */
export async function placesInScope(
  db: CollectorDb,
  user: StaffUser,
  names: { locations?: readonly number[] | undefined; touchpoints?: readonly number[] | undefined },
  verb: string,
): Promise<{ places: Place[]; visible: Place[] }> {
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
  const seen = visibleLocations(user);
  const mine = (p: Place) => seen === 'all' || seen.includes(p.name);
  const byId = new Map(all.map((p) => [p.id, p]));
  const refuse = (p: Place) =>
    forbidden(`you may ${verb} only your own locations, and "${p.name}" is not one`);
  for (const id of names.locations ?? []) {
    const place = byId.get(id);
    if (!place) throw badFilter(`locations: no location with id ${id}`);
    if (!mine(place)) throw refuse(place);
  }
  if (names.touchpoints?.length) {
    const points = await db
      .selectFrom('touchpoints')
      .select(['id', 'location_id'])
      .where('id', 'in', names.touchpoints)
      .execute();
    for (const id of names.touchpoints) {
      const point = points.find((p) => p.id === id);
      if (!point) throw badFilter(`touchpoints: no touchpoint with id ${id}`);
      const at = byId.get(point.location_id)!;
      if (!mine(at)) throw refuse(at);
    }
  }
  const chosen = names.locations ? new Set(names.locations) : null;
  const visible = all.filter(mine);
  return { places: visible.filter((p) => !chosen || chosen.has(p.id)), visible };
}

/** complete=1/0 as the statuses it keeps. */
export const statusesOf = (complete: '1' | '0' | undefined): FinalStatus[] | undefined =>
  complete === undefined ? undefined : [complete === '1' ? 'complete' : 'partial'];
