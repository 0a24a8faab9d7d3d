// The collector's log: pino JSON lines on stdout. What is never logged: request bodies (they
// hold customer comments and contact details), tokens, and headers that carry credentials. The
// routes log counts and ids; the redaction below is the backstop for a careless future line.
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'body',
  'token',
  '*.token',
  'comment',
  '*.comment',
  'contact',
  '*.contact',
];

export function collectorLogger(
  destination?: DestinationStream,
  level = process.env.LASTWORD_LOG_LEVEL ?? 'info',
): Logger {
  const options = {
    level,
    base: { service: 'lastword-collector' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The logger fastify logs requests with: each request's path without its query string, which can
 * carry what a manager searched customers' comments for (GET /staff/api/comments?q=…). Routes
 * that need a query's parameters in the log (the export's filter) log them themselves.
 */
export function withoutQueries(logger: Logger): Logger {
  return logger.child(
    {},
    {
      serializers: {
        req: (req: { method: string; url: string; host?: string; ip?: string }) => ({
          method: req.method,
          url: req.url.split('?')[0],
          host: req.host,
          remoteAddress: req.ip,
        }),
      },
    },
  );
}

/** An error's message for a log field (a thrown non-Error as text). */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
