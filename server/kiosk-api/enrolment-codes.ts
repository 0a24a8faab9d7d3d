// Enrolment codes: an admin makes one for a touchpoint (staff API or CLI), lists the open ones
// and revokes one; a new kiosk trades it once for its device token and config
// (enrolment-redeem.ts). Only a hash of a code is stored.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import { CODE_ALPHABET, CODE_LENGTH, formatCode } from '../../shared/enrolment.ts';
import { RemoteKioskConfig } from '../../shared/config.ts';
import type { OpenEnrolmentCode } from '../../shared/staff-api.ts';
import { hashToken } from '../tokens.ts';
import { recordAudit, type AuditActor } from '../staff/audit.ts';
import type { ServedConfig } from './kiosk-configs.ts';

export const DEFAULT_CODE_HOURS = 24;

/** A code that cannot be made (unknown place, nothing to configure the kiosk with). */
export class EnrolmentCodeError extends Error {}

/** `length` characters of the code alphabet; 32 divides 256, so each byte maps without bias. */
export function randomText(length: number): string {
  return [...randomBytes(length)].map((b) => CODE_ALPHABET[b % 32]).join('');
}

export interface Place {
  touchpointId: number;
  locationId: number;
  location: string;
  touchpoint: string;
}

/** Touchpoints with their location, as a Place. */
export function placeQuery(db: CollectorDb) {
  return db
    .selectFrom('touchpoints')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .select([
      'touchpoints.id as touchpointId',
      'locations.id as locationId',
      'locations.name as location',
      'touchpoints.name as touchpoint',
    ]);
}

async function findPlace(db: CollectorDb, location: string, touchpoint: string): Promise<Place> {
  const row = await placeQuery(db)
    .where('locations.name', '=', location)
    .where('touchpoints.name', '=', touchpoint)
    .executeTakeFirst();
  if (row) return row;
  const at = await db
    .selectFrom('locations')
    .select('id')
    .where('name', '=', location)
    .executeTakeFirst();
  throw new EnrolmentCodeError(
    at
      ? `"${location}" has no touchpoint "${touchpoint}": add it first`
      : `no location "${location}": add it first`,
  );
}

/**
 * The config a kiosk enrolled at this place starts with: the one of the kiosk it replaces, else
 * the newest one attached to a kiosk at the same touchpoint, else at the same location, else
 * anywhere. IT sets up one kiosk (or attaches a config with set-config) and the rest of a
 * rollout copies it.
 */
export async function templateConfig(
  db: CollectorDb,
  place: Place,
  replaces: string | null = null,
): Promise<ServedConfig | null> {
  const row = await db
    .selectFrom('kiosk_configs')
    .innerJoin('kiosks', 'kiosks.id', 'kiosk_configs.kiosk_id')
    .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
    .select('kiosk_configs.body')
    .orderBy(sql`case when kiosks.id = ${replaces ?? ''} then 0 else 1 end`)
    .orderBy(sql`case when touchpoints.id = ${place.touchpointId} then 0 else 1 end`)
    .orderBy(sql`case when touchpoints.location_id = ${place.locationId} then 0 else 1 end`)
    .orderBy('kiosk_configs.updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const parsed = RemoteKioskConfig.safeParse(JSON.parse(row.body));
  if (!parsed.success) return null;
  const { adminPinHash: _pin, ...config } = parsed.data;
  return { ...config, location: place.location, touchpoint: place.touchpoint };
}

export const NO_CONFIG =
  'no kiosk has a config to copy yet: attach one to a kiosk with `set-config` first';

/** Made and revoked codes go to the admin audit log (server/staff/audit.ts), never the code. */
export async function createEnrolmentCode(
  storage: Storage,
  o: {
    location: string;
    touchpoint: string;
    hours?: number | undefined;
    by: AuditActor;
    /** The retired kiosk whose place, config and history the enrolled device takes over. */
    replaces?: string;
  },
  now: Date,
): Promise<OpenEnrolmentCode & { code: string }> {
  const place = await findPlace(storage.db, o.location, o.touchpoint);
  if (!(await templateConfig(storage.db, place, o.replaces)))
    throw new EnrolmentCodeError(NO_CONFIG);
  const plain = randomText(CODE_LENGTH);
  const row = {
    id: randomText(10).toLowerCase(),
    code_hash: hashToken(plain),
    touchpoint_id: place.touchpointId,
    created_by: o.by.id ?? 'cli',
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + (o.hours ?? DEFAULT_CODE_HOURS) * 3_600_000).toISOString(),
    replaces_kiosk: o.replaces ?? null,
  };
  await writeTransaction(storage, async (trx) => {
    await trx.insertInto('enrolment_codes').values(row).execute();
    await recordAudit(
      trx,
      o.by,
      {
        action: 'enrolment_code.create',
        target: `${place.location} / ${place.touchpoint}`,
        details: {
          code: row.id,
          expiresAt: row.expires_at,
          ...(o.replaces && { replaces: o.replaces }),
        },
      },
      now,
    );
  });
  return {
    id: row.id,
    code: formatCode(plain),
    location: place.location,
    touchpoint: place.touchpoint,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** Codes that can still be spent, soonest to expire first. */
export async function listOpenCodes(storage: Storage, now: Date): Promise<OpenEnrolmentCode[]> {
  const rows = await storage.db
    .selectFrom('enrolment_codes')
    .innerJoin('touchpoints', 'touchpoints.id', 'enrolment_codes.touchpoint_id')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .select([
      'enrolment_codes.id',
      'enrolment_codes.created_at',
      'enrolment_codes.expires_at',
      'locations.name as location',
      'touchpoints.name as touchpoint',
    ])
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('expires_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    location: r.location,
    touchpoint: r.touchpoint,
    createdAt: toIso(r.created_at)!,
    expiresAt: toIso(r.expires_at)!,
  }));
}

/** Every touchpoint a code can be made for, by location and name. */
export async function listPlaces(
  storage: Storage,
): Promise<{ location: string; touchpoint: string }[]> {
  return storage.db
    .selectFrom('touchpoints')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .select(['locations.name as location', 'touchpoints.name as touchpoint'])
    .orderBy('locations.name')
    .orderBy('touchpoints.name')
    .execute();
}

/** 'gone': used, revoked or expired already, so there is nothing to revoke. */
export async function revokeCode(
  storage: Storage,
  id: string,
  by: AuditActor,
  now: Date,
): Promise<'revoked' | 'gone' | 'unknown'> {
  const revoked = await writeTransaction(storage, async (trx) => {
    const row = await trx
      .updateTable('enrolment_codes')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .returning('touchpoint_id')
      .executeTakeFirst();
    if (!row) return false;
    const place = await trx
      .selectFrom('touchpoints')
      .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
      .select(['locations.name as location', 'touchpoints.name as touchpoint'])
      .where('touchpoints.id', '=', row.touchpoint_id)
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      by,
      {
        action: 'enrolment_code.revoke',
        target: `${place.location} / ${place.touchpoint}`,
        details: { code: id },
      },
      now,
    );
    return true;
  });
  if (revoked) return 'revoked';
  const row = await storage.db
    .selectFrom('enrolment_codes')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? 'gone' : 'unknown';
}
