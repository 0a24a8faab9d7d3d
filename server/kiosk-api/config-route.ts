// GET /v1/config: the kiosk's settings and survey. Kiosks poll it (or fetch it when a heartbeat
// reports a new version); the ETag makes an unchanged config a bodiless 304.
import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from './context.ts';
import { HttpError } from '../errors.ts';
import { configFor } from './kiosk-configs.ts';

export function configRoute(app: FastifyInstance, ctx: CollectorContext): void {
  app.get('/v1/config', async (request, reply) => {
    const config = await configFor(ctx.storage, request.kioskId);
    if (!config)
      throw new HttpError(
        404,
        'no_config',
        `no config is attached to kiosk "${request.kioskId}" yet`,
      );
    const etag = `"${config.version}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (matches(request.headers['if-none-match'], config.version)) return reply.code(304).send();
    // The stored text is served as is, so the bytes are exactly the ones the version hashes.
    return reply
      .type('application/json')
      .send(`{"version":${JSON.stringify(config.version)},"config":${config.body}}`);
  });
}

/** If-None-Match: "*", or a list of (possibly weak) tags; weak comparison, as RFC 9110 asks for GET. */
function matches(header: string | undefined, version: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === `"${version}"`;
  });
}
