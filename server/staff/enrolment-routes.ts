// Enrolment codes over the staff API, for admins only: a code hands out a device token for any
// touchpoint, which is more than a location's staff or a manager may give. The code is in the
// reply to POST only; GET lists the open codes without it, DELETE revokes one.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CreateEnrolmentCodeBody,
  StaffText,
  type CreatedEnrolmentCode,
  type EnrolmentCodeListReply,
} from '../../shared/staff-api.ts';
import {
  EnrolmentCodeError,
  createEnrolmentCode,
  listOpenCodes,
  listPlaces,
  revokeCode,
} from '../kiosk-api/enrolment-codes.ts';
import { HttpError, parseBody } from '../errors.ts';
import type { StaffContext } from './context.ts';
import type { AuditActor } from './audit.ts';
import { requireIdentity } from './guard.ts';

const Params = z.strictObject({ id: StaffText().min(1).max(64) });

function requireAdmin(request: FastifyRequest): AuditActor {
  const who = requireIdentity(request);
  if (who.user.role !== 'admin')
    throw new HttpError(403, 'forbidden', 'only an admin may manage enrolment codes');
  return { id: who.user.id, name: who.user.username, address: request.ip };
}

export function enrolmentRoutes(app: FastifyInstance, ctx: StaffContext): void {
  app.get('/staff/api/enrolment-codes', async (request): Promise<EnrolmentCodeListReply> => {
    requireAdmin(request);
    return {
      codes: await listOpenCodes(ctx.storage, ctx.now()),
      places: await listPlaces(ctx.storage),
    };
  });

  app.post('/staff/api/enrolment-codes', async (request, reply): Promise<CreatedEnrolmentCode> => {
    const by = requireAdmin(request);
    const body = parseBody(CreateEnrolmentCodeBody, request.body);
    try {
      const code = await createEnrolmentCode(
        ctx.storage,
        { ...body, hours: body.expiresInHours, by },
        ctx.now(),
      );
      reply.code(201);
      return { code };
    } catch (error) {
      if (error instanceof EnrolmentCodeError)
        throw new HttpError(400, 'invalid_request', error.message);
      throw error;
    }
  });

  app.delete('/staff/api/enrolment-codes/:id', async (request) => {
    const by = requireAdmin(request);
    const { id } = parseBody(Params, request.params);
    const result = await revokeCode(ctx.storage, id, by, ctx.now());
    if (result === 'unknown') throw new HttpError(404, 'not_found', 'no such enrolment code');
    if (result === 'gone')
      throw new HttpError(409, 'conflict', 'this code was used, revoked or expired already');
    return { ok: true as const };
  });
}
