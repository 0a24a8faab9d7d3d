// The kiosk update feed over real HTTP, on SQLite and PostgreSQL: releases published from
// electron-builder's output, each kiosk served the manifest of the release chosen for it (staged
// rollout, channel, pin), the files byte for byte with the sha512 the manifest names, and a
// withdrawn release sent back from and no longer downloadable. Bad publishes change nothing.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelCommand,
  pinCommand,
  publishCommand,
  withdrawCommand,
} from '../../server/updates/cli-commands.ts';
import { listReleases } from '../../server/updates/releases.ts';
import { inRollout } from '../../server/updates/rollout.ts';
import {
  call,
  collectorEngines,
  startCollector,
  type RunningCollector,
} from '../support/collector.ts';
import { tempDir } from '../support/tmp.ts';
import { builderOutput, sha512 } from '../support/builder-output.ts';

for (const engine of await collectorEngines('kiosk update feed')) {
  describe.skipIf(engine.skip)(`kiosk update feed on ${engine.name}`, () => {
    const dir = tempDir('lastword-updates-');
    const updatesDir = join(dir.path, 'updates');
    let c: RunningCollector;
    let drop: () => Promise<void>;
    const out: string[] = [];
    const say = (line: string) => void out.push(line);
    const builds: Record<string, { dir: string; appImage: Buffer }> = {};
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      const fresh = await engine.fresh();
      drop = fresh.drop;
      c = await startCollector({ ...fresh.options, updatesDir });
      for (const v of ['1.3.0', '1.4.0', '1.5.0-beta.1', '1.6.0'])
        builds[v] = builderOutput(dir.path, v);
    });
    afterAll(async () => {
      await c.close();
      await drop();
      dir.remove();
    });

    /** A kiosk of its own at the test store, inside or outside 1.4.0's 20 % rollout. */
    async function kiosk(inside: boolean): Promise<string> {
      const rel = { version: '1.4.0', channel: 'stable' as const, percent: 20, withdrawn: false };
      for (let i = 0; ; i++) {
        const id = `${inside ? 'in' : 'out'}-${i}`;
        if (inRollout(id, rel) !== inside) continue;
        tokens[id] ??= await c.enrol(id);
        return id;
      }
    }
    const get = async (kioskId: string, name: string) => {
      const path = `/v1/updates/${encodeURI(name)}`;
      const reply = await call({ url: c.url, token: tokens[kioskId]! }, 'GET', path);
      return { ...reply, text: typeof reply.body === 'string' ? reply.body : '' };
    };
    const offered = async (kioskId: string) => {
      const reply = await get(kioskId, 'latest-linux.yml');
      return reply.status === 200 ? /^version: (.+)$/m.exec(reply.text)![1] : reply.status;
    };
    const publish = (version: string, percent: string, channel = 'stable') =>
      publishCommand(c.storage, updatesDir, builds[version]!.dir, { percent, channel }, say);

    it('offers nothing before a release is published', async () => {
      const id = await kiosk(true);
      expect(await offered(id)).toBe(404);
    });

    it('serves each kiosk the manifest of its release, as written', async () => {
      await publish('1.3.0', '100');
      await publish('1.4.0', '20');
      expect(out.at(-1)).toMatch(/^published 1\.4\.0 on stable to 20% of its kiosks: 3 file/);
      const inside = await kiosk(true);
      const outside = await kiosk(false);
      expect(await offered(inside)).toBe('1.4.0');
      expect(await offered(outside)).toBe('1.3.0');
      const windows = await get(inside, 'latest.yml');
      expect(windows.text).toMatch(/^path: Lastword Setup 1\.4\.0\.exe$/m);
    });

    it('hands out the files byte for byte, with the sha512 the manifest names', async () => {
      const id = await kiosk(true);
      const reply = await fetch(`${c.url}/v1/updates/Lastword-1.4.0.AppImage`, {
        headers: { authorization: `Bearer ${tokens[id]}` },
      });
      expect(reply.status).toBe(200);
      const bytes = Buffer.from(await reply.arrayBuffer());
      expect(bytes.equals(builds['1.4.0']!.appImage)).toBe(true);
      const manifest = (await get(id, 'latest-linux.yml')).text;
      expect(manifest).toContain(`sha512: ${sha512(bytes)}`);
      expect((await get(id, 'Lastword Setup 1.4.0.exe')).status).toBe(200);
      expect((await get(id, 'Lastword-1.4.0.AppImage.blockmap')).status).toBe(200);
    });

    it('answers only kiosks with a device token', async () => {
      const reply = await fetch(`${c.url}/v1/updates/latest-linux.yml`);
      expect(reply.status).toBe(401);
      expect((await get(await kiosk(true), '../collector.sqlite')).status).toBe(404);
    });

    it('puts a location on beta, and pins a kiosk to a version', async () => {
      await publish('1.5.0-beta.1', '100', 'beta');
      const outside = await kiosk(false);
      expect(await offered(outside)).toBe('1.3.0');
      await channelCommand(c.storage, 'beta', { location: 'Test store' }, say);
      expect(await offered(outside)).toBe('1.5.0-beta.1');
      await pinCommand(c.storage, '1.3.0', { kiosk: outside }, say);
      expect(await offered(outside)).toBe('1.3.0');
      await pinCommand(c.storage, 'none', { kiosk: outside }, say);
      await channelCommand(c.storage, 'stable', { location: 'Test store' }, say);
      expect(await offered(outside)).toBe('1.3.0');
    });

    it('sends kiosks back from a withdrawn release, whose files are gone', async () => {
      const inside = await kiosk(true);
      await withdrawCommand(c.storage, '1.4.0', say);
      expect(await offered(inside)).toBe('1.3.0');
      const file = await get(inside, 'Lastword-1.4.0.AppImage');
      expect(file.status).toBe(410);
      expect(file.body).toMatchObject({ error: 'withdrawn' });
      await expect(pinCommand(c.storage, '1.4.0', { kiosk: inside }, say)).rejects.toThrow(
        'version 1.4.0 was withdrawn',
      );
    });

    it('refuses a bad publish with a clear error and changes nothing', async () => {
      const before = await listReleases(c.storage);
      await expect(publish('1.6.0', '140')).rejects.toThrow(
        'rollout percent must be a whole number from 0 to 100, not 140',
      );
      await expect(publish('1.3.0', '100')).rejects.toThrow('version 1.3.0 is already published');
      const broken = builderOutput(join(dir.path, 'broken'), '1.7.0');
      writeFileSync(
        join(broken.dir, 'latest-linux.yml'),
        'version: 1.7.0\npath: missing.AppImage\n',
      );
      await expect(
        publishCommand(c.storage, updatesDir, broken.dir, { percent: '10' }, say),
      ).rejects.toThrow('latest-linux.yml names missing.AppImage');
      expect(await listReleases(c.storage)).toEqual(before);
      expect(existsSync(join(updatesDir, '1.6.0'))).toBe(false);
      expect(readdirSync(updatesDir).sort()).toEqual(['1.3.0', '1.4.0', '1.5.0-beta.1']);
    });
  });
}
