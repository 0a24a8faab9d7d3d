// The kiosk's side of sync protocol v1 over HTTP. Every call ends in a value, never a throw:
// either a parsed 2xx body or a failure that says whether the collector was reached at all (a
// failed request is the kiosk's offline signal), how long it asked us to wait, and a sentence
// for the admin screen. Replies are parsed with the protocol schemas like any trust boundary.
import type { z } from 'zod';
import { describeIssues } from '../../../shared/config.ts';
import {
  BatchReply,
  ConfigReply,
  ErrorReply,
  HeartbeatReply,
  type HeartbeatRequest,
} from '../../../shared/protocol.ts';
import {
  COMMANDS_FEATURE,
  CommandResultReply,
  FEATURES_HEADER,
  type CommandResult,
} from '../../../shared/kiosk-commands.ts';
import { parseRetryAfter } from './backoff.ts';

export type Failure = {
  ok: false;
  /** stopped: the engine is shutting down; not a failure worth recording. */
  kind: 'network' | 'timeout' | 'http' | 'protocol' | 'stopped';
  status: number | null;
  /** The collector answered (any HTTP status below 500): it is online, just not happy. */
  reachable: boolean;
  retryAfterMs: number | null;
  message: string;
};
export type Reply<T> = { ok: true; status: number; body: T; etag: string | null } | Failure;

export interface CollectorClientOptions {
  url: string;
  token: string;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetryAfterMs: number;
  now: () => Date;
  /** Aborted when the engine stops, so nothing waits out a timeout at shutdown. */
  stopSignal: AbortSignal;
}

export class CollectorClient {
  private readonly opts: CollectorClientOptions;
  private readonly base: string;
  private currentToken: string;

  constructor(opts: CollectorClientOptions) {
    this.opts = opts;
    this.base = opts.url.replace(/\/+$/, '');
    this.currentToken = opts.token;
  }

  /** The device token every request carries; a rotation order switches it (commands/). */
  get token(): string {
    return this.currentToken;
  }

  set token(token: string) {
    this.currentToken = token;
  }

  postBatch(path: '/v1/answers' | '/v1/alerts', body: object): Promise<Reply<BatchReply>> {
    return this.request('POST', path, BatchReply, { body });
  }

  /** Says it takes orders (kiosk-commands.ts), so the collector may send them in the reply. */
  heartbeat(body: HeartbeatRequest): Promise<Reply<HeartbeatReply>> {
    return this.request('POST', '/v1/heartbeat', HeartbeatReply, {
      body,
      headers: { [FEATURES_HEADER]: COMMANDS_FEATURE },
    });
  }

  postCommandResult(id: number, body: CommandResult): Promise<Reply<CommandResultReply>> {
    return this.request('POST', `/v1/commands/${id}/result`, CommandResultReply, { body });
  }

  /** 304 comes back as ok with a null body. */
  getConfig(etag: string | null): Promise<Reply<ConfigReply | null>> {
    return this.request('GET', '/v1/config', ConfigReply, { ifNoneMatch: etag });
  }

  private async request<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    o: { body?: object; ifNoneMatch?: string | null; headers?: Record<string, string> },
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.currentToken}`,
      accept: 'application/json',
      ...o.headers,
    };
    if (o.body) headers['content-type'] = 'application/json';
    if (o.ifNoneMatch) headers['if-none-match'] = o.ifNoneMatch;
    const signal = AbortSignal.any([
      this.opts.stopSignal,
      AbortSignal.timeout(this.opts.timeoutMs),
    ]);
    let res: Response;
    let text: string;
    try {
      res = await this.opts.fetch(`${this.base}${path}`, {
        method,
        headers,
        signal,
        ...(o.body && { body: JSON.stringify(o.body) }),
      });
      // The body is read under the same signal: a reply cut off halfway is a failed request.
      text = await res.text();
    } catch (error) {
      return this.thrown(error);
    }
    const etag = res.headers.get('etag');
    if (res.status === 304) return { ok: true, status: 304, body: null as T, etag };
    if (res.status >= 200 && res.status < 300) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return protocolFailure(res.status, 'the reply is not JSON');
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success)
        return protocolFailure(
          res.status,
          describeIssues(parsed.error)
            .map((p) => `${p.field}: ${p.reason}`)
            .join('; '),
        );
      return { ok: true, status: res.status, body: parsed.data, etag };
    }
    return this.httpFailure(res, text);
  }

  private thrown(error: unknown): Failure {
    const e = error as {
      name?: string;
      message?: string;
      cause?: { code?: string; message?: string };
    };
    const base = { ok: false as const, status: null, reachable: false, retryAfterMs: null };
    if (this.opts.stopSignal.aborted) return { ...base, kind: 'stopped', message: 'sync stopped' };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      return {
        ...base,
        kind: 'timeout',
        message: `the collector did not answer within ${Math.round(this.opts.timeoutMs / 100) / 10} s`,
      };
    }
    const why = e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
    return {
      ...base,
      kind: 'network',
      message: `cannot reach the collector at ${this.base} (${why})`,
    };
  }

  private httpFailure(res: Response, text: string): Failure {
    let detail: string;
    try {
      detail = ErrorReply.parse(JSON.parse(text)).message;
    } catch {
      detail = text.slice(0, 120);
    }
    const s = res.status;
    const retryAfterMs = parseRetryAfter(
      res.headers.get('retry-after'),
      this.opts.now(),
      this.opts.maxRetryAfterMs,
    );
    const said = detail ? `: ${detail}` : '';
    const message =
      s === 401
        ? `the collector refused the device token (401)${said}; check collector.token in the kiosk config or enrol the kiosk again`
        : s === 403
          ? `the collector refused this kiosk (403)${said}`
          : s === 429
            ? `the collector is rate limiting this kiosk (429)${said}`
            : s >= 500
              ? `the collector failed (${s})${said}`
              : `the collector refused the request (${s})${said}`;
    return {
      ok: false,
      kind: 'http',
      status: s,
      reachable: s < 500,
      retryAfterMs,
      message: message.slice(0, 500),
    };
  }
}

function protocolFailure(status: number, why: string): Failure {
  return {
    ok: false,
    kind: 'protocol',
    status,
    reachable: true,
    retryAfterMs: null,
    message: `the collector's reply does not follow protocol v1 (${why})`.slice(0, 500),
  };
}
