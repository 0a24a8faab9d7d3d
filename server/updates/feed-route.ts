// GET /v1/updates/<name>: electron-updater's generic provider, one feed per kiosk. The kiosk
// (device token, as on every /v1 route) asks for latest-<platform>.yml and gets the manifest of
// the release chosen for it (rollout.ts); then it downloads the files that manifest names from the
// same place. A withdrawn release's files are gone (410), so a kiosk that has not yet fetched one
// never installs it. Files are served whole: the kiosk turns differential downloads off.
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.ts';
import type { CollectorContext } from '../kiosk-api/context.ts';
import { listReleases, updateViewOf } from './releases.ts';
import { chooseRelease } from './rollout.ts';

const MANIFEST = /^latest(-[a-z0-9-]+)?\.yml$/;

export function updateFeedRoute(
  app: FastifyInstance,
  ctx: CollectorContext,
  updatesDir: string,
): void {
  app.get<{ Params: { name: string } }>('/v1/updates/:name', async (request, reply) => {
    const { name } = request.params;
    const releases = await listReleases(ctx.storage);
    reply.header('cache-control', 'no-store');
    if (MANIFEST.test(name)) {
      const view = await updateViewOf(ctx.storage, request.kioskId);
      const chosen = chooseRelease(view, releases);
      if (!chosen) throw new HttpError(404, 'no_release', 'no release is offered to this kiosk');
      const manifest = releases.find((r) => r.version === chosen.version)!.manifests[name];
      if (!manifest)
        throw new HttpError(404, 'no_build', `release ${chosen.version} has no ${name}`);
      return reply.type('text/yaml; charset=utf-8').send(manifest);
    }
    const release = releases.find((r) => r.files.includes(name));
    if (!release) throw new HttpError(404, 'no_file', `no release has a file named ${name}`);
    if (release.withdrawn)
      throw new HttpError(410, 'withdrawn', `release ${release.version} was withdrawn`);
    const path = join(updatesDir, release.version, name);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      throw new HttpError(
        404,
        'file_missing',
        `${name} of release ${release.version} is not in the updates folder`,
      );
    }
    return reply
      .type('application/octet-stream')
      .header('content-length', size)
      .send(createReadStream(path));
  });
}
