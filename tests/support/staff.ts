// The staff side for tests: a real collector (temp SQLite, real HTTP on an ephemeral port) with
// kiosks at two locations, staff accounts made the way the CLI makes them, a logged-in HTTP
// client per user, and a way to put an alert on the board (a stored answer + a staff_alerts row
// + an alert_events row, the same three things the alert router produces).
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { AnswerUpload } from '../../shared/protocol.ts';
import type { StaffAlert } from '../../shared/staff-api.ts';
import { recordAlertEvents } from '../../server/alerts/alert-events.ts';
import { AlertHub } from '../../server/alerts/hub.ts';
import type { AlertServiceOptions } from '../../server/alerts/service.ts';
import { NOT_YET_HANDLED } from '../../server/alerts/store.ts';
import { getAlert } from '../../server/alerts/workflow.ts';
import type { DigestOptions } from '../../server/digest/plugin.ts';
import { buildCollector, type CollectorOptions } from '../../server/app.ts';
import { openStorage, type Storage } from '../../server/db/open.ts';
import type { StaffOptions } from '../../server/staff/index.ts';
import type { ServerTimeouts } from '../../server/timeouts.ts';
import type { Role } from '../../server/staff/tables.ts';
import { createStaffUser, type StaffUser } from '../../server/staff/users.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { answer, freshPostgresSchema, postgresReachable } from './collector.ts';
import { tempDir } from './tmp.ts';

export const STAFF_PASSWORD = 'correct-horse-battery';
/**
 * For hooks and tests that create accounts or log in several times: each costs one scrypt at the
 * production cost (a few hundred ms alone, seconds on a loaded machine), more than vitest's 10 s
 * hook and the unit project's 30 s test defaults allow.
 */
export const PASSWORD_WORK_MS = 60_000;
export const LOCATIONS = {
  main: { kioskId: 'main-kiosk', location: 'Main store', touchpoint: 'Checkout 1' },
  outlet: { kioskId: 'outlet-kiosk', location: 'Outlet', touchpoint: 'Door' },
};

