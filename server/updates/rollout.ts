// Which app version a kiosk is offered: pure, so every rule is unit-tested without a database.
// - A pin (the kiosk's own, else its location's) names the version, unless that version was
//   withdrawn: a pin must not hold a kiosk on a release found bad.
// - Otherwise the newest release the kiosk may have: on its channel (beta kiosks also take
//   stable releases), not withdrawn, and inside the release's staged rollout.
// - Rollout membership is a hash of the kiosk id and the version: the same kiosk is in or out
//   every time it asks (raising 10 % to 50 % keeps the first 10 % in), and each release starts on
//   a different 10 % of the fleet, so no store is always the guinea pig.
// The answer may be older than what the kiosk runs (a withdrawn release): the kiosk then installs
// it (electron-updater's allowDowngrade), which is how a bad release is rolled back.
import { createHash } from 'node:crypto';
import semver from 'semver';
import type { UpdateChannel } from './tables.ts';

export interface Release {
  version: string;
  channel: UpdateChannel;
  percent: number;
  withdrawn: boolean;
}

export interface Assignment {
  channel: UpdateChannel | null;
  version: string | null;
}

export interface KioskUpdateView {
  kioskId: string;
  kiosk: Assignment | null;
  location: Assignment | null;
}

/** The kiosk's place in the rollout of `version`: 0–99, the same on every call. */
export function rolloutSlot(kioskId: string, version: string): number {
  const digest = createHash('sha256').update(`${version}\u0000${kioskId}`).digest();
  return digest.readUInt32BE(0) % 100;
}

export function inRollout(kioskId: string, release: Release): boolean {
  return rolloutSlot(kioskId, release.version) < release.percent;
}

/** The release to offer, or null when there is none the kiosk may have. */
export function chooseRelease(view: KioskUpdateView, releases: Release[]): Release | null {
  const pinned = view.kiosk?.version ?? view.location?.version ?? null;
  if (pinned) {
    const release = releases.find((r) => r.version === pinned && !r.withdrawn);
    if (release) return release;
  }
  const channel = view.kiosk?.channel ?? view.location?.channel ?? 'stable';
  const eligible = releases
    .filter((r) => !r.withdrawn && (channel === 'beta' || r.channel === 'stable'))
    .filter((r) => inRollout(view.kioskId, r))
    .sort((a, b) => semver.rcompare(a.version, b.version));
  return eligible[0] ?? null;
}

/** A release's version as electron-builder writes it: semver, no build metadata. */
export function validVersion(version: string): boolean {
  return semver.valid(version) === version && !version.includes('+');
}
