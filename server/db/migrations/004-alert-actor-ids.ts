// Collector schema v4: who acknowledged and who resolved a staff alert, by staff account id. The
// display name was stored before (acknowledged_by, resolved_by), which a rename or a second
// person of the same name made wrong for the record; the name is now looked up when shown. The old
// text columns stay for rows written before, and for actors that are not accounts ("system").
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // No foreign key: accounts are disabled, never deleted, and an id that does not resolve is
  // still the record of who it was.
  await db.schema.alterTable('staff_alerts').addColumn('acknowledged_by_id', 'text').execute();
  await db.schema.alterTable('staff_alerts').addColumn('resolved_by_id', 'text').execute();
}
