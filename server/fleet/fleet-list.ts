// Every active kiosk with its place, its health as its heartbeats report it, and its status now
// (status.ts), in one read of the kiosk rows: what the Kiosks page shows (fleet-rows.ts), what
// the fleet tick compares with the last recorded status, and what an IT alert sender can call.
import { sql } from 'kysely';
import type { FleetKiosk, FleetStatus } from '../../shared/fleet-api.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toFlag, toNumber } from '../db/values.ts';
import type { OpeningHours } from '../locations/hours.ts';
import { restartsOf } from './hours.ts';
import { DEFAULT_FLEET_RULES, judgeKiosk, openAt, type FleetRules, type Place } from './status.ts';

const DAY_MS = 86_400_000;
/** Touchpoint ids per query for their usual taps. */
const CHUNK = 1000;

/** A kiosk as listed, with the status the fleet tick last recorded for it. */
export interface FleetEntry extends FleetKiosk {
  recorded: FleetStatus | null;
}

type Times = 'statusSince' | 'lastHeartbeatAt' | 'oldestUnsentAt' | 'startedAt' | 'lastTapAt';

/** An entry as read, its instants as epoch ms: the Kiosks page's rows need no ISO text. */
export type FleetFacts = Omit<FleetEntry, Times> & Record<Times, number | null>;

/** An instant as ms: epoch ms from PostgreSQL (instant() below), ISO text from SQLite. */
const ms = (value: string | number | null) =>
  value === null ? null : typeof value === 'number' ? Math.round(value) : Date.parse(value);

