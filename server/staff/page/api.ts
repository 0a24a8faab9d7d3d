// The staff API from the page: same-origin fetches with the session cookie; state-changing calls
// carry the CSRF token that /staff/api/me handed out.
import type {
  AlertReply,
  LoginBody,
  LogoutReply,
  MeReply,
  ResolveBody,
  SignedIn,
} from '../../../shared/staff-api.ts';

export type Me = SignedIn;

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

let csrf = '';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const res = await fetch(`/staff/api/${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const reply = (await res.json().catch(() => ({}))) as { message?: string };
  if (!res.ok) throw new ApiError(res.status, reply.message ?? `request failed (${res.status})`);
  return reply as T;
}

export async function me(): Promise<Me | null> {
  const m = await call<MeReply>('GET', 'me');
  if (!m.user) return null;
  csrf = m.csrfToken;
  return m;
}

export async function login(username: string, password: string): Promise<Me> {
  const m = await call<SignedIn>('POST', 'login', { username, password } satisfies LoginBody);
  csrf = m.csrfToken;
  return m;
}

export const logout = () => call<LogoutReply>('POST', 'logout');
export const acknowledge = (id: string) =>
  call<AlertReply>('POST', `alerts/${encodeURIComponent(id)}/ack`);
export const resolve = (id: string, outcome: ResolveBody['outcome'], note: string) =>
  call<AlertReply>('POST', `alerts/${encodeURIComponent(id)}/resolve`, {
    outcome,
    ...(note && { note }),
  } satisfies ResolveBody);
