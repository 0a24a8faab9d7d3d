// Kiosk enrolment, revocation and the fleet view. The token itself is never stored: enrolment
// hands it out once, and every request is matched by its hash. A kiosk stands at a touchpoint of
// a location (server/locations/), which enrolment names and re-enrolment may change: its answers
// keep the place they were given at.
import { writeTransaction, type Storage } from '../db/open.ts';
import { placeAt } from '../locations/store.ts';
import { toFlag, toIso, toNumber } from '../db/values.ts';
import { KioskId } from '../../shared/protocol.ts';
import { hashToken, newDeviceToken } from '../tokens.ts';
import { recordAudit, type AuditActor } from '../staff/audit.ts';
import { cancelOpenCommands } from './commands.ts';

export class KioskError extends Error {}

export interface KioskInfo {
  id: string;
  location: string;
  touchpoint: string;
  enrolledAt: string;
  revokedAt: string | null;
  highestContiguousSeq: number;
  lastSeenAt: string | null;
  clockSkewMs: number | null;
  clockFlagged: boolean;
  appVersion: string | null;
  queueDepth: number | null;
  oldestUnsentAt: string | null;
  lastError: string | null;
  lastHeartbeatAt: string | null;
  configVersion: string | null;
}

/** The kiosk and the touchpoint it stands at, named by its location's name and its own. */
export interface Enrolment {
  kioskId: string;
  location: string;
  touchpoint: string;
}

/**
 * Enrols a kiosk at a touchpoint and returns its token, the only time it exists outside the
 * kiosk. A touchpoint (or location) not known yet is made; a new location is in UTC until an
 * admin sets its zone, which `createdLocation` tells the caller to say. A revoked kiosk may be
 * enrolled again (new token, same history, perhaps a new place); an active one may not, so that
 * a typo cannot silently cut a working kiosk off.
 */
export async function enrolKiosk(
  storage: Storage,
  e: Enrolment,
  now: Date,
): Promise<{ token: string; reenrolled: boolean; createdLocation: boolean }> {
  const id = KioskId.safeParse(e.kioskId);
  if (!id.success)
    throw new KioskError(
      `kiosk id "${e.kioskId}" ${id.error.issues[0]?.message ?? 'is not valid'}`,
    );
  const token = newDeviceToken();
  return writeTransaction(storage, async (trx) => {
    const existing = await trx
      .selectFrom('kiosks')
      .select(['revoked_at'])
      .where('id', '=', e.kioskId)
      .executeTakeFirst();
    if (existing && existing.revoked_at === null) {
      throw new KioskError(
        `kiosk "${e.kioskId}" is already enrolled; revoke it first to issue a new token`,
      );
    }
    const { touchpointId, createdLocation } = await placeAt(trx, e.location, e.touchpoint, now);
    const row = {
      token_hash: hashToken(token),
      touchpoint_id: touchpointId,
      enrolled_at: now.toISOString(),
    };
    if (existing) {
      await trx
        .updateTable('kiosks')
        .set({ ...row, revoked_at: null, next_token_hash: null, old_token_hash: null })
        .where('id', '=', e.kioskId)
        .execute();
    } else {
      await trx
        .insertInto('kiosks')
        .values({ id: e.kioskId, ...row })
        .execute();
    }
    return { token, reenrolled: Boolean(existing), createdLocation };
  });
}

/**
 * Retires a kiosk: takes effect on its next request (tokens are checked against the table every
 * time), its open orders fail, and its answers, alerts and orders stay for the reports.
 */
export async function revokeKiosk(
  storage: Storage,
  kioskId: string,
  now: Date,
  /** Who retires it, for the audit log; null for set-up work (the demo, tests) that is no one's act. */
  by: AuditActor | null = null,
): Promise<'revoked' | 'already' | 'unknown'> {
  return writeTransaction(storage, async (trx) => {
    const existing = await trx
      .selectFrom('kiosks')
      .select(['revoked_at'])
      .where('id', '=', kioskId)
      .executeTakeFirst();
    if (!existing) return 'unknown';
    if (existing.revoked_at !== null) return 'already';
    await trx
      .updateTable('kiosks')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', kioskId)
      .execute();
    await cancelOpenCommands(trx, kioskId, 'the kiosk was retired', now);
    if (by) await recordAudit(trx, by, { action: 'kiosk.retire', target: kioskId }, now);
    return 'revoked';
  });
}

export async function listKiosks(storage: Storage): Promise<KioskInfo[]> {
  const rows = await storage.db
    .selectFrom('kiosks')
    .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .leftJoin('kiosk_configs', 'kiosk_configs.kiosk_id', 'kiosks.id')
    .selectAll('kiosks')
    .select([
      'kiosk_configs.version as config_version',
      'locations.name as location',
      'touchpoints.name as touchpoint',
    ])
    .orderBy('kiosks.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    location: r.location,
    touchpoint: r.touchpoint,
    enrolledAt: toIso(r.enrolled_at)!,
    revokedAt: toIso(r.revoked_at),
    highestContiguousSeq: r.highest_contiguous_seq,
    lastSeenAt: toIso(r.last_seen_at),
    clockSkewMs: toNumber(r.clock_skew_ms),
    clockFlagged: toFlag(r.clock_flagged),
    appVersion: r.app_version,
    queueDepth: r.queue_depth,
    oldestUnsentAt: toIso(r.oldest_unsent_at),
    lastError: r.last_error,
    lastHeartbeatAt: toIso(r.last_heartbeat_at),
    configVersion: r.config_version,
  }));
}
