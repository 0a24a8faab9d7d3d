// Releases and assignments in the database: publishing, the staged rollout, withdrawing, pins and
// channels. Every change is checked before it is written, and a refused change writes nothing.
import type { Storage } from '../db/open.ts';
import { fromJson } from '../db/values.ts';
import { validVersion, type Assignment, type KioskUpdateView, type Release } from './rollout.ts';
import type { UpdateChannel } from './tables.ts';

export class UpdateError extends Error {}

export interface PublishedRelease extends Release {
  manifests: Record<string, string>;
  files: string[];
  publishedAt: string;
}

export const CHANNELS: readonly UpdateChannel[] = ['stable', 'beta'];

export function checkPercent(percent: number): number {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw new UpdateError(`rollout percent must be a whole number from 0 to 100, not ${percent}`);
  return percent;
}

export function checkChannel(channel: string): UpdateChannel {
  if (!CHANNELS.includes(channel as UpdateChannel))
    throw new UpdateError(`channel must be ${CHANNELS.join(' or ')}, not "${channel}"`);
  return channel as UpdateChannel;
}

export async function listReleases(storage: Storage): Promise<PublishedRelease[]> {
  const rows = await storage.db.selectFrom('releases').selectAll().execute();
  return rows.map((r) => ({
    version: r.version,
    channel: r.channel,
    percent: r.percent,
    withdrawn: r.withdrawn_at !== null,
    manifests: fromJson<Record<string, string>>(r.manifests),
    files: fromJson<string[]>(r.files),
    publishedAt: new Date(r.published_at).toISOString(),
  }));
}

export type NewRelease = Omit<PublishedRelease, 'withdrawn' | 'publishedAt'>;

/** Throws what is wrong with publishing `release`, before any file is copied. */
export async function checkNewRelease(storage: Storage, release: NewRelease): Promise<void> {
  if (!validVersion(release.version))
    throw new UpdateError(`"${release.version}" is not a release version (x.y.z)`);
  checkPercent(release.percent);
  checkChannel(release.channel);
  const taken = await storage.db
    .selectFrom('releases')
    .select('version')
    .where('version', '=', release.version)
    .executeTakeFirst();
  if (taken) throw new UpdateError(`version ${release.version} is already published`);
}

export async function insertRelease(storage: Storage, release: NewRelease, now: Date) {
  await checkNewRelease(storage, release);
  await storage.db
    .insertInto('releases')
    .values({
      version: release.version,
      channel: release.channel,
      manifests: JSON.stringify(release.manifests),
      files: JSON.stringify(release.files),
      percent: release.percent,
      published_at: now.toISOString(),
    })
    .execute();
}

/** The staged rollout of a published, not withdrawn, release. */
export async function setRolloutPercent(
  storage: Storage,
  version: string,
  percent: number,
): Promise<void> {
  checkPercent(percent);
  const changed = await storage.db
    .updateTable('releases')
    .set({ percent })
    .where('version', '=', version)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) !== 1) await explainMissing(storage, version);
}

/** Never offered again; kiosks already on it are offered the newest release they may have. */
export async function withdrawRelease(storage: Storage, version: string, now: Date) {
  const changed = await storage.db
    .updateTable('releases')
    .set({ withdrawn_at: now.toISOString() })
    .where('version', '=', version)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) !== 1) await explainMissing(storage, version);
}

async function explainMissing(storage: Storage, version: string): Promise<never> {
  const row = await storage.db
    .selectFrom('releases')
    .select('withdrawn_at')
    .where('version', '=', version)
    .executeTakeFirst();
  throw new UpdateError(
    row ? `version ${version} was withdrawn` : `no release ${version} is published`,
  );
}

export type Scope = 'kiosk' | 'location';

/** Puts a kiosk or location on a channel or pins it to a version (null clears that part). */
export async function assign(
  storage: Storage,
  scope: Scope,
  target: string,
  change: Partial<Assignment>,
  now: Date,
): Promise<void> {
  if (change.channel) checkChannel(change.channel);
  if (change.version) {
    const releases = await listReleases(storage);
    const release = releases.find((r) => r.version === change.version);
    if (!release) throw new UpdateError(`no release ${change.version} is published`);
    if (release.withdrawn) throw new UpdateError(`version ${change.version} was withdrawn`);
  }
  const current = await storage.db
    .selectFrom('update_assignments')
    .select(['channel', 'version'])
    .where('scope', '=', scope)
    .where('target', '=', target)
    .executeTakeFirst();
  const next = { channel: null, version: null, ...current, ...change };
  if (next.channel === null && next.version === null) {
    await storage.db
      .deleteFrom('update_assignments')
      .where('scope', '=', scope)
      .where('target', '=', target)
      .execute();
    return;
  }
  const values = { ...next, updated_at: now.toISOString() };
  await storage.db
    .insertInto('update_assignments')
    .values({ scope, target, ...values })
    .onConflict((oc) => oc.columns(['scope', 'target']).doUpdateSet(values))
    .execute();
}

/** What the rollout needs to know about one kiosk: its own and its location's assignment. */
export async function updateViewOf(storage: Storage, kioskId: string): Promise<KioskUpdateView> {
  const kiosk = await storage.db
    .selectFrom('kiosks')
    .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .select('locations.name as location')
    .where('kiosks.id', '=', kioskId)
    .executeTakeFirst();
  const rows = await storage.db
    .selectFrom('update_assignments')
    .select(['scope', 'channel', 'version'])
    .where((eb) =>
      eb.or([
        eb.and([eb('scope', '=', 'kiosk'), eb('target', '=', kioskId)]),
        eb.and([eb('scope', '=', 'location'), eb('target', '=', kiosk?.location ?? '')]),
      ]),
    )
    .execute();
  const of = (scope: Scope) => {
    const row = rows.find((r) => r.scope === scope);
    return row ? { channel: row.channel, version: row.version } : null;
  };
  return { kioskId, kiosk: of('kiosk'), location: of('location') };
}
