// The staff API from the page: same-origin fetches with the session cookie; state-changing calls
// carry the CSRF token that /staff/api/me handed out. Every reply is parsed with the contract in
// shared/staff-api.ts: one that does not fit is a MalformedReply, which the screens show as such.
import type { z } from 'zod';
import {
  FollowUpDraft,
  SendFollowUpReply,
  type FollowUpDraftQuery,
  type SendFollowUpBody,
} from '../../../shared/follow-up-api.ts';
import {
  AlertReply,
  LogoutReply,
  MeReply,
  SignedIn,
  StaffErrorReply,
  type AlertOutcome,
  type LoginBody,
  type ResolveBody,
} from '../../../shared/staff-api.ts';
import { sentence } from './dom.ts';

export class ApiError extends Error {
  readonly status: number;
  /** The field problems of a refusal, for a form to show next to its fields. */
  readonly problems: { field: string; reason: string }[];
  constructor(status: number, message: string, problems: ApiError['problems'] = []) {
    super(message);
    this.status = status;
    this.problems = problems;
  }
}

/** The collector answered, but not in the shape this page was built for. */
export class MalformedReply extends Error {}

type Issue = z.core.$ZodIssue;

/**
 * The problem to name: inside a union (me: signed in, or not), the one from the branch that got
 * furthest, so a bad role reads "user.role: …" rather than "invalid input".
 */
function closest(issue: Issue): Issue {
  if (issue.code !== 'invalid_union') return issue;
  let best: Issue = issue;
  for (const branch of issue.errors) {
    if (!branch[0]) continue;
    const inner = closest({ ...branch[0], path: [...issue.path, ...branch[0].path] });
    if (best === issue || inner.path.length > best.path.length) best = inner;
  }
  return best;
}

/** Parses what the collector sent about `what`, or throws a MalformedReply that names the field. */
export function readReply<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = closest(parsed.error.issues[0]!);
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new MalformedReply(`${what}: ${where}${issue.message}`);
}

let csrf = '';

const signedOutListeners = new Set<() => void>();

/** Calls `listener` when the session turns out to have ended; returns how to stop listening. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** The session is gone (expired, logged out elsewhere): every page gives way to the login. */
export function sessionEnded(): void {
  for (const listener of [...signedOutListeners]) listener();
}

async function call<T>(
  schema: z.ZodType<T>,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const res = await fetch(`/staff/api/${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const reply: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw refusal(res.status, reply, path !== 'login');
  return readReply(schema, reply, `${method} ${path}`);
}

/** The collector's refusal as an ApiError; a 401 outside login means the session has ended. */
function refusal(status: number, reply: unknown, sessionGone: boolean): ApiError {
  if (status === 401 && sessionGone) sessionEnded();
  const error = StaffErrorReply.safeParse(reply);
  return new ApiError(
    status,
    error.data?.message ?? `request failed (${status})`,
    error.data?.problems,
  );
}

export async function me(): Promise<SignedIn | null> {
  const m = await call(MeReply, 'GET', 'me');
  if (!m.user) return null;
  csrf = m.csrfToken;
  return m;
}

export async function login(username: string, password: string): Promise<SignedIn> {
  const m = await call(SignedIn, 'POST', 'login', { username, password } satisfies LoginBody);
  csrf = m.csrfToken;
  return m;
}

/** A GET of the staff API (`path` after /staff/api/, with its query string), parsed with `schema`. */
export const getJson = <T>(schema: z.ZodType<T>, path: string): Promise<T> =>
  call(schema, 'GET', path);

/**
 * A GET for a page that polls: sends the ETag of what it holds, and resolves to null when the
 * collector says it is unchanged (304), else to the new reply and its ETag.
 */
export async function getIfChanged<T>(
  schema: z.ZodType<T>,
  path: string,
  etag: string | null,
): Promise<{ data: T; etag: string | null } | null> {
  const res = await fetch(`/staff/api/${path}`, {
    credentials: 'same-origin',
    cache: 'no-store',
    headers: etag ? { 'if-none-match': etag } : {},
  });
  if (res.status === 304) return null;
  const reply: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw refusal(res.status, reply, true);
  return { data: readReply(schema, reply, `GET ${path}`), etag: res.headers.get('etag') };
}

/** A state-changing call of the staff API (with the CSRF token), its reply parsed with `schema`. */
export const sendJson = <T>(
  schema: z.ZodType<T>,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> => call(schema, method, path, body);

export const logout = () => call(LogoutReply, 'POST', 'logout');
export const acknowledge = (id: string) =>
  call(AlertReply, 'POST', `alerts/${encodeURIComponent(id)}/ack`);
export const resolve = (id: string, outcome: AlertOutcome, note: string) =>
  call(AlertReply, 'POST', `alerts/${encodeURIComponent(id)}/resolve`, {
    outcome,
    ...(note && { note }),
  } satisfies ResolveBody);

/** A page's load failure in its status line: the API's own words, or what could not be loaded. */
export function showLoadError(status: HTMLElement, e: Error, what: string): void {
  status.classList.add('results-error');
  status.setAttribute('role', 'alert');
  status.textContent =
    e instanceof ApiError ? `${sentence(e.message)}.` : `${what} could not be loaded: ${e.message}`;
}

/** The follow-up form's start: templates in the customer's language, channels, the log so far. */
export const followUpDraft = (q: FollowUpDraftQuery) =>
  call(
    FollowUpDraft,
    'GET',
    `follow-ups/draft?${new URLSearchParams(q as Record<string, string>)}`,
  );
export const sendFollowUp = (body: SendFollowUpBody) =>
  call(SendFollowUpReply, 'POST', 'follow-ups', body);
