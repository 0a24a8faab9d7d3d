// `add-location`, `set-location`, `add-touchpoint` and `locations` for server/cli.ts. Every flag is
// checked before anything is stored (zone by the runtime's IANA data, hours, dates), so a typo
// never half-applies.
import type { Storage } from '../db/open.ts';
import { formatHours, HoursError, parseClosedDays, parseHours } from './hours.ts';
import {
  addLocation,
  addTouchpoint,
  listLocations,
  LocationError,
  updateLocation,
  type LocationSettings,
} from './store.ts';

export interface LocationFlags {
  'time-zone'?: string;
  'external-id'?: string;
  hours?: string;
  closed?: string;
  json?: boolean;
}

/** The settings the flags give; `--hours always` clears the hours (open around the clock). */
function settingsFrom(f: LocationFlags): LocationSettings {
  try {
    return {
      ...(f['time-zone'] !== undefined && { timeZone: f['time-zone'] }),
      ...(f['external-id'] !== undefined && { externalId: f['external-id'] || null }),
      ...(f.hours !== undefined && { hours: f.hours === 'always' ? null : parseHours(f.hours) }),
      ...(f.closed !== undefined && { closedDays: parseClosedDays(f.closed) }),
    };
  } catch (error) {
    if (error instanceof HoursError) throw new LocationError(error.message);
    throw error;
  }
}

export async function addLocationCommand(
  storage: Storage,
  name: string,
  f: LocationFlags,
  out: (line: string) => void,
): Promise<void> {
  const settings = settingsFrom(f);
  if (settings.timeZone === undefined)
    throw new LocationError('add-location needs --time-zone, e.g. --time-zone Europe/Berlin');
  await addLocation(storage, name, { ...settings, timeZone: settings.timeZone }, new Date());
  out(`added location "${name.trim()}"`);
}

export async function setLocationCommand(
  storage: Storage,
  name: string,
  f: LocationFlags,
  out: (line: string) => void,
): Promise<void> {
  const settings = settingsFrom(f);
  if (!Object.keys(settings).length)
    throw new LocationError('set-location needs --time-zone, --hours, --closed or --external-id');
  await updateLocation(storage, name, settings);
  out(`updated location "${name}"`);
}

export async function addTouchpointCommand(
  storage: Storage,
  location: string,
  name: string,
  out: (line: string) => void,
): Promise<void> {
  await addTouchpoint(storage, location, name, new Date());
  out(`added touchpoint "${name.trim()}" to "${location}"`);
}

export async function listLocationsCommand(
  storage: Storage,
  json: boolean,
  out: (line: string) => void,
): Promise<void> {
  const locations = await listLocations(storage);
  if (json) return out(JSON.stringify(locations, null, 2));
  if (!locations.length) return out('no locations');
  for (const l of locations) {
    out(`${l.name}  (${l.timeZone}${l.externalId ? `, external id ${l.externalId}` : ''})`);
    out(`  hours: ${formatHours(l.hours)}`);
    if (l.closedDays.length) out(`  closed: ${l.closedDays.join(',')}`);
    for (const t of l.touchpoints)
      out(`  - ${t.name}: ${t.kiosks.length ? t.kiosks.join(', ') : 'no kiosk'}`);
  }
}
