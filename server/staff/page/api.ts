// The staff API from the page: same-origin fetches with the session cookie; state-changing calls
// carry the CSRF token that /staff/api/me handed out.
import type { StaffAlert } from '../../alerts/hub.ts';

export interface Me {
  user: {
    username: string;
    displayName: string;
    role: 'staff' | 'manager' | 'admin';
    locations: string[] | 'all';
  };
  csrfToken: string;
}

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
  const m = await call<Me | { user: null }>('GET', 'me');
  if (!m.user) return null;
  csrf = m.csrfToken;
  return m;
}

export async function login(username: string, password: string): Promise<Me> {
  const m = await call<Me>('POST', 'login', { username, password });
  csrf = m.csrfToken;
  return m;
}

export const logout = () => call<{ ok: true }>('POST', 'logout');
export const acknowledge = (id: string) =>
  call<{ alert: StaffAlert }>('POST', `alerts/${encodeURIComponent(id)}/ack`);
export const resolve = (id: string, outcome: string, note: string) =>
  call<{ alert: StaffAlert }>('POST', `alerts/${encodeURIComponent(id)}/resolve`, {
    outcome,
    ...(note && { note }),
  });
