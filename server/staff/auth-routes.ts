// POST /staff/api/login, POST /staff/api/logout, GET /staff/api/me. A wrong username and a wrong
// password get the same reply and cost the same scrypt time, so neither reveals which accounts exist.
import type { FastifyInstance } from 'fastify';
import {
  LoginBody,
  type LogoutReply,
  type MeReply,
  type SignedIn,
  type StaffProfile,
} from '../../shared/staff-api.ts';
import { parseBody } from '../errors.ts';
import { COOKIE, identify, requireIdentity } from './guard.ts';
import type { LiveScreens } from './live-screens.ts';
import { loginChecker } from './login.ts';
import { hashToken } from '../tokens.ts';
import { SESSION_TTL_MS, createSession, deleteSession } from './sessions.ts';
import { visibleLocations, type StaffUser } from './users.ts';
import type { StaffContext } from './context.ts';

export function publicUser(user: StaffUser): StaffProfile {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    locations: visibleLocations(user),
  };
}

export function authRoutes(
  app: FastifyInstance,
  ctx: StaffContext,
  screens: LiveScreens<unknown>,
): void {
  const checkLogin = loginChecker(ctx);
  app.post(
    '/staff/api/login',
    { config: { public: true } },
    async (request, reply): Promise<SignedIn> => {
      const { username, password } = parseBody(LoginBody, request.body);
      const at = ctx.now();
      const user = await checkLogin(request, username, password);
      const { token, session } = await createSession(ctx.storage, user.id, at);
      reply.setCookie(COOKIE, token, {
        path: '/staff',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.secureCookies ?? request.protocol === 'https',
        maxAge: SESSION_TTL_MS / 1000,
      });
      request.log.info({ event: 'staff_login', userId: user.id }, 'staff login');
      return { user: publicUser(user), csrfToken: session.csrfToken };
    },
  );

  app.post('/staff/api/logout', async (request, reply): Promise<LogoutReply> => {
    const who = requireIdentity(request);
    await deleteSession(ctx.storage, who.token);
    screens.endSession(hashToken(who.token));
    reply.clearCookie(COOKIE, { path: '/staff' });
    return { ok: true };
  });

  // Public, answering { user: null } when logged out: the page asks it first on every load, and a
  // 401 there would put a red "failed to load" line in the console of every fresh screen.
  app.get('/staff/api/me', { config: { public: true } }, async (request): Promise<MeReply> => {
    const who = await identify(ctx.storage, request, ctx.now());
    return who ? { user: publicUser(who.user), csrfToken: who.session.csrfToken } : { user: null };
  });
}
