// Hooks the alert service into a collector app: `app.alerts` (the service: idle(), tick()) next
// to `app.alertHub`, and the timer and pending retries stopped when the app closes.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Storage } from '../db/open.ts';
import type { AlertFeed } from './feed.ts';
import { AlertService, type AlertServiceOptions } from './service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    alerts: AlertService;
  }
}

export function installAlerts(
  app: FastifyInstance,
  storage: Storage,
  feed: AlertFeed,
  now: () => Date,
  log: Logger | undefined,
  opts: AlertServiceOptions = {},
): AlertService {
  const service = new AlertService(storage, feed, now, log ?? null, opts);
  app.decorate('alerts', service);
  app.addHook('onClose', () => service.close());
  return service;
}
