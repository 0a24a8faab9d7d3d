// One kiosk over the staff API, for admins only (as accounts are): GET /staff/api/kiosks/:id
// shows it with its fleet status (judged as the Kiosks list judges it), its orders and their
// results; POST …/actions orders a reload, a re-send of dead letters, a new token or a log
// fetch, or retires or replaces it. Each action is audited in the
// transaction that records it (server/kiosk-api/commands.ts, kiosk-actions.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  KioskActionBody,
  KioskParams,
  type KioskActionReply,
  type KioskDetailReply,
} from '../../shared/staff-kiosk-api.ts';
import { CommandError, listCommands } from '../kiosk-api/commands.ts';
import { EnrolmentCodeError } from '../kiosk-api/enrolment-codes.ts';
import { kioskDetail, takeAction } from '../kiosk-api/kiosk-actions.ts';
import { HttpError, parseBody } from '../errors.ts';
import { listFleet } from '../fleet/fleet-list.ts';
import type { StaffContext } from './context.ts';
import type { AuditActor } from './audit.ts';
import { requireAdmin } from './guard.ts';

function admin(request: FastifyRequest): AuditActor {
  const who = requireAdmin(request, 'manage kiosks');
  return { id: who.user.id, name: who.user.username, address: request.ip };
}

export function kioskActionRoutes(app: FastifyInstance, ctx: StaffContext): void {
  const detail = async (id: string): Promise<KioskDetailReply> => {
    const kiosk = await kioskDetail(ctx.storage, id);
    if (!kiosk) throw new HttpError(404, 'not_found', `no kiosk "${id}"`);
    const now = ctx.now();
    // Judged as the Kiosks list judges it (listFleet leaves a retired kiosk out: null).
    const [judged] = await listFleet(ctx.storage, now, app.fleet.rules, id);
    return {
      kiosk,
      fleet: judged
        ? { status: judged.status, since: judged.statusSince, problems: judged.problems }
        : null,
      commands: await listCommands(ctx.storage, id, now),
    };
  };

  app.get('/staff/api/kiosks/:id', async (request): Promise<KioskDetailReply> => {
    admin(request);
    return detail(parseBody(KioskParams, request.params).id);
  });

  app.post('/staff/api/kiosks/:id/actions', async (request, reply): Promise<KioskActionReply> => {
    const by = admin(request);
    const { id } = parseBody(KioskParams, request.params);
    const body = parseBody(KioskActionBody, request.body);
    try {
      const { code } = await takeAction(ctx.storage, id, body, by, ctx.now());
      reply.code(201);
      return { ...(await detail(id)), ...(code && { code }) };
    } catch (error) {
      if (error instanceof CommandError)
        throw new HttpError(
          error.status,
          error.status === 404 ? 'not_found' : 'conflict',
          error.message,
        );
      if (error instanceof EnrolmentCodeError) throw new HttpError(409, 'conflict', error.message);
      throw error;
    }
  });
}