export interface StaffCollector {
  url: string;
  storage: Storage;
  hub: AlertHub;
  app: FastifyInstance;
  /** Device tokens by kiosk id. */
  tokens: Record<string, string>;
  addUser(username: string, role: Role, locations?: string[]): Promise<StaffUser>;
  seedAlert(where: keyof typeof LOCATIONS, over?: SeedOptions): Promise<StaffAlert>;
  /** Stops the HTTP server and starts a new one on the same port and database (a collector restart). */
  restart(downMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface SeedOptions {
  kind?: 'low_score' | 'talk_now';
  priority?: 'urgent' | 'high' | 'normal';
  answer?: Partial<AnswerUpload>;
}

export interface StaffCollectorOptions {
  logger?: Logger;
  heartbeatMs?: number;
  secureCookies?: boolean;
  /** As behind a TLS reverse proxy: the proxies (addresses, CIDRs) whose X-Forwarded-For to believe. */
  trustProxy?: string;
  /** Further staff options (a hash gate to count password checks, stream limits). */
  staff?: StaffOptions;
  /** The collector's clock (sessions, throttle); the real one by default. */
  now?: () => Date;
  sqlitePath?: string;
  /** The alert service's outside channels (webhook hosts, SMTP); none by default. */
  alerts?: AlertServiceOptions;
  /** Follow-ups to customers: the SMS gateway, limits, retries (SMTP is the alerts'). */
  followUps?: CollectorOptions['followUps'];
  /** A PostgreSQL server URL: the collector gets a fresh schema there (dropped on close) instead of SQLite. */
  postgresUrl?: string | undefined;
  /** The HTTP server's limits on slow and silent clients (short ones in the timeout tests). */
  timeouts?: Partial<ServerTimeouts>;
  /** The weekly digest's schedule, SMTP relay and public address; the defaults otherwise. */
  digest?: DigestOptions;
}

/** The engines the staff tests run on: SQLite always, PostgreSQL when LASTWORD_TEST_PG_URL answers. */
export async function staffEngines(): Promise<
  { name: string; skip: boolean; postgresUrl?: string | undefined }[]
> {
  const url = process.env.LASTWORD_TEST_PG_URL;
  const reachable = await postgresReachable(url);
  return [
    { name: 'SQLite', skip: false },
    { name: 'PostgreSQL', skip: !reachable, postgresUrl: url },
  ];
}

export async function startStaffCollector(
  opts: StaffCollectorOptions = {},
): Promise<StaffCollector> {
  const schema = opts.postgresUrl ? await freshPostgresSchema(opts.postgresUrl) : null;
  const dir = opts.sqlitePath || schema ? null : tempDir('lastword-staff-');
  const storage = await openStorage(
    schema
      ? { databaseUrl: schema.url }
      : { sqlitePath: opts.sqlitePath ?? `${dir!.path}/collector.sqlite` },
  );
  const tokens: Record<string, string> = {};
  for (const k of Object.values(LOCATIONS))
    tokens[k.kioskId] = (await enrolKiosk(storage, k, new Date())).token;
  const hub = new AlertHub();
  const build = () =>
    buildCollector({
      storage,
      alertHub: hub,
      rateLimit: { perSecond: 10_000, burst: 10_000 },
      staff: {
        ...opts.staff,
        ...(opts.heartbeatMs && { heartbeatMs: opts.heartbeatMs }),
        ...(opts.secureCookies !== undefined && { secureCookies: opts.secureCookies }),
      },
      ...(opts.logger && { logger: opts.logger }),
      ...(opts.now && { now: opts.now }),
      ...(opts.alerts && { alerts: opts.alerts }),
      ...(opts.followUps && { followUps: opts.followUps }),
      ...(opts.trustProxy !== undefined && { trustProxy: opts.trustProxy }),
      ...(opts.timeouts && { timeouts: opts.timeouts }),
      ...(opts.digest && { digest: opts.digest }),
    });
  let app = build();
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const seqs: Record<string, number> = {};
  return {
    url,
    storage,
    hub,
    get app() {
      return app;
    },
    tokens,
    async restart(downMs = 0) {
      await app.close();
      await new Promise((r) => setTimeout(r, downMs));
      app = build();
      await app.listen({ port: Number(new URL(url).port), host: '127.0.0.1' });
    },
    async addUser(username, role, locations = []) {
      return createStaffUser(
        storage,
        {
          username,
          displayName: username[0]!.toUpperCase() + username.slice(1),
          password: STAFF_PASSWORD,
          role,
          locations,
        },
        new Date(),
      );
    },
    async seedAlert(where, over = {}) {
      const k = LOCATIONS[where];
      const seq = (seqs[k.kioskId] = (seqs[k.kioskId] ?? 0) + 1);
      const a = answer(k.kioskId, seq, {
        smiley: 1,
        nps: 2,
        reasons: ['wait-time'],
        ...over.answer,
      });
      // Straight into the table, not through /v1/answers: the alert router would route it too.
      const now = new Date().toISOString();
      await storage.db
        .insertInto('answers')
        .values({
          id: a.id,
          kiosk_id: k.kioskId,
          seq,
          survey_version: a.surveyVersion,
          status: a.status,
          language: a.language,
          started_at: a.startedAt,
          finalized_at: a.finalizedAt,
          smiley: a.smiley,
          reasons: JSON.stringify(a.reasons),
          nps: a.nps ?? null,
          ces: a.ces ?? null,
          comment: a.comment ?? null,
          contact: a.contact ? JSON.stringify(a.contact) : null,
          talk_now: a.talkNow ? 1 : 0,
          possible_repeat: 0,
          device_sent_at: now,
          received_at: now,
        })
        .execute();
      const id = uuidv7();
      await storage.db
        .insertInto('staff_alerts')
        .values({
          id,
          source_alert_id: uuidv7(),
          kiosk_id: k.kioskId,
          location: k.location,
          touchpoint: k.touchpoint,
          kind: over.kind ?? 'low_score',
          priority: over.priority ?? 'high',
          created_at: now,
          received_at: now,
          late: 0,
          answer_id: a.id,
          smiley: a.smiley,
          nps: a.nps ?? null,
          ces: a.ces ?? null,
          ...NOT_YET_HANDLED,
          aggregated_into: null,
          suppressed: null,
        })
        .execute();
      const alert = (await getAlert(storage, id))!;
      await recordAlertEvents(storage.db, storage, [{ alertId: id, type: 'alert' }], new Date());
      // Not waited for, as the router's commit is not: a test gets the alert before any screen
      // can react to its event (one that ends a screen must already know which alert it was).
      void app.alertFeed.poll();
      return alert;
    },
    async close() {
      await app.close();
      await storage.close();
      dir?.remove();
      await schema?.drop();
    },
  };
}

/** A pino logger that keeps what it writes, for tests that read the collector's log. */
export function capturedLog(level: pino.Level = 'info'): { logger: Logger; text: () => string } {
  let text = '';
  const sink = new Writable({ write: (chunk, _e, done) => ((text += String(chunk)), done()) });
  return { logger: pino({ level }, sink), text: () => text };
}

/** POST /staff/api/login as a browser's fetch would send it; `headers` are added. */
export function postLogin(
  url: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/staff/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
}

export interface StaffClient {
  cookie: string;
  csrf: string;
  /** JSON call with the session cookie and, unless overridden, the CSRF token. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string | null>,
  ): Promise<{ status: number; headers: Headers; body: unknown }>;
}

export async function loginAs(
  url: string,
  username: string,
  password = STAFF_PASSWORD,
): Promise<StaffClient> {
  const res = await postLogin(url, username, password);
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    csrf: csrfToken,
    async call(method, path, body, headers = {}) {
      const merged: Record<string, string | null> = {
        cookie,
        ...(method !== 'GET' && { 'x-csrf-token': csrfToken }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      };
      const sent = Object.fromEntries(
        Object.entries(merged).filter((e): e is [string, string] => e[1] !== null),
      );
      const r = await fetch(`${url}${path}`, {
        method,
        headers: sent,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await r.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON
      }
      return { status: r.status, headers: r.headers, body: parsed };
    },
  };
}
