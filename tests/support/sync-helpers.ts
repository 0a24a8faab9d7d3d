// Small seams for sync tests: a fetch that records what the engine sent (and can act between
// requests), a poll-until helper, and a quick read of the kiosk database.
import Database from 'better-sqlite3';

export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
  /** The HTTP status that came back; null when the request failed. */
  status: number | null;
}

/** Wraps the global fetch; `before` runs before each request is made (to write rows mid-drain). */
export function recordingFetch(
  before?: (request: SentRequest, index: number) => void | Promise<void>,
): { fetch: typeof fetch; requests: SentRequest[] } {
  const requests: SentRequest[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const r: SentRequest = {
      method: init?.method ?? 'GET',
      path: new URL(String(input)).pathname,
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
      body:
        typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null,
      status: null,
    };
    requests.push(r);
    await before?.(r, requests.length - 1);
    const res = await fetch(input, init);
    r.status = res.status;
    return res;
  };
  return { fetch: wrapped, requests };
}

export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  everyMs = 20,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function readKiosk<T = Record<string, unknown>>(
  databasePath: string,
  sql: string,
  ...params: unknown[]
): T[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
