// Follow-ups over HTTP (shared/follow-up-api.ts): the send form's starting point (templates in
// the answer's language, the channels the customer left an address for, what was sent so far)
// and the send itself. Who may, and to whom, is decided in server/follow-up/: 403 for another
// location's customer, 409 without consent, 410 once redacted, 429 over a limit.
import type { FastifyInstance } from 'fastify';
import {
  FollowUpDraftQuery,
  SendFollowUpBody,
  type FollowUpDraft,
  type SendFollowUpReply,
} from '../../shared/follow-up-api.ts';
import { parseBody } from '../errors.ts';
import type { StaffContext } from './context.ts';
import { requireIdentity } from './guard.ts';

export function followUpRoutes(app: FastifyInstance, ctx: StaffContext): void {
  app.get('/staff/api/follow-ups/draft', async (request): Promise<FollowUpDraft> => {
    const who = requireIdentity(request);
    return ctx.followUps.draft(who.user, parseBody(FollowUpDraftQuery, request.query));
  });

  app.post('/staff/api/follow-ups', async (request, reply): Promise<SendFollowUpReply> => {
    const who = requireIdentity(request);
    const body = parseBody(SendFollowUpBody, request.body);
    const followUp = await ctx.followUps.send(who.user, body);
    reply.code(202);
    return { followUp };
  });
}
