// What state a kiosk is in, judged from what the collector knows about it: pure (the clock, the
// opening hours and the usual taps are all passed in), so the fleet view, the fleet tick that
// records changes and an IT alert sender all judge alike, and tests can drive every case.
// Silent: heartbeats arrive but no one has tapped for far longer than usual. "Usual" is the
// touchpoint's mean taps in each local hour of the week (usual-taps.ts); walking from the last
// tap, the taps that would usually have come are added up over the open hours only; once 8 would
// have come (and half an hour of opening has passed), the kiosk is silent from that moment. A
// kiosk that "disappears" in a store's busiest hour is caught within that hour; a quiet desk
// overnight is not called silent at all. Local hours come from each instant's own offset, so a
// daylight-saving change moves nothing.
import type { FleetStatus } from '../../shared/fleet-api.ts';
import { offsetSpans, type LocalParts } from '../../shared/local-time.ts';
import { isOpenAt, type OpeningHours } from '../locations/hours.ts';

export interface FleetRules {
  /** No heartbeat for this long: offline (five missed heartbeats). */
  offlineAfterMs: number;
  /** This many restarts within crashLoopWindowMs: crash-looping. */
  crashLoopRestarts: number;
  crashLoopWindowMs: number;
  /** Silent once this many taps would usually have come since the last one… */
  silentExpectedTaps: number;
  /** …and at least this much opening time has passed. */
  silentMinOpenMs: number;
  /** How far after the last tap the walk goes (a desk that usually gets fewer taps a week is never silent). */
  silentLookbackMs: number;
}

export const DEFAULT_FLEET_RULES: FleetRules = {
  offlineAfterMs: 5 * 60_000,
  crashLoopRestarts: 2,
  crashLoopWindowMs: 60 * 60_000,
  silentExpectedTaps: 8,
  silentMinOpenMs: 30 * 60_000,
  silentLookbackMs: 7 * 86_400_000,
};

/** A location as the checks need it. */
export interface Place {
  timeZone: string;
  hours: OpeningHours | null;
  closedDays: readonly string[];
}

/** What the collector knows about one kiosk; instants in ms by the collector's clock. */
export interface KioskFacts {
  enrolledAt: number;
  lastHeartbeatAt: number | null;
  clockFlagged: boolean;
  storageFailingSince: number | null;
  /** When it restarted, recently. */
  restarts: readonly number[];
  lastTapAt: number | null;
  /** Mean taps per local hour of the week (168, Monday 00:00 first); null: not known yet. */
  usualTaps: ArrayLike<number> | null;
  place: Place;
  /** What the fleet tick last recorded, and since when. */
  judged: { status: FleetStatus; since: number } | null;
}

export interface Judgement {
  status: FleetStatus;
  /** When the status began; null when nothing says. */
  since: number | null;
  /** Every status but ok that holds, worst first. */
  problems: FleetStatus[];
  online: boolean;
}

const HOUR_MS = 3_600_000;
const STEP_MS = 15 * 60_000;

/** The wall clock for an instant already shifted by its offset. */
function wallParts(wallMs: number): LocalParts {
  const d = new Date(wallMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: ((d.getUTCDay() + 6) % 7) + 1,
  };
}

/**
 * When the kiosk turned silent (ms), or null while it is not: the moment both enough usual taps
 * and enough opening time had passed since its last tap. Walked in quarter hours, which every
 * zone's hour boundaries fall on.
 */
export function silentSince(
  lastTapAt: number | null,
  now: number,
  usualTaps: ArrayLike<number> | null,
  place: Place,
  rules: FleetRules = DEFAULT_FLEET_RULES,
): number | null {
  // Too soon to be silent whatever the pattern: no walk (most kiosks, most of the time).
  if (lastTapAt === null || usualTaps === null || now - lastTapAt < rules.silentMinOpenMs)
    return null;
  const end = Math.min(now, lastTapAt + rules.silentLookbackMs);
  let expected = 0;
  let openMs = 0;
  let tapsReachedAt: number | null = null;
  let openReachedAt: number | null = null;
  for (const span of offsetSpans(lastTapAt, end, place.timeZone)) {
    for (let t = span.from; t < span.to;) {
      const next = Math.min(span.to, (Math.floor(t / STEP_MS) + 1) * STEP_MS);
      const at = wallParts(t + span.offsetMs);
      if (isOpenAt(place.hours, place.closedDays, at)) {
        const rate = usualTaps[(at.weekday - 1) * 24 + at.hour] ?? 0;
        const gained = (rate * (next - t)) / HOUR_MS;
        if (tapsReachedAt === null && expected + gained >= rules.silentExpectedTaps)
          tapsReachedAt = t + ((rules.silentExpectedTaps - expected) / rate) * HOUR_MS;
        if (openReachedAt === null && openMs + (next - t) >= rules.silentMinOpenMs)
          openReachedAt = t + (rules.silentMinOpenMs - openMs);
        expected += gained;
        openMs += next - t;
        if (tapsReachedAt !== null && openReachedAt !== null)
          return Math.round(Math.max(tapsReachedAt, openReachedAt));
      }
      t = next;
    }
  }
  return null;
}

/** Whether the place is inside its opening hours at `at` (ms). */
export function openAt(place: Place, at: number): boolean {
  const [span] = offsetSpans(at, at + 1, place.timeZone);
  return isOpenAt(place.hours, place.closedDays, wallParts(at + span!.offsetMs));
}

/** The kiosk's status now, the worst problem first: offline, crash-looping, storage, silent, clock. */
export function judgeKiosk(
  f: KioskFacts,
  now: number,
  rules: FleetRules = DEFAULT_FLEET_RULES,
): Judgement {
  const held = (status: FleetStatus, fallback: number | null) =>
    f.judged?.status === status ? f.judged.since : fallback;
  const online = f.lastHeartbeatAt !== null && now - f.lastHeartbeatAt <= rules.offlineAfterMs;
  const found: [FleetStatus, number | null][] = [];
  if (!online) {
    // What else it said is stale: offline is the one thing known.
    found.push(['offline', f.lastHeartbeatAt ?? f.enrolledAt]);
  } else {
    const recent = f.restarts.filter((t) => t > now - rules.crashLoopWindowMs && t <= now);
    if (recent.length >= rules.crashLoopRestarts)
      found.push(['crash_looping', Math.min(...recent)]);
    if (f.storageFailingSince !== null) found.push(['storage_failing', f.storageFailingSince]);
    const silent = silentSince(f.lastTapAt, now, f.usualTaps, f.place, rules);
    if (silent !== null) found.push(['silent', silent]);
    if (f.clockFlagged) found.push(['clock_off', held('clock_off', f.lastHeartbeatAt)]);
  }
  const [worst] = found;
  return {
    status: worst?.[0] ?? 'ok',
    since: worst ? worst[1] : held('ok', null),
    problems: found.map(([status]) => status),
    online,
  };
}
