// How long the collector's HTTP server waits on a client, so that slow or silent connections
// cannot hold its sockets for ever: headers sent a byte at a time (slowloris), a body that never
// ends, a socket that never speaks. Node applies the header and request limits only while a
// request is arriving, never to a response, so the staff live stream may stay open for hours; it
// also lifts the idle limit for its own socket (staff/stream.ts), being quiet between heartbeats.
import type { ServerOptions } from 'node:http';

export interface ServerTimeouts {
  /** All of a request's headers, counted from the connection's start (a silent one, too). */
  headersMs: number;
  /** The whole request, body included. */
  requestMs: number;
  /** Nothing moving either way on a connection: a client that stops reading, a stuck handler. */
  idleMs: number;
  /** An idle kept-alive connection between two requests. */
  keepAliveMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 30_000,
  // fastify's default: longer than the 60 s after which common reverse proxies drop an idle
  // upstream connection, so the proxy closes first and never reuses a socket we are closing.
  keepAliveMs: 72_000,
};

/** fastify's options for these limits, and Node's (`http`) for those fastify does not name. */
export function serverTimeoutOptions(t: ServerTimeouts): {
  connectionTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  http: ServerOptions;
} {
  return {
    connectionTimeout: t.idleMs,
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    http: {
      headersTimeout: t.headersMs,
      // Also here, where Node checks it against headersTimeout (fastify sets it after creation).
      requestTimeout: t.requestMs,
      // Node looks for overdue requests every 30 s by default: a 10 s header limit could run to 40.
      connectionsCheckingInterval: Math.max(10, Math.round(t.headersMs / 10)),
    },
  };
}
