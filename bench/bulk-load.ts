// Loading millions of answers into PostgreSQL for a bench: with every index and constraint in
// place, each row updates seven b-trees and a GIN index and checks its kiosk through a foreign-key
// trigger, so 10 million rows took over 26 minutes on the shared machine and never finished.
// Here the answers table's indexes and constraints are dropped, the rows inserted, and the same
// definitions (read back from the catalogue before the drop, so they cannot drift from the
// migrations) rebuilt, each in one sorted pass; the benches then measure the same schema a
// collector has. The table stays logged (UNLOGGED would save the load's WAL, but the reads would
// then be measured on a table no collector has, and turning it back is a second full write).
// A foreign key pointing at answers from another table would make the drop fail loudly.
import { sql } from 'kysely';
import type { Storage } from '../server/db/open.ts';

/** Runs `load` with the answers table bare, then rebuilds what it had and analyses it. */
export async function withAnswersBare(storage: Storage, load: () => Promise<void>): Promise<void> {
  const db = storage.db;
  const constraints = (
    await sql<{ name: string; def: string; type: string }>`
      select conname as name, pg_get_constraintdef(oid) as def, contype as type
      from pg_constraint where conrelid = 'answers'::regclass and contype in ('p', 'u', 'f')`.execute(
      db,
    )
  ).rows;
  const indexes = (
    await sql<{ name: string; def: string }>`
      select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def
      from pg_index where indrelid = 'answers'::regclass
        and indexrelid not in (select conindid from pg_constraint where conrelid = 'answers'::regclass)`.execute(
      db,
    )
  ).rows;
  for (const c of constraints)
    await sql`alter table answers drop constraint ${sql.id(c.name)}`.execute(db);
  for (const i of indexes) await sql`drop index ${sql.raw(i.name)}`.execute(db);
  await load();
  // One connection, so the larger sort memory applies to every rebuild; keys before the foreign
  // key, whose check then reads the kiosks' primary key once per answer in one join.
  await db.connection().execute(async (conn) => {
    await sql`set maintenance_work_mem = '256MB'`.execute(conn);
    const order = { p: 0, u: 1, f: 2 } as Record<string, number>;
    for (const c of constraints.sort((a, b) => order[a.type]! - order[b.type]!))
      await sql`alter table answers add constraint ${sql.id(c.name)} ${sql.raw(c.def)}`.execute(
        conn,
      );
    for (const i of indexes) await sql.raw(i.def).execute(conn);
    await sql`analyze answers`.execute(conn);
  });
}
