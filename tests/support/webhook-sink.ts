// A webhook receiver on loopback for alert tests: records every request (headers and raw body)
// and answers with the statuses a test scripts (e.g. 500, 500, then 200 to exercise retries).
// A request can also be held unanswered, to stand for a slow receiver while the sender dies.
// It counts TCP connections too, so a test can tell that nothing reached it at all, not even a
// TLS handshake it could not parse; with `tls` it speaks https with the given certificate.
import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What it was answered: a status, 'held' while unanswered, 'dropped' if the sender hung up. */
  answer: number | 'held' | 'dropped';
}

/** A scripted answer: a status, or 'hold' to answer nothing (the sender times out or dies). */
export type SinkAnswer = number | 'hold';

export interface WebhookSink {
  url: string;
  port: number;
  received: ReceivedHook[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Answers to give, in order; 200 once they run out. */
  script(answers: SinkAnswer[]): void;
  close(): Promise<void>;
}

export async function startWebhookSink(
  opts: { tls?: { key: string; cert: string } } = {},
): Promise<WebhookSink> {
  const received: ReceivedHook[] = [];
  let answers: SinkAnswer[] = [];
  let connections = 0;
  const onRequest: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hook: ReceivedHook = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        answer: 'held',
      };
      received.push(hook);
      const next = answers.shift() ?? 200;
      if (next === 'hold') {
        res.on('close', () => (hook.answer = 'dropped'));
        return;
      }
      hook.answer = next;
      res.statusCode = next;
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
      answers = [...s];
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
