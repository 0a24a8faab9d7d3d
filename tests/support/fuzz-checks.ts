// What the API fuzz test holds the collector to, reply by reply: never a 5xx, an error as JSON
// with a code and a sentence, a success with the status and in the shape the contract promises,
// and no alert or comment of another location shown to a staff member. What it stored is the
// ledger's to check (fuzz-ledger.ts).
import { z } from 'zod';
import { BatchReply, ConfigReply, HeartbeatReply } from '../../shared/protocol.ts';
import { DigestReply, DigestSubscriber, SubscriptionsReply } from '../../shared/digest-api.ts';
import { ResultAnswersReply, ResultsReply } from '../../shared/results-api.ts';
import {
  AlertListReply,
  AlertReply,
  CommentsReply,
  MeReply,
  type StaffAlert,
} from '../../shared/staff-api.ts';
import { DutyReply, RecognitionReply } from '../../shared/staff-duty-api.ts';
import type { FuzzReply } from './fuzz-http.ts';
import type { FuzzCase, FuzzSession } from './fuzz-requests.ts';

export type Item = Record<string, unknown>;

/**
 * A refusal a client can act on and show: a code and a sentence. Not all of ErrorReply: fastify
 * answers a malformed URL itself, before any hook, with its own extra fields.
 */
const Refusal = z.object({ error: z.string().min(1), message: z.string().min(1) });

/** JSON text parsed once (the check and the ledger both read each reply and batch). */
const parsedOnce = new WeakMap<object, unknown>();
export function parsed(key: FuzzReply | Buffer, text: () => string): unknown {
  if (!parsedOnce.has(key)) {
    try {
      parsedOnce.set(key, JSON.parse(text()));
    } catch {
      parsedOnce.set(key, undefined);
    }
  }
  return parsedOnce.get(key);
}

/** What a success from this endpoint must be, or null where no 2xx may come back at all. */
function success(c: FuzzCase): { status: number; schema: z.ZodType } | null {
  const path = c.path.split('?')[0]!;
  const ok = (schema: z.ZodType, status = 200) => ({ status, schema });
  if (path === '/v1/answers' || path === '/v1/alerts') return ok(BatchReply);
  if (path === '/v1/heartbeat') return ok(HeartbeatReply);
  if (path === '/v1/config') return ok(ConfigReply);
  if (path === '/staff/api/me') return ok(MeReply);
  if (path === '/staff/api/alerts') return ok(AlertListReply);
  if (/\/(ack|resolve)$/.test(path)) return ok(AlertReply);
  if (path === '/staff/api/results') return ok(ResultsReply);
  if (path === '/staff/api/results/answers') return ok(ResultAnswersReply);
  if (path === '/staff/api/comments') return ok(CommentsReply);
  if (path === '/staff/api/recognition') return ok(RecognitionReply);
  if (path === '/staff/api/duty') return ok(DutyReply);
  // A manager adding a well-formed address at one of their locations (a number written as
  // 0.1e1 is 1 in JSON) is a success, not a hole: the updated list comes back.
  if (path === '/staff/api/digest') return ok(DigestReply);
  if (path === '/staff/api/digest/subscriptions') return ok(SubscriptionsReply);
  if (path === '/staff/api/digest/subscribers' && c.method === 'POST')
    return ok(z.array(DigestSubscriber), 201);
  if (
    path === '/staff/api/digest/subscriptions/mine' ||
    path.startsWith('/staff/api/digest/subscribers/')
  )
    return ok(z.undefined(), 204);
  // Login (no fuzz password is right), logout (never with the CSRF token), the stream (no session).
  return null;
}

/** A failed case as the failure message shows it: what was sent, then what came back. */
export function failureLine(c: FuzzCase, problem: string): string {
  const headers = JSON.stringify(c.headers).slice(0, 200);
  const body = c.body?.toString('utf8').slice(0, 400) ?? '';
  return `${c.what}: ${c.method} ${c.path.slice(0, 120)} ${headers} ${body}\n  → ${problem}`;
}

/** Why this reply breaks the contract, or null. `limited`: a session confined to some locations. */
export function replyProblem(
  c: FuzzCase,
  reply: FuzzReply | Error,
  limited: { session: FuzzSession; locations: string[] },
): string | null {
  if (reply instanceof Error) return `no reply: ${reply.message}`;
  const body = parsed(reply, () => reply.text);
  if (reply.status >= 500) return `${reply.status} ${reply.text.slice(0, 300)}`;
  if (reply.status >= 400) {
    const json = String(reply.headers['content-type']).startsWith('application/json');
    return json && Refusal.safeParse(body).success
      ? null
      : `${reply.status} without an error reply: ${reply.text.slice(0, 300)}`;
  }
  if (reply.status === 304 && c.path === '/v1/config') return null;
  const expected = success(c);
  if (!expected || reply.status !== expected.status)
    return `unexpected ${reply.status}: ${reply.text.slice(0, 300)}`;
  const fits = expected.schema.safeParse(body);
  if (!fits.success)
    return `${reply.status} not in the contract's shape: ${fits.error.message.slice(0, 300)}`;
  if (expected.schema === BatchReply) {
    const { results } = BatchReply.parse(body);
    const items = batchItems(c);
    if (items && results.length !== items.length)
      return `${items.length} items but ${results.length} results`;
    if (results.some((r) => r.status === 'rejected' && !r.reason))
      return 'an item rejected without a reason';
  }
  if (c.headers.cookie === limited.session.cookie && fits.data && typeof fits.data === 'object') {
    const shown: StaffAlert[] =
      'alerts' in (fits.data as object)
        ? (fits.data as { alerts: StaffAlert[] }).alerts
        : 'alert' in (fits.data as object)
          ? [(fits.data as { alert: StaffAlert }).alert]
          : [];
    const foreign = shown.find((a) => !limited.locations.includes(a.location));
    if (foreign) return `a staff member was shown an alert at "${foreign.location}"`;
    const comments =
      'comments' in (fits.data as object)
        ? (fits.data as { comments: { location: { name: string } }[] }).comments
        : [];
    const elsewhere = comments.find((m) => !limited.locations.includes(m.location.name));
    if (elsewhere) return `a staff member was shown a comment at "${elsewhere.location.name}"`;
  }
  return null;
}

/** The batch's items as the collector read them: from the bytes sent, not the generator's value. */
export function batchItems(c: FuzzCase): Item[] | null {
  const key = c.path === '/v1/answers' ? 'answers' : 'alerts';
  const body = c.body ? parsed(c.body, () => c.body!.toString('utf8')) : undefined;
  const list = (body as Record<string, unknown> | null | undefined)?.[key];
  return Array.isArray(list) ? (list as Item[]) : null;
}
