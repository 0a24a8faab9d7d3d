// The kiosk API's tables (migrations 001, 011, 015, 020 and 021) as Kysely sees them; the column
// conventions for the two engines are in server/db/columns.ts.
import type { Generated } from 'kysely';
import type { FleetStatus } from '../../shared/fleet-api.ts';
import type { CommandKind } from '../../shared/kiosk-commands.ts';
import type { AlertUpload, AnswerUpload } from '../../shared/protocol.ts';
import type {
  BigNumber,
  Flag,
  Instant,
  Json,
  NullableInstant,
  NullableJson,
} from '../db/columns.ts';

export interface KioskTable {
  id: string;
  token_hash: string;
  /** Migration 011: where the kiosk stands now (answers keep where it stood: answers.*_id). */
  touchpoint_id: number | null;
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
  // Migration 020, from the heartbeat fields newer kiosks send (null from older ones), and the
  // fleet tick's judgement (server/fleet/).
  dead_letters: number | null;
  storage_error: string | null;
  storage_errors: number | null;
  /** Since when the kiosk's heartbeats report a storage error; null while they report none. */
  storage_failing_since: NullableInstant;
  /** The kiosk process's start, by the collector's clock (device time less its skew). */
  started_at: NullableInstant;
  /** JSON text: the collector-clock instants of the restarts seen in the last day. */
  recent_restarts: string | null;
  /** The latest tap, by the collector's clock. */
  last_tap_at: NullableInstant;
  taps_today: number | null;
  fleet_status: FleetStatus | null;
  fleet_status_since: NullableInstant;
  /** Migration 024: the status IT was last told about (null: none yet) and when. */
  it_alert_status: FleetStatus | null;
  it_alerted_at: NullableInstant;
  /** Migration 021: a rotated token not yet used by the kiosk; its first use makes it the token. */
  next_token_hash: string | null;
  /** Migration 021: the token before the last rotation, accepted until old_token_until. */
  old_token_hash: string | null;
  old_token_until: NullableInstant;
}

export interface AnswerTable {
  id: string;
  kiosk_id: string;
  seq: number;
  survey_version: string;
  status: AnswerUpload['status'];
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
  /** Migration 006: when comment and contact were removed (retention, erasure); null while kept. */
  redacted_at: NullableInstant;
  /**
   * Migration 011: where and with which survey it was asked, fixed at ingest; null only on
   * answers stored before 011 whose survey the collector was never given (a local config).
   */
  location_id: number | null;
  touchpoint_id: number | null;
  survey_id: number | null;
}

export interface AlertTable {
  id: string;
  kiosk_id: string;
  answer_id: string | null;
  kind: AlertUpload['kind'];
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

/** Every survey the collector was given (migration 011), content-addressed. */
export interface SurveyTable {
  id: Generated<number>;
  /** SHA-256 of body, hex. */
  hash: string;
  /** The survey's own version string, as its answers carry it. */
  version: string;
  /** Exact JSON text of the SurveyDefinition. */
  body: string;
  first_seen_at: Instant;
}

/** Which kiosk was given which survey; the latest attachment wins a shared version string. */
export interface KioskSurveyTable {
  kiosk_id: string;
  survey_id: number;
  attached_at: Instant;
}

/** Migration 015: codes a new kiosk trades once for its token and config (enrolment-codes.ts). */
export interface EnrolmentCodeTable {
  id: string;
  /** SHA-256 of the normalised code, hex; the code itself is shown once and never kept. */
  code_hash: string;
  touchpoint_id: number;
  /** A staff user's id, or "cli". */
  created_by: string;
  created_at: Instant;
  expires_at: Instant;
  used_at: NullableInstant;
  used_by_kiosk: string | null;
  revoked_at: NullableInstant;
  /** Migration 021: the retired kiosk whose place and history the enrolled device takes over. */
  replaces_kiosk: string | null;
}

/** Migration 021: an admin's order to one kiosk, delivered with its heartbeats (commands.ts). */
export interface KioskCommandTable {
  id: Generated<number | string>;
  kiosk_id: string;
  kind: CommandKind;
  status: 'pending' | 'sent' | 'done' | 'failed';
  /** How many log lines a fetch_logs asks for. */
  lines: number | null;
  /** The admin's name then, or "command line". */
  ordered_by: string;
  ordered_at: Instant;
  expires_at: Instant;
  sent_at: NullableInstant;
  finished_at: NullableInstant;
  /** What the kiosk said (or why the collector gave up): words, never customer text. */
  message: string | null;
  /** A fetch_logs result: the lines the kiosk sent, as a JSON array of strings. */
  log_lines: NullableJson;
}

export interface KioskApiTables {
  kiosks: KioskTable;
  answers: AnswerTable;
  alerts: AlertTable;
  kiosk_configs: KioskConfigTable;
  surveys: SurveyTable;
  kiosk_surveys: KioskSurveyTable;
  enrolment_codes: EnrolmentCodeTable;
  kiosk_commands: KioskCommandTable;
}
