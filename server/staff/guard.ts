// Who is asking, and may they change anything. Every /staff/api request except login runs
// requireStaff; state-changing ones also need the session's CSRF token in x-csrf-token, and any
// request that carries an Origin must come from our own origin. SameSite=Strict already keeps the
// cookie off cross-site requests; the token and the Origin check are the second and third locks.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Storage } from '../db/open.ts';
import { HttpError } from '../errors.ts';
import { findSession, touchSession, type Session } from './sessions.ts';
import { getUser, type StaffUser } from './users.ts';

export const COOKIE = 'lw_staff';
const logInFirst = () => new HttpError(401, 'unauthorized', 'log in first');
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface StaffIdentity {
  user: StaffUser;
  session: Session;
  token: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffIdentity | null;
  }
}

/**
 * The origins our own page can have: the Host we were reached at, over http or https. Both
 * schemes, because behind a TLS-terminating proxy we see http while the browser says https; the
 * host is what tells our page from another site's.
 */
export function ownOrigins(request: FastifyRequest): string[] {
  const host = request.headers.host ?? '';
  return [`http://${host}`, `https://${host}`];
}

export function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  // Non-browser clients (the CLI, tests, curl) send no Origin; they still need the CSRF token.
  if (origin !== undefined && !ownOrigins(request).includes(origin)) {
    throw new HttpError(403, 'forbidden', 'cross-origin request refused');
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function identify(
  storage: Storage,
  request: FastifyRequest,
  now: Date,
): Promise<StaffIdentity | null> {
  const token = request.cookies[COOKIE];
  if (!token) return null;
  const session = await findSession(storage, token, now);
  if (!session) return null;
  const user = await getUser(storage, session.userId);
  if (!user || user.disabled) return null;
  return { user, session, token };
}

export function staffGuard(storage: Storage, now: () => Date) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (UNSAFE.has(request.method)) checkOrigin(request);
    if (request.routeOptions.config?.public === true) return;
    const at = now();
    const who = await identify(storage, request, at);
    if (!who) throw logInFirst();
    if (UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, who.session.csrfToken)) {
        throw new HttpError(403, 'csrf', 'missing or wrong x-csrf-token header: reload the page');
      }
    }
    request.staff = who;
    await touchSession(storage, who.token, at);
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (login only). */
    public?: boolean;
  }
}

export function requireIdentity(request: FastifyRequest): StaffIdentity {
  if (!request.staff) throw logInFirst();
  return request.staff;
}

/** Accounts, kiosks and the audit log are for admins; anyone else gets 403 saying so. */
export function requireAdmin(request: FastifyRequest, what: string): StaffIdentity {
  const who = requireIdentity(request);
  if (who.user.role !== 'admin') throw new HttpError(403, 'forbidden', `only an admin may ${what}`);
  return who;
}
