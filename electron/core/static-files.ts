// Serves the built renderer. Shared by the localhost transport and Electron's app:// protocol so
// both refuse the same paths and send the same security headers.
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { RENDERER_SECURITY_HEADERS } from '../../shared/renderer-csp.ts';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.ico': 'image/x-icon',
};

/**
 * Maps a URL path to a file under root, or null when it would leave root or names a file type
 * the renderer does not ship. "/" is the app's index.html.
 */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(base, relative);
  if (full !== base && !full.startsWith(base + sep)) return null;
  if (!(extname(full) in CONTENT_TYPES)) return null;
  return full;
}

export function serveStatic(
  root: string,
  pathname: string,
  headOnly: boolean,
  res: ServerResponse,
): void {
  const file = resolveStaticPath(root, pathname);
  const stat = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
  if (!file || !stat?.isFile()) {
    res.writeHead(404, {
      'content-type': 'text/plain; charset=utf-8',
      ...RENDERER_SECURITY_HEADERS,
    });
    res.end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)],
    'content-length': stat.size,
    // Hashed asset names change with every build; index.html must always be fresh.
    'cache-control': file.endsWith('index.html')
      ? 'no-store'
      : 'public, max-age=31536000, immutable',
    ...RENDERER_SECURITY_HEADERS,
  });
  if (headOnly) res.end();
  else createReadStream(file).pipe(res);
}
