// The bridge over localhost HTTP, for browser-kiosk mode (Chromium --kiosk on a thin client),
// the demo and end-to-end tests. Same handlers as Electron IPC; the guards stand in for the
// sender-frame check: loopback only, a per-launch random token, and Host/Origin pinned to our
// own address so another web page (or a DNS-rebinding attack) cannot drive the kiosk.
// The token never appears in an address, so never on Chromium's command line (which every user
// of the machine can list) or in a log: the browser is sent to a one-time launch address that
// sets it as an HttpOnly, SameSite=Strict cookie and redirects to the kiosk page.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isChannel } from '../../shared/bridge-channels.ts';
import { fail } from '../../shared/result.ts';
import type { KioskHost } from './host.ts';
import { serveStatic } from './static-files.ts';

const MAX_BODY = 64 * 1024;

export interface BridgeServerOptions {
  /**
   * A promise while the host is still starting (cold start serves the page meanwhile): bridge
   * calls wait for it, the page's own files do not.
   */
  host: KioskHost | Promise<KioskHost>;
  /** The built renderer (dist/renderer); served at / with the renderer CSP. */
  rendererDir: string;
  port?: number;
}

export interface BridgeServer {
  /** Origin of the server, e.g. http://127.0.0.1:5173. */
  origin: string;
  /** A new address to open the kiosk page with, /launch/<nonce>: good for one visit only. */
  launchUrl(): string;
  close(): Promise<void>;
}

const LAUNCH_PATH = '/launch/';

export async function startBridgeServer(opts: BridgeServerOptions): Promise<BridgeServer> {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  /** Launch nonces handed out and not used yet. */
  const launches = new Set<string>();
  let cookieName = '';
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[bridge-http] request failed:', (error as Error)?.message);
      if (!res.headersSent) send(res, 500, fail('internal', 'request failed'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? ''))
      return send(res, 421, fail('unauthorized', 'wrong Host header'));
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith(LAUNCH_PATH)) {
      if (req.method !== 'GET') return send(res, 405, fail('unsupported', 'method not allowed'));
      // Used once: whoever reads the address later (a process listing, a history) gets nothing.
      if (!launches.delete(url.pathname.slice(LAUNCH_PATH.length)))
        return send(res, 403, fail('unauthorized', 'this launch address was used already'));
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      });
      return void res.end();
    }
    if (!url.pathname.startsWith('/bridge/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, fail('unsupported', 'method not allowed'));
      return serveStatic(opts.rendererDir, url.pathname, req.method === 'HEAD', res);
    }
    if (req.method !== 'POST') return send(res, 405, fail('unsupported', 'bridge calls are POST'));
    const origin = req.headers.origin;
    if (!origin || !allowedOrigins.has(origin))
      return send(res, 403, fail('unauthorized', 'wrong or missing Origin'));
    const auth = Buffer.from(cookie(req, cookieName) ?? '');
    if (auth.length !== expected.length || !timingSafeEqual(auth, expected)) {
      return send(
        res,
        401,
        fail('unauthorized', 'missing or wrong bridge token: open the kiosk by its launch address'),
      );
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, fail('invalid_request', 'bridge calls carry application/json'));
    }
    const channel = url.pathname.slice('/bridge/'.length);
    if (!isChannel(channel))
      return send(res, 404, fail('invalid_request', `unknown channel "${channel}"`));
    const body = await readBody(req);
    if (body === null)
      return send(res, 413, fail('invalid_request', `request body over ${MAX_BODY} bytes`));
    let payload: unknown;
    try {
      payload = body.length ? JSON.parse(body) : {};
    } catch {
      return send(res, 400, fail('invalid_request', 'request body is not valid JSON'));
    }
    const host = await opts.host;
    send(res, 200, await host.handle(channel, payload));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  // Cookies are per host, not per port: the port in the name keeps two kiosks apart.
  cookieName = `lastword_bridge_${port}`;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    launchUrl() {
      const nonce = randomBytes(32).toString('base64url');
      launches.add(nonce);
      return `${origin}${LAUNCH_PATH}${nonce}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function cookie(req: IncomingMessage, name: string): string | null {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return null;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY) {
      req.resume();
      return resolve(null);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is drained and dropped, so the 413 can still be answered.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}
