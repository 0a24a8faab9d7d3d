// Spending an enrolment code (POST /v1/enrol, enrol-route.ts): the code is spent in the
// transaction that creates the kiosk, so of two kiosks sending it at once the second finds it
// used, and a failure after spending it (no config to give) rolls back and leaves it unspent.
// Making, listing and revoking codes is enrolment-codes.ts.
import { sql } from 'kysely';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import type { EnrolError } from '../../shared/enrolment.ts';
import { hashToken, newDeviceToken } from '../tokens.ts';
import { NO_CONFIG, placeQuery, randomText, templateConfig } from './enrolment-codes.ts';
import { storeConfig, type ServedConfig } from './kiosk-configs.ts';

/** A code that cannot be spent, with the code the kiosk translates. */
export class RedeemError extends Error {
  readonly code: EnrolError;
  constructor(code: EnrolError, message: string) {
    super(message);
    this.code = code;
  }
}

async function whyNot(db: CollectorDb, hash: string, now: Date): Promise<RedeemError> {
  const row = await db
    .selectFrom('enrolment_codes')
    .select(['used_at', 'revoked_at', 'expires_at'])
    .where('code_hash', '=', hash)
    .executeTakeFirst();
  if (!row) return new RedeemError('enrolment_code_unknown', 'no such enrolment code');
  if (row.used_at !== null)
    return new RedeemError('enrolment_code_used', 'this enrolment code was used already');
  if (row.revoked_at !== null)
    return new RedeemError('enrolment_code_expired', 'this enrolment code was revoked');
  const at = toIso(row.expires_at)!;
  return new RedeemError(
    'enrolment_code_expired',
    `this enrolment code expired at ${at} (now ${now.toISOString()})`,
  );
}

export interface Redeemed {
  kioskId: string;
  token: string;
  configVersion: string;
  config: ServedConfig;
}

/** Spends a (normalised) code: a new kiosk at its touchpoint, with its token and config. */
export async function redeemCode(storage: Storage, plain: string, now: Date): Promise<Redeemed> {
  const hash = hashToken(plain);
  const kioskId = `kiosk-${randomText(8).toLowerCase()}`;
  const token = newDeviceToken();
  const at = now.toISOString();
  return writeTransaction(storage, async (trx) => {
    // One statement decides who spends it: a concurrent second one finds used_at set.
    const spent = await trx
      .updateTable('enrolment_codes')
      .set({ used_at: at, used_by_kiosk: kioskId })
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .returning(['touchpoint_id', 'replaces_kiosk'])
      .executeTakeFirst();
    if (!spent) throw await whyNot(trx, hash, now);
    const place = await placeQuery(trx)
      .where('touchpoints.id', '=', spent.touchpoint_id)
      .executeTakeFirstOrThrow();
    const template = await templateConfig(trx, place, spent.replaces_kiosk);
    // Thrown inside the transaction: the code stays unspent for when a config is attached.
    if (!template) throw new RedeemError('no_config', NO_CONFIG);
    const config = { ...template, kioskId };
    await trx
      .insertInto('kiosks')
      .values({
        id: kioskId,
        token_hash: hashToken(token),
        touchpoint_id: place.touchpointId,
        enrolled_at: at,
      })
      .execute();
    const stored = await storeConfig(trx, kioskId, config, now);
    // A replacement: the kiosk it replaces stays retired, whatever happened since the order.
    if (spent.replaces_kiosk)
      await trx
        .updateTable('kiosks')
        .set({ revoked_at: sql`coalesce(revoked_at, ${at})` })
        .where('id', '=', spent.replaces_kiosk)
        .execute();
    return { kioskId, token, configVersion: stored.version, config };
  });
}
