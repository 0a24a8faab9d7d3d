// A fault-injecting HTTP proxy between the kiosk's sync engine and a real collector, for tests.
// Each request either passes through untouched or meets one fault:
//   5xx                 answered 500/502/503 by the proxy; the collector never sees it
//   hang                the request is read and never answered, until the client times out
//   reset               the connection is reset (TCP RST) as soon as the request arrives
//   drop-after-commit   forwarded, the collector's full reply read (so it has committed), then
//                       the reply is lost: a reset with no bytes, a reply cut off halfway, or
//                       silence until the client gives up
// Faults are drawn at `rate` from a seeded generator (repeatable runs), or planned one by one.
import {
  Agent,
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAULT_KINDS = ['5xx', 'hang', 'reset', 'drop-after-commit'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type Decision = FaultKind | 'pass';

export interface FaultProxy {
  url: string;
  /** Share of requests that meet a fault (0 = a clean pipe). */
  setRate(rate: number): void;
  /** The next requests meet exactly these, in order, before the rate applies again. */
  plan(...decisions: Decision[]): void;
  /** While down, every request is reset: the collector is unreachable. */
  setDown(down: boolean): void;
  /** How many requests met each outcome, by path. */
  readonly counts: Record<Decision, number>;
  readonly paths: string[];
  close(): Promise<void>;
}

/** mulberry32: small, fast and good enough to pick faults repeatably. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(opts: {
  target: string;
  rate?: number;
  seed?: number;
  kinds?: readonly FaultKind[];
}): Promise<FaultProxy> {
  const target = new URL(opts.target);
  const random = seeded(opts.seed ?? 1);
  const kinds = opts.kinds ?? FAULT_KINDS;
  const agent = new Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const planned: Decision[] = [];
  const counts = Object.fromEntries(['pass', ...FAULT_KINDS].map((k) => [k, 0])) as Record<
    Decision,
    number
  >;
  const paths: string[] = [];
  let rate = opts.rate ?? 0;
  let down = false;

  const decide = (): Decision => {
    if (down) return 'reset';
    const next = planned.shift();
    if (next) return next;
    return random() < rate ? kinds[Math.floor(random() * kinds.length)]! : 'pass';
  };

  /** Sends the request on to the collector; resolves with its complete reply. */
  const upstream = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>(
      (resolve, reject) => {
        const out = forward(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host },
            agent,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 502,
                headers: res.headers,
                body: Buffer.concat(chunks),
              }),
            );
            res.on('error', reject);
          },
        );
        out.on('error', reject);
        out.end(body);
      },
    );

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const decision = decide();
    counts[decision]++;
    paths.push(`${decision} ${req.method} ${req.url}`);
    if (decision === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    const body = await readBody(req);
    if (decision === 'hang') return; // the socket stays open and silent; the client's timeout ends it
    if (decision === '5xx') {
      const status = [500, 502, 503][Math.floor(random() * 3)]!;
      res.writeHead(status, { 'content-type': status === 502 ? 'text/html' : 'application/json' });
      res.end(
        status === 502
          ? '<html>Bad gateway</html>'
          : JSON.stringify({ error: 'internal', message: 'injected fault' }),
      );
      return;
    }
    const reply = await upstream(req, body);
    if (decision === 'drop-after-commit') {
      const how = random();
      if (how < 0.4) req.socket.resetAndDestroy();
      else if (how < 0.8) {
        // Headers and half the body, then the connection dies: the client must not trust it.
        res.writeHead(reply.status, {
          ...reply.headers,
          'content-length': String(reply.body.length),
        });
        res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () =>
          req.socket.destroy(),
        );
      }
      return; // else: silence, until the client times out
    }
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setRate: (r) => (rate = r),
    plan: (...d) => planned.push(...d),
    setDown: (d) => (down = d),
    counts,
    paths,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
