// A webhook receiver on loopback for alert tests: records every request (headers and raw body)
// and answers with the statuses a test scripts (e.g. 500, 500, then 200 to exercise retries).
// It counts TCP connections too, so a test can tell that nothing reached it at all, not even a
// TLS handshake it could not parse; with `tls` it speaks https with the given certificate.
import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookSink {
  url: string;
  port: number;
  received: ReceivedHook[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Statuses to answer with, in order; 200 once they run out. */
  script(statuses: number[]): void;
  close(): Promise<void>;
}

export async function startWebhookSink(
  opts: { tls?: { key: string; cert: string } } = {},
): Promise<WebhookSink> {
  const received: ReceivedHook[] = [];
  let statuses: number[] = [];
  let connections = 0;
  const onRequest: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  };
  const server = opts.tls ? createTlsServer(opts.tls, onRequest) : createServer(onRequest);
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    received,
    get connections() {
      return connections;
    },
    script: (s) => {
      statuses = [...s];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
