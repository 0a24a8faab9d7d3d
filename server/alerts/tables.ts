// The alert tables (migrations 002, 005, 006, 008, 009 and 010) as Kysely sees them; the column conventions for the two
// engines are in server/db/columns.ts.
import type { Generated } from 'kysely';
import type {
  AlertEventType,
  AlertOutcome,
  StaffAlertKind,
  StaffAlertPriority,
  StaffAlertStatus,
} from '../../shared/staff-api.ts';
import type {
  Flag,
  Instant,
  Json,
  NullableFlag,
  NullableInstant,
  NullableJson,
} from '../db/columns.ts';

export interface StaffAlertTable {
  id: string;
  source_alert_id: string | null;
  kiosk_id: string;
  location: string;
  touchpoint: string;
  kind: StaffAlertKind;
  priority: StaffAlertPriority;
  created_at: Instant;
  received_at: Instant;
  late: Flag;
  answer_id: string | null;
  smiley: number | null;
  nps: number | null;
  ces: number | null;
  status: Generated<StaffAlertStatus>;
  acknowledged_by: string | null;
  acknowledged_at: NullableInstant;
  resolved_by: string | null;
  resolved_at: NullableInstant;
  outcome: AlertOutcome | null;
  note: string | null;
  ack_seconds: number | null;
  resolve_seconds: number | null;
  aggregated_into: string | null;
  aggregate_count: Generated<number>;
  summarized_count: Generated<number>;
  suppressed: string | null;
  escalation_step: Generated<number>;
  /** Migration 004: the staff account ids behind acknowledged_by / resolved_by. */
  acknowledged_by_id: string | null;
  resolved_by_id: string | null;
  /** Migration 006: when the note was removed (retention, erasure); null while kept. */
  redacted_at: NullableInstant;
}

export type DeliveryStatus = 'delivered' | 'retrying' | 'failed' | 'refused';

export interface AlertDeliveryTable {
  id: string;
  staff_alert_id: string;
  channel: string;
  channel_kind: string;
  reason: string;
  attempt: number;
  status: DeliveryStatus;
  http_status: number | null;
  error: string | null;
  at: Instant;
  /** Migration 006: the message carried comment or contact; null on rows from before. */
  personal_data: NullableFlag;
  /** Migration 009: the id all attempts of the message share; null on rows from before. */
  message_id: string | null;
}

export interface AlertRoutingTable {
  location: string;
  body: string;
  updated_at: Instant;
}

/** Stored kiosk items not yet routed (migration 005): written in the ingest transaction. */
export interface RoutingJobTable {
  id: string;
  kiosk_id: string;
  kind: 'answers' | 'alerts';
  /** JSON array of the stored items' ids. */
  item_ids: Json;
  received_at: Instant;
  attempts: Generated<number>;
  last_error: string | null;
}

/** What staff screens were told, numbered for every instance alike (migration 008). */
export interface AlertEventTable {
  /** The SSE event id; PostgreSQL's bigint comes back as a string. */
  id: Generated<number | string>;
  alert_id: string;
  type: AlertEventType;
  at: Instant;
}

/** A channel message quiet hours held back (migration 009), until the tick releases it. */
export interface HeldNotificationTable {
  id: string;
  staff_alert_id: string;
  location: string;
  reason: string;
  /** A summary's { count, minutes } as JSON; null for the other reasons. */
  more: NullableJson;
  /** JSON array of channel names. */
  channels: Json;
  held_at: Instant;
}

/** The window rule's answers per location and minute, by smiley (migration 010). */
export interface WindowCountTable {
  location: string;
  /** Minutes since the epoch; PostgreSQL's bigint comes back as a string. */
  minute: number | string;
  smiley_1: Generated<number>;
  smiley_2: Generated<number>;
  smiley_3: Generated<number>;
  smiley_4: Generated<number>;
  smiley_5: Generated<number>;
}

export interface AlertTables {
  window_counts: WindowCountTable;
  alert_events: AlertEventTable;
  held_notifications: HeldNotificationTable;
  routing_jobs: RoutingJobTable;
  staff_alerts: StaffAlertTable;
  alert_deliveries: AlertDeliveryTable;
  alert_routing: AlertRoutingTable;
}
