// The built staff page (dist/staff, from server/staff/page) under /staff/. Only files inside that folder
// are served, each with the strict CSP; anything unknown under /staff/ gets the page itself, so a
// reload on any client path works.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { noSuchEndpoint } from '../errors.ts';

export const DEFAULT_WEB_DIR = join(import.meta.dirname, '..', '..', 'dist', 'staff');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** A file of a built page under `root`; `unbuilt` is what a missing index.html answers (503). */
export async function sendFile(
  reply: FastifyReply,
  root: string,
  path: string,
  unbuilt = 'the staff page is not built: run `npm run build`',
): Promise<FastifyReply> {
  const file = normalize(join(root, path));
  if (!file.startsWith(root + sep)) return reply.code(404).type('text/plain').send('not found');
  try {
    const body = await readFile(file);
    const immutable = path.startsWith('assets/');
    return reply
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(body);
  } catch {
    if (path === 'index.html') return reply.code(503).type('text/plain').send(unbuilt);
    return reply.code(404).type('text/plain').send('not found');
  }
}

export function pageRoutes(app: FastifyInstance, webDir: string): void {
  const root = normalize(webDir);
  app.get('/staff', { config: { public: true } }, async (_request, reply) =>
    reply.redirect('/staff/'),
  );
  app.get('/staff/', { config: { public: true } }, async (_request, reply) =>
    sendFile(reply, root, 'index.html'),
  );
  app.get('/staff/*', { config: { public: true } }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (path.startsWith('api/')) return reply.code(404).send(noSuchEndpoint(request));
    return sendFile(reply, root, extname(path) ? path : 'index.html');
  });
}
