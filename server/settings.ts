// Settings for the one command (main.ts) and the admin CLI, from the environment. Checked up
// front with readable reasons: a typo in a port should stop the start, not bind somewhere odd.
import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_BODY_LIMIT } from './app.ts';
import type { StorageOptions } from './db/open.ts';
import { parseDigestAt, type DigestSchedule } from './digest/schedule.ts';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './token-buckets.ts';
import { DEFAULT_REDACT_AFTER_DAYS } from './privacy/retention.ts';
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from './staff/live-screens.ts';
import { DEFAULT_SERVER_TIMEOUTS, type ServerTimeouts } from './timeouts.ts';

export const DEFAULT_SQLITE_PATH = './collector-data/collector.sqlite';
export const DEFAULT_UPDATES_DIR = './collector-data/updates';

/** A limit in seconds in the environment (fractions allowed), one of DEFAULT_SERVER_TIMEOUTS. */
const seconds = (key: keyof ServerTimeouts) =>
  z.coerce
    .number()
    .positive()
    .default(DEFAULT_SERVER_TIMEOUTS[key] / 1000)
    .transform((s) => Math.ceil(s * 1000));

const Env = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  LASTWORD_DB: z.string().min(1).default(DEFAULT_SQLITE_PATH),
  LASTWORD_COLLECTOR_PORT: z.coerce.number().int().min(0).max(65535).default(4320),
  LASTWORD_COLLECTOR_HOST: z.string().min(1).default('127.0.0.1'),
  LASTWORD_COLLECTOR_RATE_PER_SECOND: z.coerce
    .number()
    .positive()
    .default(DEFAULT_RATE_LIMIT.perSecond),
  LASTWORD_COLLECTOR_RATE_BURST: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMIT.burst),
  LASTWORD_COLLECTOR_BODY_LIMIT: z.coerce.number().int().min(1024).default(DEFAULT_BODY_LIMIT),
  /** 1 when a TLS reverse proxy fronts the collector: client IPs from X-Forwarded-For, Secure cookies. */
  LASTWORD_BEHIND_PROXY: z.enum(['0', '1']).default('0'),
  /** The proxies whose X-Forwarded-For entries are believed: addresses or CIDRs, comma-separated. */
  LASTWORD_TRUSTED_PROXIES: z
    .string()
    .transform((s) => s.split(',').map((p) => p.trim()))
    .refine((list) => list.every(isProxyAddress), {
      message:
        'addresses or CIDRs of your reverse proxies, comma-separated (10.0.0.5,10.1.0.0/16), or loopback',
    })
    .optional(),
  LASTWORD_STAFF_STREAMS_PER_USER: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_STREAM_LIMITS.perUser),
  LASTWORD_STAFF_STREAMS_TOTAL: z.coerce.number().int().min(1).default(DEFAULT_STREAM_LIMITS.total),
  LASTWORD_COLLECTOR_HEADERS_SECONDS: seconds('headersMs'),
  LASTWORD_COLLECTOR_REQUEST_SECONDS: seconds('requestMs'),
  LASTWORD_COLLECTOR_IDLE_SECONDS: seconds('idleMs'),
  LASTWORD_COLLECTOR_KEEPALIVE_SECONDS: seconds('keepAliveMs'),
  /** Comment, contact and staff notes are redacted this many days after receipt; scores stay. */
  LASTWORD_REDACT_AFTER_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(DEFAULT_REDACT_AFTER_DAYS),
  /** Where published kiosk releases' files are kept; shared by every instance (a volume). */
  LASTWORD_UPDATES_DIR: z.string().min(1).default(DEFAULT_UPDATES_DIR),
  /** When the weekly digest is e-mailed, in each location's local time: "mon 08:00" or "off". */
  LASTWORD_DIGEST_AT: z
    .string()
    .default('mon 08:00')
    .transform((text, ctx) => {
      try {
        return parseDigestAt(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** The collector's address as people reach it (https://feedback.example.com): links in mail. */
  LASTWORD_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'an http(s):// address, e.g. https://feedback.example.com',
    })
    .optional(),
});

/** What proxy-addr (fastify's trustProxy) understands: an address, a CIDR, or a named range. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

export interface Settings {
  storage: StorageOptions;
  port: number;
  host: string;
  rateLimit: RateLimit;
  bodyLimitBytes: number;
  behindProxy: boolean;
  /** fastify's trustProxy: the proxies to believe, or false when none fronts the collector. */
  trustProxy: string | false;
  /** Live staff screens per account and in all. */
  streamLimits: StreamLimits;
  /** How long a slow or silent client may hold a connection. */
  timeouts: ServerTimeouts;
  /** Days after receipt when comment, contact and staff notes are redacted. */
  redactAfterDays: number;
  updatesDir: string;
  /** When the weekly digest goes out; null: it is not e-mailed. */
  digestSchedule: DigestSchedule | null;
  publicUrl: string | null;
}

export class SettingsError extends Error {}

export function settingsFromEnv(env: NodeJS.ProcessEnv): Settings {
  // An empty variable counts as unset, as it does for most tools (`DATABASE_URL= node …`).
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  }
  const e = parsed.data;
  // Node refuses a header limit longer than that of the request the headers are part of.
  if (e.LASTWORD_COLLECTOR_HEADERS_SECONDS > e.LASTWORD_COLLECTOR_REQUEST_SECONDS)
    throw new SettingsError(
      'LASTWORD_COLLECTOR_HEADERS_SECONDS: at most LASTWORD_COLLECTOR_REQUEST_SECONDS',
    );
  const behindProxy = e.LASTWORD_BEHIND_PROXY === '1' || e.LASTWORD_TRUSTED_PROXIES !== undefined;
  return {
    // DATABASE_URL wins when both are set: a fleet's PostgreSQL is the deliberate choice.
    storage: e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : { sqlitePath: e.LASTWORD_DB },
    port: e.LASTWORD_COLLECTOR_PORT,
    host: e.LASTWORD_COLLECTOR_HOST,
    rateLimit: {
      perSecond: e.LASTWORD_COLLECTOR_RATE_PER_SECOND,
      burst: e.LASTWORD_COLLECTOR_RATE_BURST,
    },
    bodyLimitBytes: e.LASTWORD_COLLECTOR_BODY_LIMIT,
    behindProxy,
    // Behind a proxy with none named, it is the usual one on the same machine. Never `true`:
    // that would believe whatever the client itself wrote at the front of the header.
    trustProxy: behindProxy ? (e.LASTWORD_TRUSTED_PROXIES ?? ['loopback']).join(',') : false,
    streamLimits: {
      perUser: e.LASTWORD_STAFF_STREAMS_PER_USER,
      total: e.LASTWORD_STAFF_STREAMS_TOTAL,
    },
    timeouts: {
      headersMs: e.LASTWORD_COLLECTOR_HEADERS_SECONDS,
      requestMs: e.LASTWORD_COLLECTOR_REQUEST_SECONDS,
      idleMs: e.LASTWORD_COLLECTOR_IDLE_SECONDS,
      keepAliveMs: e.LASTWORD_COLLECTOR_KEEPALIVE_SECONDS,
    },
    redactAfterDays: e.LASTWORD_REDACT_AFTER_DAYS,
    updatesDir: e.LASTWORD_UPDATES_DIR,
    digestSchedule: e.LASTWORD_DIGEST_AT,
    publicUrl: e.LASTWORD_PUBLIC_URL ?? null,
  };
}
