import { describe, expect, it, vi } from 'vitest';
import type { KioskBridge } from '../../shared/bridge.ts';
import { createClient } from '../../renderer/bridge/client.ts';
import { BridgeError } from '../../renderer/bridge/errors.ts';
import { createHttpBridge } from '../../renderer/bridge/http.ts';
import { pickTransport } from '../../renderer/bridge/pick.ts';

function reply(status: number, body: unknown) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('the localhost transport', () => {
  it('posts the request to /bridge/<channel> with no token of its own: the cookie carries it', async () => {
    const fetchImpl = vi.fn(async () => reply(200, { ok: true, value: { durable: true } }));
    const bridge = createHttpBridge(fetchImpl as unknown as typeof fetch);
    const id = '01890a5d-ac96-7000-8000-000000000000';
    await expect(bridge.finishAnswer({ answerId: id, status: 'complete' })).resolves.toEqual({
      ok: true,
      value: { durable: true },
    });
    expect(fetchImpl).toHaveBeenCalledWith('/bridge/finishAnswer', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ answerId: id, status: 'complete' }),
    });
  });

  it('passes an error envelope from a 200 reply through unchanged', async () => {
    const envelope = {
      ok: false,
      error: {
        code: 'unavailable',
        message: 'bad config',
        problems: [{ field: 'kioskId', reason: 'missing' }],
      },
    };
    const bridge = createHttpBridge((async () => reply(200, envelope)) as unknown as typeof fetch);
    await expect(bridge.getConfig({})).resolves.toEqual(envelope);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [400, 'invalid_request'],
    [413, 'invalid_request'],
    [500, 'internal'],
  ])('maps HTTP %i to %s', async (status, code) => {
    const bridge = createHttpBridge((async () =>
      reply(status, { error: { message: 'nope' } })) as unknown as typeof fetch);
    await expect(bridge.getStatus({})).resolves.toEqual({
      ok: false,
      error: { code, message: 'nope' },
    });
  });

  it('reports an unreachable host as an error envelope, not a crash', async () => {
    const bridge = createHttpBridge((async () =>
      Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch);
    const result = await bridge.getStatus({});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('internal');
  });
});

describe('the app-facing client', () => {
  it('unwraps values and throws BridgeError with the code and the field problems', async () => {
    const bridge = {
      getStatus: async () => ({ ok: true, value: { queueDepth: 1 } }),
      getConfig: async () => ({
        ok: false,
        error: {
          code: 'unavailable',
          message: 'bad',
          problems: [{ field: 'kioskId', reason: 'missing' }],
        },
      }),
    } as unknown as KioskBridge;
    const client = createClient(bridge);
    await expect(client.getStatus({})).resolves.toEqual({ queueDepth: 1 });
    const error = await client.getConfig({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({
      code: 'unavailable',
      problems: [{ field: 'kioskId', reason: 'missing' }],
    });
  });

  it('prefers the Electron preload bridge when there is one', () => {
    const kiosk = {} as KioskBridge;
    expect(pickTransport({ kiosk } as unknown as Window)).toEqual({
      kind: 'electron',
      bridge: kiosk,
    });
  });

  it('uses the localhost transport on a page the kiosk host serves, the preview bridge in the editor frame, and none elsewhere', () => {
    const asked: unknown[] = [];
    const page = (protocol: string, pathname = '/') =>
      ({
        location: { protocol, pathname, origin: `${protocol}//127.0.0.1:4320` },
        fetch: () => undefined,
        addEventListener: () => undefined,
        parent: { postMessage: (message: unknown) => asked.push(message) },
      }) as unknown as Window;
    expect(pickTransport(page('http:')).kind).toBe('http');
    expect(pickTransport(page('https:', '/staff/preview/index.html')).kind).toBe('preview');
    // The framed kiosk page asks its parent (the survey editor) for the draft.
    expect(asked).toEqual([{ type: 'lastword-preview', ready: true }]);
    expect(pickTransport(page('file:')).kind).toBe('none');
  });
});
