// The staff workflow over HTTP: list what I may see, acknowledge, resolve with an outcome and a
// note. An alert outside the user's locations answers 404, as if it did not exist.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ResolveBody,
  StaffAlertStatus,
  StaffText,
  type AlertListReply,
  type AlertReply,
  type StaffAlert,
} from '../../shared/staff-api.ts';
import {
  AlertWorkflowError,
  acknowledgeAlert,
  getAlert,
  listAlerts,
  resolveAlert,
} from '../alerts/workflow.ts';
import { HttpError, parseBody } from '../errors.ts';
import type { StaffContext } from './context.ts';
import { requireIdentity } from './guard.ts';
import { visibleLocations } from './users.ts';
import { canSee } from './visibility.ts';

const ListQuery = z.strictObject({
  status: z
    .union([
      StaffAlertStatus,
      z.string().transform((s, c) => {
        const list = s.split(',');
        const parsed = z.array(StaffAlertStatus).safeParse(list);
        if (!parsed.success) {
          c.addIssue({
            code: 'custom',
            message: 'status: open, acknowledged, resolved or a comma-separated list',
          });
          return z.NEVER;
        }
        return parsed.data;
      }),
    ])
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const Params = z.strictObject({ id: StaffText().min(1).max(64) });

async function visibleAlert(
  ctx: StaffContext,
  request: FastifyRequest,
): Promise<{ id: string; by: string }> {
  const who = requireIdentity(request);
  const { id } = parseBody(Params, request.params);
  const alert = await getAlert(ctx.storage, id);
  if (!alert || !canSee(visibleLocations(who.user), alert))
    throw new HttpError(404, 'not_found', 'no such alert');
  return { id, by: who.user.id };
}

async function workflow(run: () => Promise<StaffAlert>): Promise<AlertReply> {
  try {
    return { alert: await run() };
  } catch (error) {
    if (error instanceof AlertWorkflowError)
      throw new HttpError(error.code === 'not_found' ? 404 : 409, error.code, error.message);
    throw error;
  }
}

export function alertRoutes(app: FastifyInstance, ctx: StaffContext): void {
  app.get('/staff/api/alerts', async (request): Promise<AlertListReply> => {
    const who = requireIdentity(request);
    const q = parseBody(ListQuery, request.query);
    const alerts = await listAlerts(ctx.storage, {
      locations: visibleLocations(who.user),
      ...(q.status && { status: q.status }),
      ...(q.limit && { limit: q.limit }),
    });
    return { alerts };
  });

  app.post('/staff/api/alerts/:id/ack', async (request): Promise<AlertReply> => {
    const { id, by } = await visibleAlert(ctx, request);
    return workflow(() => acknowledgeAlert(ctx.storage, ctx.feed, id, by, ctx.now()));
  });

  app.post('/staff/api/alerts/:id/resolve', async (request): Promise<AlertReply> => {
    const { id, by } = await visibleAlert(ctx, request);
    const body = parseBody(ResolveBody, request.body);
    const note = body.note?.trim() || null;
    return workflow(() =>
      resolveAlert(ctx.storage, ctx.feed, id, by, body.outcome, note, ctx.now(), (trx, location) =>
        ctx.crmEvents.alertResolved(trx, location, id),
      ),
    );
  });
}
