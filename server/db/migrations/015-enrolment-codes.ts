// Collector schema v15: enrolment codes (server/kiosk-api/enrolment-codes.ts). An admin makes one
// for a touchpoint; a new kiosk trades it once, within its lifetime, for its device token and
// config (POST /v1/enrol). Only the code's hash is kept, as with device tokens. used_at and
// used_by_kiosk are set in the transaction that creates the kiosk, so a code is spent exactly
// when a kiosk exists for it.
import type { Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, strict, index } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('enrolment_codes')
      // A short public id, to list and revoke a code without knowing it.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code_hash', 'text', (c) => c.notNull().unique())
      .addColumn('touchpoint_id', 'integer', (c) => c.notNull().references('touchpoints.id'))
      // The staff user's id, or "cli" for the command line.
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('expires_at', instant, (c) => c.notNull())
      .addColumn('used_at', instant)
      .addColumn('used_by_kiosk', 'text')
      .addColumn('revoked_at', instant),
  ).execute();
  await index(db, 'enrolment_codes_expiry', 'enrolment_codes', ['expires_at']);
}
