// The Kiosks page's list (FleetListReply, shared/fleet-api.ts) from the judged fleet: each place
// once, and each kiosk with only what its row shows, times as epoch ms and nothing said for what
// is unknown. At 5,000 kiosks the full entries were a 2.4 MB reply whose ISO instants the browser
// checked one text pattern at a time, most of the page's wait.
import type { FleetListReply, FleetPlace, FleetRow } from '../../shared/fleet-api.ts';
import type { FleetFacts } from './fleet-list.ts';

/** The list's places (first seen first) and rows, in the order given. */
export function fleetRows(facts: readonly FleetFacts[]): Pick<FleetListReply, 'places' | 'kiosks'> {
  const places = new Map<number, FleetPlace>();
  const kiosks = facts.map((f): FleetRow => {
    if (!places.has(f.locationId))
      places.set(f.locationId, { id: f.locationId, name: f.location, openNow: f.openNow });
    const row: FleetRow = {
      id: f.id,
      locationId: f.locationId,
      touchpoint: f.touchpoint,
      status: f.status,
      online: f.online,
      restarts24h: f.restarts24h,
    };
    if (f.appVersion !== null) row.appVersion = f.appVersion;
    if (f.statusSince !== null) row.statusSince = f.statusSince;
    if (f.problems.length) row.problems = f.problems;
    if (f.lastHeartbeatAt !== null) row.lastHeartbeatAt = f.lastHeartbeatAt;
    if (f.queueDepth !== null) row.queueDepth = f.queueDepth;
    if (f.oldestUnsentAt !== null) row.oldestUnsentAt = f.oldestUnsentAt;
    if (f.deadLetters !== null) row.deadLetters = f.deadLetters;
    if (f.storageError !== null) row.storageError = f.storageError;
    if (f.storageErrors !== null) row.storageErrors = f.storageErrors;
    if (f.clockSkewMs !== null) row.clockSkewMs = f.clockSkewMs;
    if (f.tapsToday !== null) row.tapsToday = f.tapsToday;
    if (f.lastTapAt !== null) row.lastTapAt = f.lastTapAt;
    return row;
  });
  return { places: [...places.values()], kiosks };
}
