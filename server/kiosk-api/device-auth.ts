// Authentication and rate limiting for every kiosk endpoint. Both run in onRequest, before the
// body is read or parsed: an unknown caller or a kiosk over its budget costs one indexed lookup.
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';
import type { Storage } from '../db/open.ts';
import { storedBuckets, type RateLimit } from '../token-buckets.ts';
import { kioskForToken } from './device-tokens.ts';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="lastword"' };

export function kioskGate(storage: Storage, limit: RateLimit, nowMs: () => number) {
  const buckets = storedBuckets(storage, limit, nowMs);
  return async (request: FastifyRequest): Promise<void> => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) {
      throw new HttpError(
        401,
        'unauthorized',
        'a device token is required: Authorization: Bearer <token>',
        { headers: CHALLENGE },
      );
    }
    // Looked up on every request, never cached: a revoked token stops working at once, even
    // when the revocation came from the CLI in another process.
    const found = await kioskForToken(storage, match[1]!, new Date(nowMs()));
    if (!found)
      throw new HttpError(401, 'unauthorized', 'the device token is not valid (unknown)', {
        headers: CHALLENGE,
      });
    if (found.kind === 'retired')
      throw new HttpError(
        401,
        'kiosk_retired',
        `kiosk "${found.kioskId}" was retired at ${found.retiredAt}: its token is refused; enrol this device again with a new code`,
        { headers: CHALLENGE },
      );
    const kioskId = found.kioskId;
    request.kioskId = kioskId;
    const taken = await buckets.take(kioskId);
    if (!taken.ok) {
      throw new HttpError(
        429,
        'rate_limited',
        `too many requests from kiosk "${kioskId}"; retry in ${taken.retryAfterSeconds} s`,
        {
          headers: { 'retry-after': String(taken.retryAfterSeconds) },
          extra: { retryAfterSeconds: taken.retryAfterSeconds },
        },
      );
    }
  };
}

/** The body names a kiosk; it must be the one the token belongs to. */
export function requireOwnKiosk(request: FastifyRequest, kioskId: string): void {
  if (kioskId !== request.kioskId) {
    throw new HttpError(
      403,
      'forbidden',
      `this device token belongs to kiosk "${request.kioskId}", not "${kioskId}"`,
    );
  }
}
