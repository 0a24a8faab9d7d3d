// A real collector for tests and benchmarks: the fastify app on an ephemeral loopback port, on a
// temp SQLite file (or a fresh PostgreSQL schema), with one kiosk enrolled the way the CLI does
// it. Also builders for valid protocol items, so a test states only what it is about.
import type { Logger } from 'pino';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { AlertUpload, AnswerUpload, HeartbeatRequest } from '../../shared/protocol.ts';
import { buildCollector } from '../../server/app.ts';
import { openStorage, type Storage, type StorageOptions } from '../../server/db/open.ts';
import type { RateLimit } from '../../server/token-buckets.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { tempDir } from './tmp.ts';

export interface RunningCollector {
  url: string;
  token: string;
  kioskId: string;
  storage: Storage;
  /** Enrols another kiosk; resolves to its token. */
  enrol(kioskId: string): Promise<string>;
  close(): Promise<void>;
}

export interface CollectorTestOptions {
  /** A postgres:// URL, or a SQLite file the caller keeps; by default a temp SQLite file. */
  databaseUrl?: string | undefined;
  sqlitePath?: string | undefined;
  kioskId?: string;
  now?: () => Date;
  /** Generous by default: a test fires requests far faster than a kiosk. Limit tests set their own. */
  rateLimit?: RateLimit;
  bodyLimitBytes?: number;
  logger?: Logger;
  /** Serve kiosk releases from this folder (GET /v1/updates/…). */
  updatesDir?: string;
}

export async function startCollector(opts: CollectorTestOptions = {}): Promise<RunningCollector> {
  const dir = opts.databaseUrl || opts.sqlitePath ? null : tempDir('lastword-collector-');
  const storage = await openStorage({
    databaseUrl: opts.databaseUrl,
    sqlitePath: opts.sqlitePath ?? `${dir?.path}/collector.sqlite`,
  });
  const now = opts.now ?? (() => new Date());
  const enrol = async (kioskId: string) =>
    (await enrolKiosk(storage, { kioskId, location: 'Test store', touchpoint: 'Desk 2' }, now()))
      .token;
  const kioskId = opts.kioskId ?? 'test-kiosk';
  const token = await enrol(kioskId);
  const app = buildCollector({
    storage,
    now,
    rateLimit: opts.rateLimit ?? { perSecond: 10_000, burst: 10_000 },
    ...(opts.bodyLimitBytes && { bodyLimitBytes: opts.bodyLimitBytes }),
    ...(opts.logger && { logger: opts.logger }),
    ...(opts.updatesDir && { updatesDir: opts.updatesDir }),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    token,
    kioskId,
    storage,
    enrol,
    async close() {
      await app.close();
      await storage.close();
      dir?.remove();
    },
  };
}

export interface EngineUnderTest {
  name: 'SQLite' | 'PostgreSQL';
  skip: boolean;
  /** Fresh, empty storage options, and a way to throw them away. */
  fresh(): Promise<{ options: StorageOptions; drop(): Promise<void> }>;
}

/**
 * The engines a collector test runs on: SQLite always, PostgreSQL where LASTWORD_TEST_PG_URL
 * answers (CI starts one with scripts/ci/start-postgres.sh); elsewhere one line says that `what`
 * skipped it.
 */
export async function collectorEngines(what: string): Promise<EngineUnderTest[]> {
  const url = process.env.LASTWORD_TEST_PG_URL;
  const reachable = await postgresReachable(url);
  if (!reachable)
    console.log(
      `${what} on PostgreSQL: skipped — no PostgreSQL reachable (set LASTWORD_TEST_PG_URL)`,
    );
  return [
    {
      name: 'SQLite',
      skip: false,
      async fresh() {
        const dir = tempDir('lastword-collector-store-');
        return {
          options: { sqlitePath: `${dir.path}/collector.sqlite` },
          drop: async () => dir.remove(),
        };
      },
    },
    {
      name: 'PostgreSQL',
      skip: !reachable,
      async fresh() {
        const schema = await freshPostgresSchema(url!);
        return { options: { databaseUrl: schema.url }, drop: schema.drop };
      },
    },
  ];
}

/**
 * A schema of its own in the test PostgreSQL for one test file, so files running in parallel
 * never see each other's rows. The returned URL selects it through search_path.
 */
export async function freshPostgresSchema(
  baseUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `lw_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        // And the job queue's schema beside it (server/jobs/pg-boss-queue.ts), if one was made.
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.query(`DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

/** True when a PostgreSQL server answers at url within a couple of seconds. */
export async function postgresReachable(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const T0 = '2026-11-23T09:00:00.000Z';

export function answer(
  kioskId: string,
  seq: number,
  overrides: Partial<AnswerUpload> = {},
): AnswerUpload {
  return {
    id: uuidv7(),
    kioskId,
    seq,
    surveyVersion: 'test-1',
    status: 'complete',
    language: 'en',
    startedAt: T0,
    finalizedAt: T0,
    smiley: 4,
    reasons: ['fast'],
    nps: 9,
    talkNow: false,
    possibleRepeat: false,
    ...overrides,
  };
}

export function alert(overrides: Partial<AlertUpload> = {}): AlertUpload {
  return {
    id: uuidv7(),
    answerId: uuidv7(),
    kind: 'low_score',
    createdAt: T0,
    detail: { location: 'Test store', touchpoint: 'Desk 2', smiley: 1 },
    ...overrides,
  };
}

/** A healthy kiosk's heartbeat: nothing queued, no error. */
export function heartbeat(kioskId: string, deviceTime = new Date()): HeartbeatRequest {
  return {
    kioskId,
    appVersion: '1.0.0',
    queueDepth: 0,
    oldestUnsentAt: null,
    lastError: null,
    deviceTime: deviceTime.toISOString(),
  };
}

export interface HttpReply {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * One JSON call to the collector with the kiosk's token. `headers` override the defaults; a null
 * value leaves that header out (a request with no Authorization at all).
 */
export async function call(
  c: { url: string; token: string },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | null> = {},
): Promise<HttpReply> {
  const merged: Record<string, string | null> = {
    authorization: `Bearer ${c.token}`,
    ...(body !== undefined && { 'content-type': 'application/json' }),
    ...headers,
  };
  const sent = Object.fromEntries(
    Object.entries(merged).filter((e): e is [string, string] => e[1] !== null),
  );
  const res = await fetch(`${c.url}${path}`, {
    method,
    headers: sent,
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
