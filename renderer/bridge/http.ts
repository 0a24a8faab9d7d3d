// Browser-kiosk mode: no preload, so the page talks to the kiosk host's localhost transport. The
// host opened us through a one-time launch address that set the bridge token as an HttpOnly
// cookie: the page never sees the token, the browser sends it with every call.
import type { BridgeResult, BridgeErrorBody } from '../../shared/result.ts';
import type { KioskBridge } from '../../shared/bridge.ts';
import { channels } from '../../shared/bridge-channels.ts';

function codeForStatus(status: number): BridgeErrorBody['code'] {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'internal';
}

async function messageOf(reply: Response): Promise<string> {
  try {
    const body: unknown = await reply.json();
    const err = (body as { error?: { message?: unknown } } | null)?.error;
    if (typeof err?.message === 'string') return err.message;
  } catch {
    // not JSON: fall through to the status line
  }
  return `kiosk host replied ${reply.status}`;
}

export function createHttpBridge(fetchImpl: typeof fetch = fetch): KioskBridge {
  const bridge: Partial<Record<string, unknown>> = {};
  for (const channel of channels) {
    bridge[channel] = async (request: unknown): Promise<BridgeResult<unknown>> => {
      let reply: Response;
      try {
        reply = await fetchImpl(`/bridge/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(request),
        });
      } catch (e) {
        return {
          ok: false,
          error: { code: 'internal', message: `kiosk host unreachable: ${String(e)}` },
        };
      }
      if (!reply.ok)
        return {
          ok: false,
          error: { code: codeForStatus(reply.status), message: await messageOf(reply) },
        };
      try {
        const body = (await reply.json()) as BridgeResult<unknown>;
        if (body && typeof body === 'object' && typeof body.ok === 'boolean') return body;
      } catch {
        // handled below
      }
      return {
        ok: false,
        error: { code: 'internal', message: 'kiosk host sent a reply that is not a bridge result' },
      };
    };
  }
  return bridge as KioskBridge;
}
