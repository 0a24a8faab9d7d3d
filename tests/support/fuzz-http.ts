// Raw HTTP for the API fuzz test: node:http on a keep-alive agent, because fetch cannot send what
// the fuzz needs to (no Content-Type with a body, a body on GET, chunked bodies past the limit,
// bytes that are not UTF-8), and a fixed number of requests in flight so that a loaded machine
// still runs thousands of them in seconds.
import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export interface FuzzRequest {
  /** What the generator meant to send, for the failure message. */
  what: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Sent chunked, without a Content-Length: the server learns the size only by reading. */
  chunked?: boolean;
}

export interface FuzzReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

const TIMEOUT_MS = 20_000;

export function fuzzClient(baseUrl: string, inFlight: number) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });

  function send(r: FuzzRequest): Promise<FuzzReply> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          headers: {
            ...r.headers,
            ...(r.body && !r.chunked && { 'content-length': String(r.body.length) }),
          },
          timeout: TIMEOUT_MS,
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no reply within ${TIMEOUT_MS} ms`)));
      // A server may answer (413) and close before it has read a large body: the reply stands.
      req.on('error', (e) => (answered ? undefined : reject(e)));
      if (r.body) req.write(r.body);
      req.end();
    });
  }

  /**
   * Runs every request, at most `inFlight` at a time. `seen` gets each reply (or the error) and
   * how many replies had come in when the request was sent: what it could have known about.
   */
  async function sendAll<R extends FuzzRequest>(
    list: R[],
    seen: (r: R, reply: FuzzReply | Error, repliesBefore: number) => void,
  ): Promise<void> {
    let next = 0;
    let replies = 0;
    const lane = async () => {
      while (next < list.length) {
        const r = list[next++]!;
        const before = replies;
        const reply = await send(r).catch((e: unknown) =>
          e instanceof Error ? e : new Error(String(e)),
        );
        replies++;
        seen(r, reply, before);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
  }

  return { send, sendAll, close: () => agent.destroy() };
}
