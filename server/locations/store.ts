// Locations and their touchpoints: created, changed and listed by an admin (server/cli.ts), and
// found (or made) when a kiosk is enrolled at one. A location's name is its key for alert routing
// and staff accounts, so it is never changed here; its zone, hours and external id are.
import { canonicalTimeZone } from '../../shared/local-time.ts';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { fromJson, toIso, toJson } from '../db/values.ts';
import { forgetRollup, markDirty } from '../reports/rollup.ts';
import type { OpeningHours } from './hours.ts';

export class LocationError extends Error {}

export interface LocationInfo {
  id: number;
  name: string;
  timeZone: string;
  hours: OpeningHours | null;
  closedDays: string[];
  externalId: string | null;
  createdAt: string;
  touchpoints: { id: number; name: string; kiosks: string[] }[];
}

export interface LocationSettings {
  timeZone?: string;
  externalId?: string | null;
  hours?: OpeningHours | null;
  closedDays?: string[];
}

/** Where a kiosk stands: its touchpoint, and whether enrolling it made a new location. */
export interface Placement {
  touchpointId: number;
  createdLocation: boolean;
}

function placeName(what: string, value: string): string {
  const name = value.trim();
  if (!name || name.length > 120) throw new LocationError(`${what} must be 1-120 characters`);
  return name;
}

function zone(name: string): string {
  const canonical = canonicalTimeZone(name);
  if (!canonical)
    throw new LocationError(
      `"${name}" is not an IANA time zone such as Europe/Berlin or America/New_York`,
    );
  return canonical;
}

/** The columns a settings change writes, each checked. */
function settingsRow(s: LocationSettings) {
  if (s.externalId !== undefined && s.externalId !== null && !/^\S.{0,199}$/.test(s.externalId))
    throw new LocationError('the external id must be 1-200 characters, not starting with a space');
  return {
    ...(s.timeZone !== undefined && { time_zone: zone(s.timeZone) }),
    ...(s.externalId !== undefined && { external_id: s.externalId || null }),
    ...(s.hours !== undefined && { hours: s.hours === null ? null : toJson(s.hours) }),
    ...(s.closedDays !== undefined && { closed_days: toJson(s.closedDays) }),
  };
}

async function refuseTakenExternalId(
  db: CollectorDb,
  externalId: string | null | undefined,
  name: string,
): Promise<void> {
  if (!externalId) return;
  const other = await db
    .selectFrom('locations')
    .select('name')
    .where('external_id', '=', externalId)
    .where('name', '<>', name)
    .executeTakeFirst();
  if (other) throw new LocationError(`external id "${externalId}" is already "${other.name}"'s`);
}

export async function addLocation(
  storage: Storage,
  name: string,
  settings: LocationSettings & { timeZone: string },
  now: Date,
): Promise<void> {
  const row = { closed_days: '[]', ...settingsRow(settings), time_zone: zone(settings.timeZone) };
  const location = placeName('a location name', name);
  await writeTransaction(storage, async (trx) => {
    const taken = await trx
      .selectFrom('locations')
      .select('id')
      .where('name', '=', location)
      .executeTakeFirst();
    if (taken) throw new LocationError(`location "${location}" exists already`);
    await refuseTakenExternalId(trx, settings.externalId, location);
    await trx
      .insertInto('locations')
      .values({ name: location, created_at: now.toISOString(), ...row })
      .execute();
  });
}

export async function updateLocation(
  storage: Storage,
  name: string,
  settings: LocationSettings,
): Promise<void> {
  const row = settingsRow(settings);
  await writeTransaction(storage, async (trx) => {
    await refuseTakenExternalId(trx, settings.externalId, name);
    const { numUpdatedRows } = await trx
      .updateTable('locations')
      .set(row)
      .where('name', '=', name)
      .executeTakeFirst();
    if (numUpdatedRows === 0n) throw new LocationError(`no location "${name}"`);
    if (settings.timeZone !== undefined) await rebucketLocation(trx, name);
  });
}

