// `publish-update <dir>`: takes what electron-builder wrote (release/ by default) and makes it a
// release. Its manifests (latest.yml, latest-linux.yml, beta-mac.yml, …) name the version and
// the files; all must agree on the version and every file they name must be there, or nothing is
// published. The files are copied into the updates folder under the version; the manifests are
// stored as written (they carry the files' sha512s), under their `latest…` name, because the
// collector, not the kiosk, decides the channel: every kiosk asks for latest-<platform>.yml.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Storage } from '../db/open.ts';
import { checkNewRelease, insertRelease, UpdateError } from './releases.ts';
import type { UpdateChannel } from './tables.ts';

const MANIFEST = /^(latest|beta|alpha)(-[a-z0-9-]+)?\.yml$/;
/** What a file name in a manifest may look like: no folders, nothing hidden. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]*$/;

interface Manifest {
  version?: unknown;
  path?: unknown;
  files?: { url?: unknown }[];
}

export interface BuilderOutput {
  version: string;
  manifests: Record<string, string>;
  files: string[];
}

export function readBuilderOutput(dir: string): BuilderOutput {
  if (!existsSync(dir)) throw new UpdateError(`${dir}: no such folder`);
  const names = readdirSync(dir).filter((n) => MANIFEST.test(n));
  if (!names.length)
    throw new UpdateError(`${dir}: no latest*.yml manifest; is this electron-builder's output?`);
  const manifests: Record<string, string> = {};
  const files = new Set<string>();
  let version: string | null = null;
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'utf8');
    let doc: Manifest;
    try {
      doc = parse(text) as Manifest;
    } catch (error) {
      throw new UpdateError(`${name}: not valid YAML (${(error as Error).message})`);
    }
    if (typeof doc?.version !== 'string') throw new UpdateError(`${name}: no version`);
    if (version !== null && doc.version !== version)
      throw new UpdateError(
        `${name}: version ${doc.version}, but another manifest says ${version}`,
      );
    version = doc.version;
    const named = [doc.path, ...(doc.files ?? []).map((f) => f.url)];
    for (const file of named) {
      if (file === undefined) continue;
      if (typeof file !== 'string' || !FILE_NAME.test(file))
        throw new UpdateError(`${name}: "${String(file)}" is not a plain file name`);
      if (!existsSync(join(dir, file)))
        throw new UpdateError(`${name} names ${file}, not in ${dir}`);
      files.add(file);
      // Differential downloads read the block map beside the file when there is one.
      if (existsSync(join(dir, `${file}.blockmap`))) files.add(`${file}.blockmap`);
    }
    manifests[name.replace(/^(beta|alpha)/, 'latest')] = text;
  }
  return { version: version!, manifests, files: [...files].sort() };
}

/** Checks, copies the files and records the release; a failure leaves no folder behind. */
export async function publishRelease(
  storage: Storage,
  updatesDir: string,
  dir: string,
  opts: { channel: UpdateChannel; percent: number },
  now: Date,
): Promise<BuilderOutput> {
  const output = readBuilderOutput(dir);
  const release = { ...output, ...opts };
  await checkNewRelease(storage, release);
  // A folder left by a publish that failed half-way is replaced, never mixed with.
  const target = join(updatesDir, output.version);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  try {
    for (const file of output.files) copyFileSync(join(dir, file), join(target, file));
    await insertRelease(storage, release, now);
  } catch (error) {
    rmSync(target, { recursive: true, force: true });
    throw error;
  }
  return output;
}
