// The collector's schema, one migration at a time, for the tests in tests/unit/migrations: a fresh
// database on either engine brought to exactly the version a test names, what its tables look like
// (columns and their engine types, indexes), rows of each earlier version to upgrade with, and a
// way to read every row back to compare before and after.
import { sql } from 'kysely';
import { NOT_YET_HANDLED } from '../../server/alerts/store.ts';
import { migrations } from '../../server/db/migrations/index.ts';
import {
  connectStorage,
  migrateToLatest,
  type Engine,
  type Storage,
} from '../../server/db/open.ts';
import type { EngineUnderTest } from './collector.ts';

/** The kinds of column the migrations declare (see server/db/columns.ts). */
export type ColumnKind = 'text' | 'integer' | 'instant' | 'flag' | 'json' | 'uuid' | 'big';

const TYPE_NAME: Record<Engine, Record<ColumnKind, string>> = {
  sqlite: {
    text: 'TEXT',
    integer: 'INTEGER',
    instant: 'TEXT',
    flag: 'INTEGER',
    json: 'TEXT',
    uuid: 'TEXT',
    big: 'INTEGER',
  },
  postgres: {
    text: 'text',
    integer: 'int4',
    instant: 'timestamptz',
    flag: 'bool',
    json: 'jsonb',
    uuid: 'uuid',
    big: 'int8',
  },
};

export interface SchemaUnderTest {
  storage: Storage;
  /** Runs the migrations up to and including `name` that have not run yet. */
  migrateTo(name: string): Promise<void>;
  /** Every table, by name (the migrator's own left out). */
  tables(): Promise<string[]>;
  /** Each column as "<engine type> null|not null"; a trailing "default" when it has one. */
  columns(table: string): Promise<Record<string, string>>;
  /** `spec` ("instant?", "flag=" for nullable and defaulted) as columns() would show it here. */
  expected(spec: Record<string, string>): Record<string, string>;
  /** Names of the indexes made with createIndex (not those behind keys and unique columns). */
  indexes(table: string): Promise<string[]>;
  /** Every row of each table, in primary-key order. */
  rows(tables: string[]): Promise<Record<string, unknown[]>>;
  /** Inserts a row without the current types' help: for values a check must refuse. */
  insert(table: string, row: Record<string, unknown>): Promise<void>;
  drop(): Promise<void>;
}

async function currentSchema(storage: Storage): Promise<string | undefined> {
  if (storage.engine === 'sqlite') return undefined;
  return (await sql<{ s: string }>`select current_schema() as s`.execute(storage.db)).rows[0]!.s;
}

