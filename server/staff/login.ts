// The check behind POST /staff/api/login. The attempt is counted first (throttle.ts), so parallel
// guesses cannot outrun the lockout; then the password is checked under the process's hash gate,
// an old-cost hash is replaced, and every failure and lockout is logged with the username and the
// client address (never the password) for whoever audits the collector's log.
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';
import type { StaffContext } from './context.ts';
import { HashGateBusy, processHashGate } from './hash-gate.ts';
import { DECOY_HASH, hashPassword, needsRehash, verifyPassword } from './password.ts';
import {
  LOCK_MS,
  giveBackAll,
  lockedBy,
  loginSucceeded,
  purgeAttempts,
  reserveAttempt,
} from './throttle.ts';
import { findUserForLogin, type StaffUser } from './users.ts';

/** Old throttle rows are swept at most this often, by whichever login comes along. */
const PURGE_EVERY_MS = 60 * 1000;

export function loginChecker(ctx: StaffContext) {
  const gate = ctx.hashGate ?? processHashGate;
  let purgedAt = 0;

  return async function checkLogin(
    request: FastifyRequest,
    username: string,
    password: string,
  ): Promise<StaffUser> {
    const at = ctx.now();
    const who = { username, address: request.ip };
    if (at.getTime() - purgedAt >= PURGE_EVERY_MS) {
      purgedAt = at.getTime();
      await purgeAttempts(ctx.storage, at);
    }
    const reserved = await reserveAttempt(ctx.storage, username, request.ip, at);
    if (!reserved.ok) {
      const wait = reserved.retryAfterSeconds;
      request.log.info(
        { event: 'staff_login_refused', ...who, scope: reserved.scope },
        'staff login refused: locked',
      );
      throw new HttpError(
        429,
        'locked',
        `too many failed logins: try again in ${Math.ceil(wait / 60)} min`,
        { headers: { 'retry-after': String(wait) }, extra: { retryAfterSeconds: wait } },
      );
    }
    const { reservation } = reserved;
    let user: Awaited<ReturnType<typeof findUserForLogin>>;
    let ok: boolean;
    try {
      user = await findUserForLogin(ctx.storage, username);
      ok = await gate.run(async () => {
        const right = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
        if (right && user && !user.disabled && needsRehash(user.passwordHash)) {
          await ctx.storage.db
            .updateTable('staff_users')
            .set({ password_hash: await hashPassword(password) })
            .where('id', '=', user.id)
            .execute();
        }
        return right;
      });
    } catch (error) {
      await giveBackAll(ctx.storage, reservation);
      if (!(error instanceof HashGateBusy)) throw error;
      request.log.warn({ event: 'staff_login_busy', ...who }, 'staff login refused: busy');
      throw new HttpError(503, 'busy', 'too many logins at once: try again in a moment', {
        headers: { 'retry-after': '1' },
        extra: { retryAfterSeconds: 1 },
      });
    }
    if (!user || !ok || user.disabled) {
      request.log.warn({ event: 'staff_login_failed', ...who }, 'staff login failed');
      for (const scope of lockedBy(reservation))
        request.log.warn(
          { event: 'staff_login_locked', ...who, scope, minutes: LOCK_MS / 60_000 },
          `staff login locked (${scope})`,
        );
      throw new HttpError(401, 'invalid_login', 'wrong username or password');
    }
    await loginSucceeded(ctx.storage, reservation);
    return user;
  };
}
