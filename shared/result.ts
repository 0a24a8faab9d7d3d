// Every bridge call answers with this envelope instead of throwing: errors keep their code across
// Electron's contextBridge and the localhost transport alike (thrown Errors lose their fields).
// Plain types, no zod: nothing parses an envelope (the host builds it), and the localhost
// transport, which answers with it, must load without the schemas for a fast cold start.

export type ErrorCode =
  | 'invalid_request' // the payload failed its schema; nothing was written
  | 'not_found'
  | 'conflict' // e.g. a change to an answer that is already final
  | 'locked' // admin PIN locked after too many wrong tries
  | 'unauthorized'
  | 'unsupported' // the action does not exist in this transport (exit in browser mode)
  | 'unavailable' // the kiosk cannot serve this now (bad config, out of service)
  | 'internal';

export interface BridgeErrorBody {
  code: ErrorCode;
  message: string;
  /** For invalid_request: "field: reason" per problem. */
  problems?: { field: string; reason: string }[];
}

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
