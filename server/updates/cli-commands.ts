// The update commands of server/cli.ts: publish a release from electron-builder's output, move
// its staged rollout, withdraw it, and put kiosks or locations on a channel or a pinned version.
// Each checks everything before it writes, so a typo (a 140 % rollout) changes nothing.
import type { Storage } from '../db/open.ts';
import { publishRelease } from './publish.ts';
import {
  assign,
  checkChannel,
  checkPercent,
  listReleases,
  setRolloutPercent,
  UpdateError,
  withdrawRelease,
  type Scope,
} from './releases.ts';

export interface UpdateFlags {
  channel?: string;
  percent?: string;
  kiosk?: string;
  location?: string;
}

type Out = (line: string) => void;

export function parsePercent(text: string | undefined): number {
  if (text === undefined)
    throw new UpdateError('--percent is needed: how much of the fleet (0–100) gets it now');
  if (!/^\d+$/.test(text))
    throw new UpdateError(`rollout percent must be a whole number from 0 to 100, not "${text}"`);
  return checkPercent(Number(text));
}

export async function publishCommand(
  storage: Storage,
  updatesDir: string,
  dir: string,
  f: UpdateFlags,
  out: Out,
): Promise<void> {
  const percent = parsePercent(f.percent);
  const channel = checkChannel(f.channel ?? 'stable');
  const release = await publishRelease(storage, updatesDir, dir, { channel, percent }, new Date());
  out(
    `published ${release.version} on ${channel} to ${percent}% of its kiosks: ${release.files.length} file(s), manifests ${Object.keys(release.manifests).join(', ')}`,
  );
}

export async function rolloutCommand(storage: Storage, version: string, f: UpdateFlags, out: Out) {
  const percent = parsePercent(f.percent);
  await setRolloutPercent(storage, version, percent);
  out(`${version} now goes to ${percent}% of its kiosks (the same kiosks stay in as it grows)`);
}

export async function withdrawCommand(storage: Storage, version: string, out: Out) {
  await withdrawRelease(storage, version, new Date());
  out(`${version} withdrawn: kiosks on it are offered the newest release they may have instead`);
}

/** The one --kiosk or --location a command acts on. */
function scopeOf(f: UpdateFlags): { scope: Scope; target: string } {
  if ((f.kiosk === undefined) === (f.location === undefined))
    throw new UpdateError('name either --kiosk <id> or --location <name>');
  return f.kiosk !== undefined
    ? { scope: 'kiosk', target: f.kiosk }
    : { scope: 'location', target: f.location! };
}

/** `pin-update <version|none>`: holds a kiosk or location on a version, or lets it go. */
export async function pinCommand(storage: Storage, version: string, f: UpdateFlags, out: Out) {
  const { scope, target } = scopeOf(f);
  const pinned = version === 'none' ? null : version;
  await assign(storage, scope, target, { version: pinned }, new Date());
  out(
    pinned
      ? `${scope} "${target}" pinned to ${pinned}`
      : `${scope} "${target}" follows its channel again`,
  );
}

/** `update-channel stable|beta`: which releases a kiosk or location takes. */
export async function channelCommand(storage: Storage, channel: string, f: UpdateFlags, out: Out) {
  const { scope, target } = scopeOf(f);
  const chosen = checkChannel(channel);
  // stable is where everyone is without a row: storing it would only hide that.
  await assign(
    storage,
    scope,
    target,
    { channel: chosen === 'stable' ? null : chosen },
    new Date(),
  );
  out(`${scope} "${target}" takes ${chosen} releases`);
}

export async function releasesCommand(storage: Storage, out: Out) {
  const releases = await listReleases(storage);
  if (!releases.length) return out('no releases published');
  for (const r of releases)
    out(
      `${r.version}  ${r.channel}  ${r.withdrawn ? 'withdrawn' : `${r.percent}%`}  ${r.publishedAt}`,
    );
}
