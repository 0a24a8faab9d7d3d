import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/renderer-csp.ts';
import { createKioskHost, type KioskHost } from '../../electron/core/host.ts';
import { startBridgeServer, type BridgeServer } from '../../electron/core/http-transport.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
let host: KioskHost;
let server: BridgeServer;
/** The bridge cookie the launch address set, as a browser would send it back. */
let cookie: string;
const databasePath = join(dir.path, 'kiosk.sqlite');
const logged: string[] = [];

beforeAll(async () => {
  writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(dir.path, 'secret.txt'), 'not part of the renderer');
  host = createKioskHost({
    configPath: writeConfig(dir.path, smallConfig()),
    databasePath,
    appVersion: 'test',
    actions: { reload: () => {}, exit: () => {} },
    log: (level, message, fields) => logged.push(`${level} ${message} ${JSON.stringify(fields)}`),
  });
  server = await startBridgeServer({ host, rendererDir: dir.path });
  cookie = String((await send(new URL(server.launchUrl()).pathname)).headers['set-cookie']).split(
    ';',
  )[0]!;
});
afterAll(async () => {
  await server.close();
  host.close();
  dir.remove();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP, so tests can send the Host and Origin headers a browser or an attacker would. */
function send(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

function bridge(
  channel: string,
  payload: unknown,
  override: Record<string, string> = {},
): Promise<Reply> {
  return send(`/bridge/${channel}`, {
    method: 'POST',
    headers: {
      origin: server.origin,
      cookie,
      'content-type': 'application/json',
      ...override,
    },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

const answerCount = () => {
  const db = new Database(databasePath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('localhost bridge transport', () => {
  it('listens on loopback only and sets the token as a cookie through a one-time launch address', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const url = server.launchUrl();
    expect(url).toMatch(new RegExp(`^${server.origin}/launch/[A-Za-z0-9_-]{43}$`));
    const launched = await send(new URL(url).pathname);
    expect(launched.status).toBe(303);
    expect(launched.headers.location).toBe('/');
    const [setCookie] = launched.headers['set-cookie'] as string[];
    expect(setCookie).toMatch(
      /^lastword_bridge_\d+=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const token = setCookie!.split(';')[0]!.split('=')[1]!; // 256 bits, base64url
    // Nowhere a process listing, a terminal or a log could show it.
    expect(url).not.toContain(token);
    expect(server.launchUrl()).not.toContain(token);
    expect(logged.join('\n')).not.toContain(token);
    expect(logged.length).toBeGreaterThan(0);
  });

  it('refuses a launch address the second time, and one it never issued', async () => {
    const path = new URL(server.launchUrl()).pathname;
    expect((await send(path)).status).toBe(303);
    const again = await send(path);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await send(`/launch/${'x'.repeat(43)}`)).status).toBe(403);
  });

  it('serves the renderer with the strict CSP header', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>kiosk</title>');
    expect(reply.headers['content-security-policy']).toBe(RENDERER_CSP);
  });

  it('refuses paths outside the renderer and file types it does not ship', async () => {
    expect((await send('/../../../../etc/passwd')).status).toBe(404);
    expect((await send('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await send('/secret.txt')).status).toBe(404);
  });

  it('carries a bridge call to the host and back', async () => {
    const reply = await bridge('startAnswer', { smiley: 3, language: 'en' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: true,
      value: { durable: true, possibleRepeat: false },
    });
    expect(answerCount()).toBe(1);
  });

  it('serves the page while the host is still starting, and holds bridge calls until it is up', async () => {
    let started: (h: KioskHost) => void = () => undefined;
    const starting = await startBridgeServer({
      host: new Promise<KioskHost>((resolve) => (started = resolve)),
      rendererDir: dir.path,
    });
    try {
      const at = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
        new Promise<Reply>((resolve, reject) => {
          const req = request(
            { host: '127.0.0.1', port: new URL(starting.origin).port, path, method, headers },
            (res) => {
              let body = '';
              res.on('data', (c: Buffer) => (body += c.toString()));
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
              );
            },
          );
          req.on('error', reject);
          req.end(method === 'POST' ? '{}' : undefined);
        });
      expect((await at('/')).status).toBe(200);
      const launched = await at(new URL(starting.launchUrl()).pathname);
      const call = at(
        '/bridge/getConfig',
        {
          origin: starting.origin,
          cookie: String(launched.headers['set-cookie']).split(';')[0]!,
          'content-type': 'application/json',
        },
        'POST',
      );
      let answered = false;
      void call.then(() => (answered = true));
      // The page's files still come while the call waits for the host.
      expect((await at('/')).status).toBe(200);
      expect(answered).toBe(false);
      started(host);
      const reply = await call;
      expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
    } finally {
      await starting.close();
    }
  });

  const token = () => cookie.split('=')[1]!;
  it.each<[string, () => Record<string, string>, number]>([
    ['no cookie', () => ({ cookie: '' }), 401],
    ['a wrong cookie', () => ({ cookie: cookie.replace(/=.*/, '=nope') }), 401],
    [
      'the token as a bearer header',
      () => ({ cookie: '', authorization: `Bearer ${token()}` }),
      401,
    ],
    [
      'the token in a cookie of another name',
      () => ({ cookie: `lastword_bridge=${token()}` }),
      401,
    ],
    ['another origin', () => ({ origin: 'http://evil.example' }), 403],
    ['no origin', () => ({ origin: '' }), 403],
    ['a rebinding Host header', () => ({ host: 'evil.example' }), 421],
    ['a form post', () => ({ 'content-type': 'text/plain' }), 415],
  ])('refuses a call with %s and writes nothing', async (_what, override, status) => {
    const before = answerCount();
    const reply = await bridge('startAnswer', { smiley: 3, language: 'en' }, override());
    expect(reply.status).toBe(status);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false });
    expect(answerCount()).toBe(before);
  });

  it('answers an unknown channel, broken JSON and an oversized body with clear errors', async () => {
    const before = answerCount();
    expect((await bridge('dropTables', {})).status).toBe(404);
    const broken = await bridge('startAnswer', '{"smiley": 3,');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: 'request body is not valid JSON' },
    });
    const huge = await bridge(
      'startAnswer',
      JSON.stringify({ smiley: 3, language: 'en', pad: 'x'.repeat(100_000) }),
    );
    expect(huge.status).toBe(413);
    expect(answerCount()).toBe(before);
  });

  it('passes schema errors through as a typed envelope with field problems', async () => {
    const reply = await bridge('startAnswer', { smiley: 9, language: 'en' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', problems: [{ field: 'smiley' }] },
    });
  });
});