const isoOf = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * A kiosk row's instant as epoch ms on PostgreSQL: the driver would otherwise build a Date for
 * each (35,000 for 5,000 kiosks, half of this list's CPU); SQLite's ISO text as it is.
 */
function instant<C extends string>(storage: Storage, column: C) {
  const ref = sql.ref(`kiosks.${column}`);
  return (
    storage.engine === 'postgres'
      ? sql<number | string | null>`(extract(epoch from ${ref}) * 1000)::float8`
      : sql<number | string | null>`${ref}`
  ).as(column);
}

/**
 * The usual taps of the touchpoints where a kiosk could be silent now: heard from lately, its last
 * tap long enough ago. In a healthy fleet that is few, so the 168 numbers of every touchpoint are
 * not read (and parsed) on every call.
 */
async function usualTapsFor(
  storage: Storage,
  rows: readonly {
    touchpoint_id: number | null;
    last_heartbeat_at: string | number | null;
    last_tap_at: string | number | null;
    clock_skew_ms: number | string | null;
  }[],
  now: number,
  rules: FleetRules,
): Promise<Map<number, number[]>> {
  const wanted = new Set<number>();
  for (const r of rows) {
    const heard = ms(r.last_heartbeat_at);
    const tapped = ms(r.last_tap_at);
    if (heard === null || tapped === null || r.touchpoint_id === null) continue;
    const tapOnOurClock = tapped - (toNumber(r.clock_skew_ms) ?? 0);
    if (now - heard <= rules.offlineAfterMs && now - tapOnOurClock >= rules.silentMinOpenMs)
      wanted.add(r.touchpoint_id);
  }
  const usual = new Map<number, number[]>();
  const ids = [...wanted];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const found = await storage.db
      .selectFrom('touchpoint_usual_taps')
      .select(['touchpoint_id', 'taps'])
      .where('touchpoint_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const u of found) usual.set(u.touchpoint_id, JSON.parse(u.taps) as number[]);
  }
  return usual;
}

/** Active kiosks (not revoked), by location, touchpoint and id; one kiosk with `kioskId`. */
export async function listFleet(
  storage: Storage,
  now: Date,
  rules: FleetRules = DEFAULT_FLEET_RULES,
  kioskId?: string,
): Promise<FleetEntry[]> {
  return (await readFleet(storage, now, rules, kioskId)).map((f) => ({
    ...f,
    statusSince: isoOf(f.statusSince),
    lastHeartbeatAt: isoOf(f.lastHeartbeatAt),
    oldestUnsentAt: isoOf(f.oldestUnsentAt),
    startedAt: isoOf(f.startedAt),
    lastTapAt: isoOf(f.lastTapAt),
  }));
}

/** listFleet's kiosks with their instants as epoch ms. */
export async function readFleet(
  storage: Storage,
  now: Date,
  rules: FleetRules = DEFAULT_FLEET_RULES,
  kioskId?: string,
): Promise<FleetFacts[]> {
  // The places apart, once each: read with every kiosk, a location's hours JSON was parsed
  // 5,000 times (a fifth of this list's CPU).
  const locations = new Map(
    (
      await storage.db
        .selectFrom('locations')
        .select(['id', 'name', 'time_zone', 'hours', 'closed_days'])
        .execute()
    ).map((l) => [l.id, l]),
  );
  let query = storage.db
    .selectFrom('kiosks')
    .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .select([
      'kiosks.id',
      'kiosks.touchpoint_id',
      'kiosks.clock_skew_ms',
      'kiosks.clock_flagged',
      'kiosks.app_version',
      'kiosks.queue_depth',
      'kiosks.last_error',
      'kiosks.dead_letters',
      'kiosks.storage_error',
      'kiosks.storage_errors',
      'kiosks.recent_restarts',
      'kiosks.taps_today',
      'kiosks.fleet_status',
      'touchpoints.location_id',
      'touchpoints.name as touchpoint',
      instant(storage, 'enrolled_at'),
      instant(storage, 'last_heartbeat_at'),
      instant(storage, 'oldest_unsent_at'),
      instant(storage, 'storage_failing_since'),
      instant(storage, 'started_at'),
      instant(storage, 'last_tap_at'),
      instant(storage, 'fleet_status_since'),
    ])
    .where('kiosks.revoked_at', 'is', null);
  if (kioskId !== undefined) query = query.where('kiosks.id', '=', kioskId);
  const rows = await query
    .orderBy('locations.name')
    .orderBy('touchpoints.name')
    .orderBy('kiosks.id')
    .execute();
  const usual = await usualTapsFor(storage, rows, now.getTime(), rules);
  const t = now.getTime();
  const places = new Map<number, { name: string; place: Place; open: boolean }>();
  return rows.map((r) => {
    let at = places.get(r.location_id);
    if (!at) {
      const l = locations.get(r.location_id)!;
      const place: Place = {
        timeZone: l.time_zone,
        hours: l.hours === null ? null : fromJson<OpeningHours>(l.hours),
        closedDays: fromJson<string[]>(l.closed_days),
      };
      at = { name: l.name, place, open: openAt(place, t) };
      places.set(r.location_id, at);
    }
    const { place } = at;
    const skew = toNumber(r.clock_skew_ms);
    // Device times (start, last tap) on the collector's clock: less the skew last measured.
    const onOurClock = (value: string | number | null) => {
      const at = ms(value);
      return at === null ? null : at - (skew ?? 0);
    };
    const restarts = restartsOf(r.recent_restarts);
    const lastTapAt = onOurClock(r.last_tap_at);
    const recordedSince = ms(r.fleet_status_since);
    const judged = judgeKiosk(
      {
        enrolledAt: ms(r.enrolled_at)!,
        lastHeartbeatAt: ms(r.last_heartbeat_at),
        clockFlagged: toFlag(r.clock_flagged),
        storageFailingSince: ms(r.storage_failing_since),
        restarts,
        lastTapAt,
        usualTaps: usual.get(r.touchpoint_id!) ?? null,
        place,
        judged:
          r.fleet_status && recordedSince !== null
            ? { status: r.fleet_status, since: recordedSince }
            : null,
      },
      t,
      rules,
    );
    return {
      id: r.id,
      location: at.name,
      locationId: r.location_id,
      touchpoint: r.touchpoint,
      appVersion: r.app_version,
      status: judged.status,
      statusSince: judged.since,
      problems: judged.problems,
      online: judged.online,
      openNow: at.open,
      lastHeartbeatAt: ms(r.last_heartbeat_at),
      queueDepth: r.queue_depth,
      oldestUnsentAt: ms(r.oldest_unsent_at),
      deadLetters: r.dead_letters,
      storageError: r.storage_error,
      storageErrors: r.storage_errors,
      clockSkewMs: skew,
      startedAt: onOurClock(r.started_at),
      restarts24h: restarts.filter((at) => at > t - DAY_MS).length,
      tapsToday: r.taps_today,
      lastTapAt,
      lastError: r.last_error,
      recorded: r.fleet_status,
    };
  });
}

/** The API's shape of an entry: without what only the tick needs. */
export function publicKiosk({ recorded: _recorded, ...kiosk }: FleetEntry): FleetKiosk {
  return kiosk;
}
