// A proxy in front of a real collector that can change the collector's replies on their way to
// the browser, for the staff page's malformed-reply tests: something between the page and its
// collector (or a collector of another version) sends what the page's contract does not allow.
// The Host header is passed on as the browser sent it, so the collector's same-origin checks see
// the proxy's origin, the one the page runs at. Server-sent events are rewritten one message
// (one "\n\n"-terminated block) at a time and passed on at once; other replies whole.
import { createServer, request as forward, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Returns the text to send instead; `path` is the request's path with its query. */
export type Rewrite = (path: string, text: string) => string;

export interface RewriteProxy {
  url: string;
  /** The rewrite in force for replies that start from now on; null passes them through. */
  rewrite: Rewrite | null;
  close(): Promise<void>;
}

function passOn(up: IncomingMessage, write: (text: string) => void, end: () => void): void {
  const stream = String(up.headers['content-type']).startsWith('text/event-stream');
  let buffered = '';
  up.setEncoding('utf8');
  up.on('data', (chunk: string) => {
    buffered += chunk;
    if (!stream) return;
    const cut = buffered.lastIndexOf('\n\n') + 2;
    if (cut < 2) return;
    write(buffered.slice(0, cut));
    buffered = buffered.slice(cut);
  });
  up.on('end', () => {
    if (buffered) write(buffered);
    end();
  });
}

export async function startRewriteProxy(target: string): Promise<RewriteProxy> {
  const to = new URL(target);
  const sockets = new Set<Socket>();
  const proxy: RewriteProxy = { url: '', rewrite: null, close };
  const server = createServer((req, res) => {
    const rewrite = proxy.rewrite;
    const path = req.url ?? '/';
    const out = forward(
      { host: to.hostname, port: to.port, method: req.method, path, headers: req.headers },
      (up) => {
        if (!rewrite) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const headers = { ...up.headers };
        delete headers['content-length'];
        res.writeHead(up.statusCode ?? 502, headers);
        passOn(
          up,
          (text) => res.write(rewrite(path, text)),
          () => res.end(),
        );
      },
    );
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;

  async function close(): Promise<void> {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
