import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP, RENDERER_SECURITY_HEADERS } from '../../shared/renderer-csp.ts';
import { createAppRequestHandler } from '../../electron/main/policy/app-request.ts';
import { resolveAppPath } from '../../electron/main/policy/app-path.ts';
import { OUT_OF_SERVICE_PATH } from '../../electron/main/policy/out-of-service.ts';
import { tempDir } from '../support/tmp.ts';

describe('resolveAppPath', () => {
  const root = join('/srv', 'lastword', 'renderer');

  it('serves index.html for the bare origin and for "/"', () => {
    expect(resolveAppPath(root, 'app://kiosk')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://kiosk/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://kiosk/index.html?lang=et#top')).toBe(
      join(root, 'index.html'),
    );
  });

  it('maps assets to files under the renderer folder', () => {
    expect(resolveAppPath(root, 'app://kiosk/assets/index-3f2a.js')).toBe(
      join(root, 'assets', 'index-3f2a.js'),
    );
    expect(resolveAppPath(root, 'app://kiosk/assets/my%20font.woff2')).toBe(
      join(root, 'assets', 'my font.woff2'),
    );
  });

  it.each([
    'app://kiosk/../../etc/passwd',
    'app://kiosk/assets/../../../etc/passwd.js',
    'app://kiosk/%2e%2e/%2e%2e/etc/passwd',
    'app://kiosk/..%2f..%2fetc%2fpasswd',
    'app://kiosk/..%5c..%5cwindows%5cwin.ini',
    'app://kiosk/assets\\..\\..\\secret.js',
    'app://kiosk/./index.html',
    'app://kiosk/index.html%00.js',
    'app://kiosk/C:%5cWindows%5cwin.ini',
    'app://kiosk/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it.each([
    'app://evil/index.html',
    'app://kiosk.evil/index.html',
    'app://kiosk@evil/index.html',
    'app://kiosk:8080/index.html',
    'https://kiosk/index.html',
    'file:///srv/lastword/renderer/index.html',
  ])('refuses %s (not the kiosk origin)', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('refuses folders and file types the renderer does not ship', () => {
    expect(resolveAppPath(root, 'app://kiosk/assets/')).toBeNull();
    expect(resolveAppPath(root, 'app://kiosk/kiosk.sqlite')).toBeNull();
  });
});

describe('app:// request handler', () => {
  const dir = tempDir('lastword-app-protocol-');
  let handle: (request: Request) => Promise<Response>;

  beforeAll(() => {
    mkdirSync(join(dir.path, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(dir.path, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(dir.path, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'secret.js'), 'the database key');
    handle = createAppRequestHandler({
      rootDir: join(dir.path, 'renderer'),
      readFile: (p) => readFile(p),
    });
  });
  afterAll(() => dir.remove());

  it('serves the page with the strict CSP and every security header', async () => {
    const res = await handle(new Request('app://kiosk/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>kiosk</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    for (const [name, value] of Object.entries(RENDERER_SECURITY_HEADERS))
      expect(res.headers.get(name)).toBe(value);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('serves scripts as JavaScript, so they run under nosniff', async () => {
    const res = await handle(new Request('app://kiosk/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer folder, and still sends the CSP', async () => {
    const res = await handle(new Request('app://kiosk/..%2fsecret.js'));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('database key');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
  });

  it('answers 404 for a missing file', async () => {
    expect((await handle(new Request('app://kiosk/assets/nope.js'))).status).toBe(404);
  });

  it('refuses writes', async () => {
    expect(
      (await handle(new Request('app://kiosk/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
  });

  it('serves the out-of-service page even when the renderer build is missing', async () => {
    const bare = createAppRequestHandler({
      rootDir: join(dir.path, 'nothing-here'),
      readFile: (p) => readFile(p),
    });
    const res = await bare(new Request(`app://kiosk${OUT_OF_SERVICE_PATH}`));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('out of service');
    expect(html).not.toMatch(/<script|https?:\/\//i);
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    const css = html.match(/href="([^"]+\.css)"/)?.[1];
    expect(css).toBeDefined();
    const cssRes = await bare(new Request(`app://kiosk${css}`));
    expect(cssRes.status).toBe(200);
    expect(cssRes.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });
});
