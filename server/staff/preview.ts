// The survey preview: the real kiosk renderer (dist/renderer), served under /staff/preview/ for
// the web admin's editor to frame at kiosk size. The editor frames it sandboxed without
// allow-same-origin, so the kiosk page runs in an opaque origin: it cannot read the staff
// session, the staff API or the editor's page, and gets the draft only by postMessage
// (renderer/bridge/preview.ts). Its policy is the kiosk's own with two changes: it may be framed
// by the staff page ('self') and may connect nowhere. The files are the public kiosk bundle, so
// they need no session (an opaque origin sends no SameSite cookie anyway) and carry
// Access-Control-Allow-Origin: * for the frame's module scripts, which an opaque origin fetches
// in CORS mode.
import type { FastifyInstance } from 'fastify';
import { extname, join, normalize } from 'node:path';
import { PREVIEW_PATH } from '../../shared/preview.ts';
import { RENDERER_SECURITY_HEADERS, rendererCsp } from '../../shared/renderer-csp.ts';
import { sendFile } from './pages.ts';

export const DEFAULT_RENDERER_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');

export const PREVIEW_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    Object.entries(RENDERER_SECURITY_HEADERS).map(([k, v]) => [k.toLowerCase(), v]),
  ),
  'content-security-policy': rendererCsp({
    'frame-ancestors': "'self'",
    'connect-src': "'none'",
  }),
  'x-frame-options': 'SAMEORIGIN',
  'access-control-allow-origin': '*',
};

export const isPreview = (url: string) => url.startsWith(PREVIEW_PATH);

export function previewRoutes(app: FastifyInstance, rendererDir: string): void {
  const root = normalize(rendererDir);
  app.get(`${PREVIEW_PATH}*`, { config: { public: true } }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    return sendFile(
      reply,
      root,
      extname(path) ? path : 'index.html',
      'the kiosk page is not built: run `npm run build`',
    );
  });
}
