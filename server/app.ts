// The collector as a fastify instance. Nothing here listens or opens files: main.ts does that,
// and tests call buildCollector with a temp database and their own clock, then listen on an
// ephemeral port and talk real HTTP to it.
import fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { CLOCK_SKEW_TOLERANCE_MS } from '../shared/protocol.ts';
import { kioskGate } from './auth.ts';
import type { CollectorContext } from './context.ts';
import type { Storage } from './db/open.ts';
import { installErrorReplies } from './errors.ts';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.ts';
import { configRoute } from './routes/config.ts';
import { heartbeatRoute } from './routes/heartbeat.ts';
import { ingestRoutes } from './routes/ingest.ts';

/** 500 answers at about 1 KB each with room to spare; a kiosk that gets 413 sends fewer per batch. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface CollectorOptions {
  storage: Storage;
  now?: () => Date;
  /** A pino logger (main.ts passes one that writes to stdout); none by default. */
  logger?: Logger;
  bodyLimitBytes?: number;
  rateLimit?: RateLimit;
  clockToleranceMs?: number;
}

export function buildCollector(opts: CollectorOptions): FastifyInstance {
  const now = opts.now ?? (() => new Date());
  const bodyLimit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const ctx: CollectorContext = { storage: opts.storage, now, clockToleranceMs: opts.clockToleranceMs ?? CLOCK_SKEW_TOLERANCE_MS };
  const app = (
    opts.logger ? fastify({ loggerInstance: opts.logger, bodyLimit }) : fastify({ logger: false, bodyLimit })
  ) as FastifyInstance;

  // JSON only: fastify also accepts text/plain by default, which no kiosk sends.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('kioskId', '');
  installErrorReplies(app, bodyLimit);

  app.register(async (v1) => {
    v1.addHook('onRequest', kioskGate(opts.storage, opts.rateLimit ?? DEFAULT_RATE_LIMIT, () => now().getTime()));
    ingestRoutes(v1, ctx);
    heartbeatRoute(v1, ctx);
    configRoute(v1, ctx);
  });
  return app;
}
