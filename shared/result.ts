// Every bridge call answers with this envelope instead of throwing: errors keep their code across
// Electron's contextBridge and the localhost transport alike (thrown Errors lose their fields).
import { z } from 'zod';

export const ErrorCode = z.enum([
  'invalid_request', // the payload failed its schema; nothing was written
  'not_found',
  'conflict', // e.g. a change to an answer that is already final
  'locked', // admin PIN locked after too many wrong tries
  'unauthorized',
  'unsupported', // the action does not exist in this transport (exit in browser mode)
  'unavailable', // the kiosk cannot serve this now (bad config, out of service)
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const BridgeErrorBody = z.strictObject({
  code: ErrorCode,
  message: z.string(),
  /** For invalid_request: "field: reason" per problem. */
  problems: z.array(z.strictObject({ field: z.string(), reason: z.string() })).optional(),
});
export type BridgeErrorBody = z.infer<typeof BridgeErrorBody>;

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeErrorBody };

export function ok<T>(value: T): BridgeResult<T> {
  return { ok: true, value };
}
export function fail(
  code: ErrorCode,
  message: string,
  problems?: BridgeErrorBody['problems'],
): BridgeResult<never> {
  return { ok: false, error: problems ? { code, message, problems } : { code, message } };
}
