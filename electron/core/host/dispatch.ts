// The dispatcher under the kiosk host: each feature hands it a map of handlers, one per channel.
// Payloads are parsed with the contract's schemas before any handler runs, so a bad payload gets
// `invalid_request` and writes nothing; errors become envelopes, never throws.
import type { z } from 'zod';
import { bridgeContract, type BridgeResponse } from '../../../shared/bridge.ts';
import type { Channel } from '../../../shared/bridge-channels.ts';
import { describeIssues, type FieldProblem } from '../../../shared/config.ts';
import { fail, ok, type BridgeResult } from '../../../shared/result.ts';
import { StoreError } from '../answer-store.ts';
import type { Logger } from '../log.ts';
import { HostError } from '../step-rules.ts';

/**
 * Handlers receive the parsed (output) type of their request schema. A feature's map is checked
 * with `satisfies Partial<Handlers>`; the host's merged map must be complete.
 */
export type Handlers = {
  [C in Channel]: (
    req: z.output<(typeof bridgeContract)[C]['request']>,
  ) => BridgeResponse<C> | Promise<BridgeResponse<C>>;
};

export interface DispatchContext {
  log: Logger;
  /** The config file's problems, sent with `unavailable` while there is no config. */
  configProblems: FieldProblem[] | null;
}

export async function dispatch(
  handlers: Handlers,
  channel: Channel,
  payload: unknown,
  { log, configProblems }: DispatchContext,
): Promise<BridgeResult<unknown>> {
  const contract = bridgeContract[channel];
  if (!contract) return fail('invalid_request', `unknown channel "${String(channel)}"`);
  const parsed = contract.request.safeParse(payload ?? {});
  if (!parsed.success)
    return fail('invalid_request', `invalid ${channel} request`, describeIssues(parsed.error));
  try {
    const handler = handlers[channel] as (req: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof HostError && error.code === 'unavailable' && configProblems)
      return fail('unavailable', error.message, configProblems);
    if (error instanceof HostError || error instanceof StoreError)
      return fail(error.code, error.message);
    log('error', 'bridge call failed', {
      channel,
      error: (error as Error)?.stack ?? String(error),
    });
    return fail('internal', 'the kiosk could not do that; it has been logged');
  }
}
