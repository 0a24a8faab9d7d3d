// Every error leaves the collector as { error, message[, problems][, retryAfterSeconds] }
// (ErrorReply in shared/protocol.ts): a code for the kiosk's sync engine to branch on, a
// sentence for the person reading its dead-letter table or log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { describeIssues } from '../shared/config.ts';
import type { ErrorReply } from '../shared/protocol.ts';

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly extra: Partial<ErrorReply>;

  constructor(
    status: number,
    code: string,
    message: string,
    opts: { headers?: Record<string, string>; extra?: Partial<ErrorReply> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = opts.headers ?? {};
    this.extra = opts.extra ?? {};
  }
}

/** Field problems with a name for the root ("the batch", "the item") instead of "(file)". */
export function problems(error: z.ZodError, root: string): { field: string; reason: string }[] {
  return describeIssues(error).map((p) => ({
    field: p.field === '(file)' ? root : p.field,
    reason: p.reason,
  }));
}

export function summarize(list: { field: string; reason: string }[]): string {
  return list.map((p) => `${p.field}: ${p.reason}`).join('; ');
}

/** Parses a request body or throws the 400 that says which field is wrong and why. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const list = problems(parsed.error, '(body)');
  throw new HttpError(400, 'invalid_request', summarize(list), { extra: { problems: list } });
}

/** The 404 for a path no route serves (the query left out: it can carry anything). */
export function noSuchEndpoint(request: FastifyRequest): ErrorReply {
  return {
    error: 'not_found',
    message: `no such endpoint: ${request.method} ${request.url.split('?')[0]}`,
  };
}

const FASTIFY_ERRORS: Record<string, [number, string, (limit: number) => string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    'payload_too_large',
    (limit) => `request body is larger than ${limit} bytes: send fewer items per batch`,
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'invalid_request',
    () => 'Content-Length does not match the body',
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'unsupported_media_type',
    () => 'send the body as Content-Type: application/json',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', () => 'request body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', () => 'request body is not valid JSON'],
};

export function installErrorReplies(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error instanceof HttpError) {
      return reply
        .code(error.status)
        .headers(error.headers)
        .send({ error: error.code, message: error.message, ...error.extra } satisfies ErrorReply);
    }
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known)
      return reply
        .code(known[0])
        .send({ error: known[1], message: known[2](bodyLimit) } satisfies ErrorReply);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ error: 'invalid_request', message: error.message } satisfies ErrorReply);
    }
    // Code and message only: a driver error's detail can quote the row it failed on.
    request.log.error({ errorCode: error.code, errorMessage: error.message }, 'request failed');
    return reply.code(500).send({
      error: 'internal',
      message: 'the collector could not handle this request; retry later',
    } satisfies ErrorReply);
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(noSuchEndpoint(request)));
}
