// The fleet view's tables (migrations 020 and 024) as Kysely sees them; the kiosk row's fleet columns are in
// server/kiosk-api/tables.ts with the rest of the row.
import type { Generated } from 'kysely';
import type { FleetStatus } from '../../shared/fleet-api.ts';
import type { DeliveryStatus } from '../alerts/tables.ts';
import type { BigNumber, Instant } from '../db/columns.ts';

/** One row per change of a kiosk's status, as the fleet tick judged it. */
export interface KioskStatusEventTable {
  id: Generated<number | string>;
  kiosk_id: string;
  /** When the new status began (not when the tick noticed). */
  at: Instant;
  status: FleetStatus;
  previous: FleetStatus | null;
}

/** One row per kiosk per UTC hour it sent heartbeats in, summed as they arrive. */
export interface KioskHourTable {
  kiosk_id: string;
  hour: Instant;
  heartbeats: number;
  restarts: number;
  max_queue_depth: number;
  max_abs_skew_ms: BigNumber;
  storage_failing: number;
  dead_letters: number | null;
  storage_errors: number | null;
  taps_today: number | null;
  last_at: Instant;
}

export interface TouchpointUsualTapsTable {
  touchpoint_id: number;
  /** JSON text: 168 means, local hour of the week, Monday 00:00 first. */
  taps: string;
  computed_at: Instant;
}

export interface FleetClaimTable {
  task: string;
  day: string;
  claimed_at: Instant;
}

/** Migration 024: one row per attempt at one channel of an IT alert (it-delivery.ts). */
export interface ItAlertDeliveryTable {
  id: string;
  kiosk_id: string;
  /** The status the message told of; ok for a recovery. */
  kiosk_status: FleetStatus;
  channel: string;
  channel_kind: string;
  reason: 'alert' | 'recovered' | 'reminder';
  attempt: number;
  status: DeliveryStatus;
  http_status: number | null;
  error: string | null;
  at: Instant;
  /** The id every attempt of the message shares (webhook-id, Message-ID). */
  message_id: string;
}

/** Migration 024: the IT routing of locations without their own `it` section. */
export interface ItDefaultRoutingTable {
  scope: 'default';
  body: string;
  updated_at: Instant;
}

export interface FleetTables {
  it_alert_deliveries: ItAlertDeliveryTable;
  it_default_routing: ItDefaultRoutingTable;
  kiosk_status_events: KioskStatusEventTable;
  kiosk_hours: KioskHourTable;
  touchpoint_usual_taps: TouchpointUsualTapsTable;
  fleet_claims: FleetClaimTable;
}
