// What electron-builder leaves in release/ for one version, made up for the update tests: an
// AppImage with its block map, a Windows installer, and the manifests naming them with sha512s.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');

export function builderOutput(root: string, version: string): { dir: string; appImage: Buffer } {
  const dir = join(root, `build-${version}`);
  mkdirSync(dir, { recursive: true });
  const appImage = randomBytes(256 * 1024);
  const exe = randomBytes(64 * 1024);
  const files: [string, Buffer][] = [
    [`Lastword-${version}.AppImage`, appImage],
    [`Lastword-${version}.AppImage.blockmap`, randomBytes(512)],
    [`Lastword Setup ${version}.exe`, exe],
  ];
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  const manifest = (file: string, bytes: Buffer) =>
    [
      `version: ${version}`,
      'files:',
      `  - url: ${file}`,
      `    sha512: ${sha512(bytes)}`,
      `    size: ${bytes.length}`,
      `path: ${file}`,
      `sha512: ${sha512(bytes)}`,
      "releaseDate: '2026-12-01T10:00:00.000Z'",
      '',
    ].join('\n');
  writeFileSync(join(dir, 'latest-linux.yml'), manifest(`Lastword-${version}.AppImage`, appImage));
  writeFileSync(join(dir, 'latest.yml'), manifest(`Lastword Setup ${version}.exe`, exe));
  return { dir, appImage };
}
