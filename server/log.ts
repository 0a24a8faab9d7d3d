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

/** An error's message for a log field (a thrown non-Error as text). */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
