// What every route needs, passed in so tests choose the clock and the storage.
import type { Storage } from '../db/open.ts';

export interface CollectorContext {
  storage: Storage;
  now: () => Date;
  clockToleranceMs: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The kiosk the bearer token belongs to; set by the auth hook before any /v1 handler runs. */
    kioskId: string;
  }
}
