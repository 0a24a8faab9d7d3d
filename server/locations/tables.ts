// The locations and touchpoints tables (migration 011) as Kysely sees them; the column conventions
// for the two engines are in server/db/columns.ts.
import type { Generated } from 'kysely';
import type { Instant, Json, NullableJson } from '../db/columns.ts';

export interface LocationTable {
  id: Generated<number>;
  /** Unique: alert routing, staff accounts and staff alerts name locations by it. */
  name: string;
  /** IANA zone, canonical (shared/local-time.ts canonicalTimeZone). */
  time_zone: string;
  /** OpeningHours (hours.ts); null while not set: reports read it as open around the clock. */
  hours: NullableJson;
  /** Local dates ("YYYY-MM-DD") the location is closed. */
  closed_days: Json;
  /** The location's id in a CRM or BI tool. */
  external_id: string | null;
  created_at: Instant;
}

export interface TouchpointTable {
  id: Generated<number>;
  location_id: number;
  name: string;
  created_at: Instant;
}

export interface LocationTables {
  locations: LocationTable;
  touchpoints: TouchpointTable;
}
