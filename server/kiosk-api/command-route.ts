// POST /v1/commands/:id/result: the kiosk reports what became of an order it got with a
// heartbeat (commands.ts), with the log lines of a fetch. Behind the device-token gate; an order
// of another kiosk is unknown to this one (404), and a second report of one order is kept once.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CommandId, CommandResult, type CommandResultReply } from '../../shared/kiosk-commands.ts';
import { HttpError, parseBody } from '../errors.ts';
import { storableText } from '../db/values.ts';
import type { CollectorContext } from './context.ts';
import { recordResult } from './commands.ts';

const Params = z.strictObject({ id: z.coerce.number().pipe(CommandId) });

export function commandResultRoute(app: FastifyInstance, ctx: CollectorContext): void {
  app.post('/v1/commands/:id/result', async (request): Promise<CommandResultReply> => {
    const { id } = parseBody(Params, request.params);
    const body = parseBody(CommandResult, request.body);
    const result = {
      ...body,
      message: storableText(body.message),
      ...(body.logLines && { logLines: body.logLines.map(storableText) }),
    };
    const outcome = await recordResult(ctx.storage, request.kioskId, id, result, ctx.now());
    if (outcome === 'unknown')
      throw new HttpError(404, 'not_found', `kiosk "${request.kioskId}" has no order ${id}`);
    request.log.info(
      { kioskId: request.kioskId, command: id, status: body.status },
      'kiosk reported on an order',
    );
    return { recorded: outcome === 'recorded' };
  });
}
