// The one error type the app sees from the kiosk host: the envelope's code survives, so screens
// can tell "locked" from "unauthorized" from "the config file is broken".
import type { BridgeErrorBody, ErrorCode } from '../../shared/result.ts';

export type FieldProblem = { field: string; reason: string };

export class BridgeError extends Error {
  readonly code: ErrorCode;
  readonly problems: FieldProblem[];

  constructor(body: BridgeErrorBody) {
    super(body.message);
    this.name = 'BridgeError';
    this.code = body.code;
    this.problems = body.problems ?? [];
  }
}

export function isBridgeError(e: unknown): e is BridgeError {
  return e instanceof BridgeError;
}
