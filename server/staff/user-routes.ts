// Account management for admins (GET/POST /staff/api/users, PATCH …/:username, POST
// …/:username/password and …/end-sessions) and the admin audit log (GET /staff/api/audit), so IT
// no longer needs the command line for people joining, moving or leaving. Every change is
// recorded with the admin and their address; a change of access ends the account's sessions.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  NewUserBody,
  PasswordBody,
  UserChangesBody,
  type AdminUser,
  type AuditReply,
  type UserListReply,
  type UserReply,
} from '../../shared/staff-admin-api.ts';
import { HttpError, parseBody } from '../errors.ts';
import { listAudit, type AuditActor } from './audit.ts';
import type { StaffContext } from './context.ts';
import { requireAdmin } from './guard.ts';
import { listUsers } from './user-admin.ts';
import {
  LastAdminError,
  StaffUserError,
  createStaffUser,
  endUserSessions,
  updateStaffUser,
} from './users.ts';

const Params = z.strictObject({ username: z.string().min(1).max(64) });
const AuditQuery = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

function admin(request: FastifyRequest): AuditActor {
  const who = requireAdmin(request, 'manage accounts');
  return { id: who.user.id, name: who.user.username, address: request.ip };
}

/** The CLI's account errors as replies: a missing account 404, the last admin 409, else 400. */
async function accountChange<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof LastAdminError) throw new HttpError(409, 'last_admin', error.message);
    if (error instanceof StaffUserError) {
      const missing = error.message.startsWith('no staff account');
      throw new HttpError(
        missing ? 404 : 400,
        missing ? 'not_found' : 'invalid_request',
        error.message,
      );
    }
    throw error;
  }
}

/** A staff account's places must be ones the collector knows, or its owner would see nothing. */
function checkLocations(locations: string[] | undefined, known: string[]): void {
  const unknown = (locations ?? []).filter((place) => !known.includes(place));
  if (unknown.length)
    throw new HttpError(
      400,
      'invalid_request',
      `locations: no location named ${unknown.map((p) => `"${p}"`).join(', ')}`,
    );
}

export function userRoutes(app: FastifyInstance, ctx: StaffContext): void {
  const account = async (username: string): Promise<AdminUser> => {
    const { users } = await listUsers(ctx.storage, ctx.now());
    const user = users.find((u) => u.username === username);
    if (!user) throw new HttpError(404, 'not_found', `no staff account "${username}"`);
    return user;
  };

  app.get('/staff/api/users', async (request): Promise<UserListReply> => {
    admin(request);
    return listUsers(ctx.storage, ctx.now());
  });

  app.post('/staff/api/users', async (request, reply): Promise<UserReply> => {
    const actor = admin(request);
    const body = parseBody(NewUserBody, request.body);
    checkLocations(body.locations, (await listUsers(ctx.storage, ctx.now())).locations);
    const user = await accountChange(() => createStaffUser(ctx.storage, body, ctx.now(), actor));
    reply.code(201);
    return { user: await account(user.username), endedSessions: 0 };
  });

  app.patch('/staff/api/users/:username', async (request): Promise<UserReply> => {
    const actor = admin(request);
    const { username } = parseBody(Params, request.params);
    const changes = parseBody(UserChangesBody, request.body);
    const before = await account(username);
    const known = (await listUsers(ctx.storage, ctx.now())).locations;
    // Only newly given places are checked: one that was renamed away stays removable.
    checkLocations(
      changes.locations?.filter((place) => !before.locations.includes(place)),
      known,
    );
    const { endedSessions } = await accountChange(() =>
      updateStaffUser(ctx.storage, username, changes, { actor, now: ctx.now() }),
    );
    return { user: await account(username), endedSessions };
  });

  app.post('/staff/api/users/:username/password', async (request): Promise<UserReply> => {
    const actor = admin(request);
    const { username } = parseBody(Params, request.params);
    const { password } = parseBody(PasswordBody, request.body);
    const { endedSessions } = await accountChange(() =>
      updateStaffUser(ctx.storage, username, { password }, { actor, now: ctx.now() }),
    );
    return { user: await account(username), endedSessions };
  });

  app.post('/staff/api/users/:username/end-sessions', async (request): Promise<UserReply> => {
    const actor = admin(request);
    const { username } = parseBody(Params, request.params);
    const endedSessions = await accountChange(() =>
      endUserSessions(ctx.storage, username, actor, ctx.now()),
    );
    return { user: await account(username), endedSessions };
  });

  app.get('/staff/api/audit', async (request): Promise<AuditReply> => {
    requireAdmin(request, 'read the audit log');
    const q = parseBody(AuditQuery, request.query);
    return listAudit(ctx.storage, { before: q.before, limit: q.limit });
  });
}