async function indexNames(storage: Storage, table: string): Promise<string[]> {
  const { rows } =
    storage.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master
          where type = 'index' and tbl_name = ${table} and sql is not null`.execute(storage.db)
      : await sql<{ name: string }>`select ci.relname as name from pg_index x
          join pg_class ci on ci.oid = x.indexrelid
          join pg_class ct on ct.oid = x.indrelid
          join pg_namespace n on n.oid = ct.relnamespace
          where n.nspname = current_schema() and ct.relname = ${table}
          and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`.execute(
          storage.db,
        );
  return rows.map((r) => r.name).sort();
}

function describeSpec(engine: Engine, spec: string): string {
  const kind = spec.replace(/[?=]/g, '') as ColumnKind;
  const type = TYPE_NAME[engine][kind];
  if (!type) throw new Error(`no column kind "${spec}"`);
  return `${type} ${spec.includes('?') ? 'null' : 'not null'}${spec.includes('=') ? ' default' : ''}`;
}

/** A fresh, empty database on `engine`, at no version yet. */
export async function schemaUnderTest(engine: EngineUnderTest): Promise<SchemaUnderTest> {
  const store = await engine.fresh();
  const storage = connectStorage(store.options);
  const schema = await currentSchema(storage);
  const metadata = async () =>
    (await storage.db.introspection.getTables()).filter((t) => t.schema === schema);
  return {
    storage,
    async migrateTo(name) {
      const upTo = migrations.findIndex((m) => m.name === name);
      if (upTo < 0) throw new Error(`no migration ${name}`);
      await migrateToLatest(storage.db, storage.engine, migrations.slice(0, upTo + 1));
    },
    tables: async () => (await metadata()).map((t) => t.name).sort(),
    async columns(table) {
      const found = (await metadata()).find((t) => t.name === table);
      if (!found) throw new Error(`no table ${table}`);
      return Object.fromEntries(
        found.columns.map((c) => [
          c.name,
          `${c.dataType} ${c.isNullable ? 'null' : 'not null'}${c.hasDefaultValue ? ' default' : ''}`,
        ]),
      );
    },
    expected: (spec) =>
      Object.fromEntries(
        Object.entries(spec).map(([name, s]) => [name, describeSpec(storage.engine, s)]),
      ),
    indexes: (table) => indexNames(storage, table),
    async rows(tables) {
      const out: Record<string, unknown[]> = {};
      for (const t of tables)
        out[t] = (await sql`select * from ${sql.table(t)} order by 1`.execute(storage.db)).rows;
      return out;
    },
    async insert(table, row) {
      await storage.db
        .insertInto(table as never)
        .values(row as never)
        .execute();
    },
    async drop() {
      await storage.close();
      await store.drop();
    },
  };
}

export const AT = '2026-11-23T09:00:00.000Z';

/** Rows of schema v1 (001-initial): a kiosk with its config, an answer and a kiosk alert. */
export async function seedV1(s: SchemaUnderTest): Promise<void> {
  await s.insert('kiosks', {
    id: 'k1',
    token_hash: 'h1',
    location: 'Main store',
    touchpoint: 'Desk 1',
    enrolled_at: AT,
    clock_skew_ms: 1200,
    clock_flagged: 1,
  });
  await s.insert('answers', {
    id: '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d0e',
    kiosk_id: 'k1',
    seq: 1,
    survey_version: 's1',
    status: 'complete',
    language: 'en',
    started_at: AT,
    finalized_at: AT,
    smiley: 1,
    reasons: '["wait-time"]',
    nps: 2,
    comment: 'Too slow',
    contact: '{"consentVersion":"v1","name":"Ada"}',
    talk_now: 0,
    possible_repeat: 0,
    device_sent_at: AT,
    received_at: AT,
  });
  await s.insert('alerts', {
    id: '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d0f',
    kiosk_id: 'k1',
    answer_id: '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d0e',
    kind: 'low_score',
    created_at: AT,
    detail: '{"smiley":1}',
    device_sent_at: AT,
    received_at: AT,
  });
  await s.insert('kiosk_configs', { kiosk_id: 'k1', version: 'v1', body: '{}', updated_at: AT });
}

/** A staff alert as migration 002 stores it, with every column given. */
export function staffAlertRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'sa1',
    source_alert_id: '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d0f',
    kiosk_id: 'k1',
    location: 'Main store',
    touchpoint: 'Desk 1',
    kind: 'low_score',
    priority: 'high',
    created_at: AT,
    received_at: AT,
    late: 0,
    answer_id: '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d0e',
    smiley: 1,
    nps: 2,
    ces: null,
    ...NOT_YET_HANDLED,
    aggregated_into: null,
    suppressed: null,
    ...over,
  };
}

/** An attempt to tell a channel about staff alert sa1. */
export function deliveryRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'd1',
    staff_alert_id: 'sa1',
    channel: 'hook',
    channel_kind: 'generic',
    reason: 'initial',
    attempt: 1,
    status: 'delivered',
    http_status: 200,
    error: null,
    at: AT,
    ...over,
  };
}

/** Rows of schema v2 (002-staff-alerts) on top of seedV1's: a handled alert, its delivery, routing. */
export async function seedV2(s: SchemaUnderTest): Promise<void> {
  await s.insert(
    'staff_alerts',
    staffAlertRow({
      status: 'resolved',
      acknowledged_by: 'Dana',
      acknowledged_at: AT,
      resolved_by: 'Dana',
      resolved_at: AT,
      outcome: 'recovered',
      note: 'Voucher given',
      ack_seconds: 30,
      resolve_seconds: 300,
    }),
  );
  await s.insert('alert_deliveries', deliveryRow());
  await s.insert('alert_routing', {
    location: 'Main store',
    body: '{"thresholds":{}}',
    updated_at: AT,
  });
}

export const V1_TABLES = ['alerts', 'answers', 'kiosk_configs', 'kiosks'];
export const V2_TABLES = ['alert_deliveries', 'alert_routing', 'staff_alerts'];
export const V3_TABLES = ['staff_login_attempts', 'staff_sessions', 'staff_users'];
export const V5_TABLES = ['routing_jobs'];
