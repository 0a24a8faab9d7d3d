// Answers app://kiosk requests: the shell's own pages, then files of the built renderer. Every
// response carries the renderer's CSP and security headers, errors included. Written against
// the Fetch API's Request/Response (global in Node and in Electron's main process) so it is
// tested in plain Node and handed to protocol.handle unchanged.
import { extname } from 'node:path';
import { RENDERER_SECURITY_HEADERS } from '../../../shared/renderer-csp.ts';
import { CONTENT_TYPES } from '../../core/static-files.ts';
import { resolveAppPath } from './app-path.ts';
import { APP_ORIGIN } from './origin.ts';
import { SHELL_FILES } from './out-of-service.ts';

export type ReadFile = (path: string) => Promise<Uint8Array>;

const TEXT = 'text/plain; charset=utf-8';

function respond(
  status: number,
  body: string | Uint8Array | null,
  type: string,
  cache: string,
): Response {
  const headers = new Headers(RENDERER_SECURITY_HEADERS);
  headers.set('Content-Type', type);
  headers.set('Cache-Control', cache);
  return new Response(body as BodyInit | null, { status, headers });
}

export function createAppRequestHandler(opts: {
  rootDir: string;
  readFile: ReadFile;
}): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return respond(405, 'method not allowed', TEXT, 'no-store');
    const head = request.method === 'HEAD';

    const path = request.url.startsWith(`${APP_ORIGIN}/`)
      ? request.url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0]
      : undefined;
    const shell = path === undefined ? undefined : SHELL_FILES[path];
    if (shell) return respond(200, head ? null : shell.body, shell.type, 'no-store');

    const file = resolveAppPath(opts.rootDir, request.url);
    if (!file) return respond(404, head ? null : 'not found', TEXT, 'no-store');
    let body: Uint8Array;
    try {
      body = await opts.readFile(file);
    } catch {
      return respond(404, head ? null : 'not found', TEXT, 'no-store');
    }
    // Hashed asset names change with every build; index.html must always be fresh.
    const cache = file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable';
    return respond(
      200,
      head ? null : body,
      CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      cache,
    );
  };
}