/**
 * A new zone moves every answer to other local days and hours: the location's rolled-up days and
 * months go
 * and all its answers' days are marked for rolling up again (server/reports/rollup.ts).
 */
async function rebucketLocation(trx: CollectorDb, name: string): Promise<void> {
  const { id } = await trx
    .selectFrom('locations')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  await forgetRollup(trx, id);
  const answers = await trx
    .selectFrom('answers')
    .select('finalized_at')
    .where('location_id', '=', id)
    .execute();
  await markDirty(
    trx,
    answers.map((a) => ({ location_id: id, finalized_at: toIso(a.finalized_at)! })),
  );
}

export async function addTouchpoint(
  storage: Storage,
  location: string,
  name: string,
  now: Date,
): Promise<void> {
  const touchpoint = placeName('a touchpoint name', name);
  await writeTransaction(storage, async (trx) => {
    const at = await trx
      .selectFrom('locations')
      .select('id')
      .where('name', '=', location)
      .executeTakeFirst();
    if (!at) throw new LocationError(`no location "${location}": add it first (add-location)`);
    const taken = await trx
      .selectFrom('touchpoints')
      .select('id')
      .where('location_id', '=', at.id)
      .where('name', '=', touchpoint)
      .executeTakeFirst();
    if (taken) throw new LocationError(`"${location}" has a touchpoint "${touchpoint}" already`);
    await trx
      .insertInto('touchpoints')
      .values({ location_id: at.id, name: touchpoint, created_at: now.toISOString() })
      .execute();
  });
}

/**
 * The touchpoint `touchpoint` of location `location`, made if it is new. A new location starts in
 * UTC, which the caller must say: reports would bucket its answers in UTC until an admin sets its
 * zone (`set-location`).
 */
export async function placeAt(
  trx: CollectorDb,
  location: string,
  touchpoint: string,
  now: Date,
): Promise<Placement> {
  const names = {
    location: placeName('location', location),
    touchpoint: placeName('touchpoint', touchpoint),
  };
  const at = now.toISOString();
  let found = await trx
    .selectFrom('locations')
    .select('id')
    .where('name', '=', names.location)
    .executeTakeFirst();
  const createdLocation = !found;
  found ??= await trx
    .insertInto('locations')
    .values({ name: names.location, time_zone: 'UTC', closed_days: '[]', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const point =
    (await trx
      .selectFrom('touchpoints')
      .select('id')
      .where('location_id', '=', found.id)
      .where('name', '=', names.touchpoint)
      .executeTakeFirst()) ??
    (await trx
      .insertInto('touchpoints')
      .values({ location_id: found.id, name: names.touchpoint, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow());
  return { touchpointId: point.id, createdLocation };
}

export async function listLocations(storage: Storage): Promise<LocationInfo[]> {
  const locations = await storage.db.selectFrom('locations').selectAll().orderBy('name').execute();
  const points = await storage.db
    .selectFrom('touchpoints')
    .leftJoin('kiosks', 'kiosks.touchpoint_id', 'touchpoints.id')
    .select(['touchpoints.id', 'touchpoints.location_id', 'touchpoints.name', 'kiosks.id as kiosk'])
    .orderBy('touchpoints.name')
    .orderBy('kiosks.id')
    .execute();
  return locations.map((l) => {
    const touchpoints = new Map<number, LocationInfo['touchpoints'][number]>();
    for (const p of points.filter((p) => p.location_id === l.id)) {
      const t = touchpoints.get(p.id) ?? { id: p.id, name: p.name, kiosks: [] };
      if (p.kiosk) t.kiosks.push(p.kiosk);
      touchpoints.set(p.id, t);
    }
    return {
      id: l.id,
      name: l.name,
      timeZone: l.time_zone,
      hours: l.hours === null ? null : fromJson<OpeningHours>(l.hours),
      closedDays: fromJson<string[]>(l.closed_days),
      externalId: l.external_id,
      createdAt: toIso(l.created_at)!,
      touchpoints: [...touchpoints.values()],
    };
  });
}
