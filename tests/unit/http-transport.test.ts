import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../electron/core/csp.ts';
import { createKioskHost, type KioskHost } from '../../electron/core/host.ts';
import { startBridgeServer, type BridgeServer } from '../../electron/core/http-transport.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
let host: KioskHost;
let server: BridgeServer;
const databasePath = join(dir.path, 'kiosk.sqlite');

beforeAll(async () => {
  writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(dir.path, 'secret.txt'), 'not part of the renderer');
  host = createKioskHost({
    configPath: writeConfig(dir.path, smallConfig()),
    databasePath,
    appVersion: 'test',
    actions: { reload: () => {}, exit: () => {} },
  });
  server = await startBridgeServer({ host, rendererDir: dir.path });
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
      authorization: `Bearer ${server.token}`,
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
  it('listens on loopback only and hands out the token in the URL fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
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

  it.each([
    ['no token', { authorization: '' }, 401],
    ['a wrong token', { authorization: 'Bearer nope' }, 401],
    ['another origin', { origin: 'http://evil.example' }, 403],
    ['no origin', { origin: '' }, 403],
    ['a rebinding Host header', { host: 'evil.example' }, 421],
    ['a form post', { 'content-type': 'text/plain' }, 415],
  ])('refuses a call with %s and writes nothing', async (_what, override, status) => {
    const before = answerCount();
    const reply = await bridge('startAnswer', { smiley: 3, language: 'en' }, override);
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
