// The collector's tables as Kysely sees them. One schema, two engines: SQLite stores instants as
// ISO text, booleans as 0/1 and JSON as text; PostgreSQL as timestamptz, boolean and jsonb. The
// read types admit both and server/db/values.ts turns a row back into one shape.
import type { ColumnType, Generated } from 'kysely';
import type { AlertDeliveryTable, AlertRoutingTable, StaffAlertTable } from '../alerts/tables.ts';

/** Written as an ISO string; read back as that string (SQLite) or a Date (PostgreSQL). */
export type Instant = ColumnType<string | Date, string, string>;
export type NullableInstant = ColumnType<string | Date | null, string | null, string | null>;
/** Written as 0/1, which both engines accept; read back as 0/1 or true/false. */
export type Flag = ColumnType<number | boolean, number | undefined, number>;
/** Written as JSON text; read back as text (SQLite) or parsed (PostgreSQL jsonb). */
export type Json = ColumnType<unknown, string, string>;
export type NullableJson = ColumnType<unknown, string | null, string | null>;
/** PostgreSQL bigint comes back as a string; SQLite integers as numbers. */
export type BigNumber = ColumnType<number | string | null, number | null, number | null>;

export interface KioskTable {
  id: string;
  token_hash: string;
  location: string;
  touchpoint: string;
  enrolled_at: Instant;
  revoked_at: NullableInstant;
  /** Answers 1..n are all held; kept per batch under the kiosk's row lock. */
  highest_contiguous_seq: Generated<number>;
  last_seen_at: NullableInstant;
  /** Device clock minus server clock at the last contact, in ms. */
  clock_skew_ms: BigNumber;
  /** Set while |clock_skew_ms| exceeds the tolerance. */
  clock_flagged: Flag;
  app_version: string | null;
  queue_depth: number | null;
  oldest_unsent_at: NullableInstant;
  last_error: string | null;
  last_heartbeat_at: NullableInstant;
  last_heartbeat_device_time: NullableInstant;
}

export interface AnswerTable {
  id: string;
  kiosk_id: string;
  seq: number;
  survey_version: string;
  status: string;
  language: string;
  started_at: Instant;
  finalized_at: Instant;
  smiley: number;
  reasons: Json;
  nps: number | null;
  ces: number | null;
  comment: string | null;
  contact: NullableJson;
  talk_now: Flag;
  possible_repeat: Flag;
  /** The batch's sentAt: the device clock, kept beside the server's so either can be trusted. */
  device_sent_at: Instant;
  received_at: Instant;
}

export interface AlertTable {
  id: string;
  kiosk_id: string;
  answer_id: string | null;
  kind: string;
  created_at: Instant;
  detail: Json;
  device_sent_at: Instant;
  received_at: Instant;
}

export interface KioskConfigTable {
  kiosk_id: string;
  /** Hash of body; also the ETag. */
  version: string;
  /** Exact JSON text served, kept as text so that the hash stays stable (jsonb reorders keys). */
  body: string;
  updated_at: Instant;
}

export interface CollectorTables {
  kiosks: KioskTable;
  answers: AnswerTable;
  alerts: AlertTable;
  kiosk_configs: KioskConfigTable;
  staff_alerts: StaffAlertTable;
  alert_deliveries: AlertDeliveryTable;
  alert_routing: AlertRoutingTable;
}
