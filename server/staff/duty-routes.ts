// Duty and recognition over HTTP: GET/POST/DELETE /staff/api/duty (where am I on duty; check in
// at a touchpoint; check out) and GET /staff/api/recognition?days= (my figures, and the team's
// for managers and admins).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CheckInBody, type DutyReply, type RecognitionReply } from '../../shared/staff-duty-api.ts';
import { HttpError, parseBody } from '../errors.ts';
import { recognition } from '../reports/recognition.ts';
import type { StaffContext } from './context.ts';
import { checkIn, checkOut, duty, DutyError } from './duty.ts';
import { requireIdentity } from './guard.ts';

const RecognitionQuery = z.strictObject({
  days: z.enum(['7', '30', '90']).default('30'),
});

export function dutyRoutes(app: FastifyInstance, ctx: StaffContext): void {
  app.get('/staff/api/duty', async (request): Promise<DutyReply> =>
    duty(ctx.storage, requireIdentity(request).user, ctx.now()),
  );

  app.post('/staff/api/duty', async (request): Promise<DutyReply> => {
    const { user } = requireIdentity(request);
    const { touchpointId } = parseBody(CheckInBody, request.body);
    try {
      return await checkIn(ctx.storage, user, touchpointId, ctx.now());
    } catch (error) {
      if (error instanceof DutyError)
        throw new HttpError(
          error.status,
          error.status === 403 ? 'forbidden' : 'invalid_request',
          error.message,
        );
      throw error;
    }
  });

  app.delete('/staff/api/duty', async (request): Promise<DutyReply> =>
    checkOut(ctx.storage, requireIdentity(request).user, ctx.now()),
  );

  app.get('/staff/api/recognition', async (request): Promise<RecognitionReply> => {
    const { user } = requireIdentity(request);
    const { days } = parseBody(RecognitionQuery, request.query);
    const to = ctx.now();
    const from = new Date(to.getTime() - Number(days) * 86_400_000);
    return recognition(ctx.storage, { userId: user.id, from, to, team: user.role !== 'staff' });
  });
}
