// Every active kiosk with its place, its health as its heartbeats report it, and its status now
// (status.ts), in one read of the kiosk rows: what the Kiosks page shows, what the fleet tick
// compares with the last recorded status, and what an IT alert sender can call.
import type { FleetKiosk, FleetStatus } from '../../shared/fleet-api.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toFlag, toIso, toNumber } from '../db/values.ts';
import type { OpeningHours } from '../locations/hours.ts';
import { restartsOf } from './hours.ts';
import { DEFAULT_FLEET_RULES, judgeKiosk, openAt, type FleetRules, type Place } from './status.ts';

const DAY_MS = 86_400_000;

/** A kiosk as listed, with the status the fleet tick last recorded for it. */
export interface FleetEntry extends FleetKiosk {
  recorded: FleetStatus | null;
}

const ms = (value: string | Date | null) => {
  const iso = toIso(value);
  return iso === null ? null : Date.parse(iso);
};
const isoOf = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** Active kiosks (not revoked), by location, touchpoint and id; one kiosk with `kioskId`. */
export async function listFleet(
  storage: Storage,
  now: Date,
  rules: FleetRules = DEFAULT_FLEET_RULES,
  kioskId?: string,
): Promise<FleetEntry[]> {
  let query = storage.db
    .selectFrom('kiosks')
    .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .leftJoin('touchpoint_usual_taps', 'touchpoint_usual_taps.touchpoint_id', 'touchpoints.id')
    .selectAll('kiosks')
    .select([
      'locations.id as location_id',
      'locations.name as location',
      'locations.time_zone',
      'locations.hours',
      'locations.closed_days',
      'touchpoints.name as touchpoint',
      'touchpoint_usual_taps.taps as usual_taps',
    ])
    .where('kiosks.revoked_at', 'is', null);
  if (kioskId !== undefined) query = query.where('kiosks.id', '=', kioskId);
  const rows = await query
    .orderBy('locations.name')
    .orderBy('touchpoints.name')
    .orderBy('kiosks.id')
    .execute();
  const t = now.getTime();
  const places = new Map<number, { place: Place; open: boolean }>();
  return rows.map((r) => {
    let at = places.get(r.location_id);
    if (!at) {
      const place: Place = {
        timeZone: r.time_zone,
        hours: r.hours === null ? null : fromJson<OpeningHours>(r.hours),
        closedDays: fromJson<string[]>(r.closed_days),
      };
      at = { place, open: openAt(place, t) };
      places.set(r.location_id, at);
    }
    const { place } = at;
    const skew = toNumber(r.clock_skew_ms);
    // Device times (start, last tap) on the collector's clock: less the skew last measured.
    const onOurClock = (value: string | Date | null) => {
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
        usualTaps: r.usual_taps === null ? null : (JSON.parse(r.usual_taps) as number[]),
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
      location: r.location,
      locationId: r.location_id,
      touchpoint: r.touchpoint,
      appVersion: r.app_version,
      status: judged.status,
      statusSince: isoOf(judged.since),
      problems: judged.problems,
      online: judged.online,
      openNow: at.open,
      lastHeartbeatAt: toIso(r.last_heartbeat_at),
      queueDepth: r.queue_depth,
      oldestUnsentAt: toIso(r.oldest_unsent_at),
      deadLetters: r.dead_letters,
      storageError: r.storage_error,
      storageErrors: r.storage_errors,
      clockSkewMs: skew,
      startedAt: isoOf(onOurClock(r.started_at)),
      restarts24h: restarts.filter((at) => at > t - DAY_MS).length,
      tapsToday: r.taps_today,
      lastTapAt: isoOf(lastTapAt),
      lastError: r.last_error,
      recorded: r.fleet_status,
    };
  });
}

/** The API's shape of an entry: without what only the tick needs. */
export function publicKiosk({ recorded: _recorded, ...kiosk }: FleetEntry): FleetKiosk {
  return kiosk;
}
