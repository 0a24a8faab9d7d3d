// Hooks the alert service into a collector app: `app.alerts` (the service: idle(), tick()) next
// to `app.alertHub`. buildCollector closes it when the app closes.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Storage } from '../db/open.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { AlertFeed } from './feed.ts';
import { AlertService, type AlertServiceOptions } from './service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    alerts: AlertService;
  }
}

export function installAlerts(
  app: FastifyInstance,
  deps: { storage: Storage; feed: AlertFeed; jobs: JobQueue; now: () => Date },
  log: Logger | undefined,
  opts: AlertServiceOptions = {},
): AlertService {
  const service = new AlertService(deps.storage, deps.feed, deps.jobs, deps.now, log ?? null, opts);
  app.decorate('alerts', service);
  return service;
}
