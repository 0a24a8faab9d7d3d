// The words the collector's migrations build tables with, one per kind of column, each turned into
// its engine's type (server/db/columns.ts says how Kysely reads them back). Migrations are
// permanent, and these helpers are part of every one of them: change what one produces and an
// old migration creates something else on a new database. Add new helpers; never change these.
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

type Column = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

export interface MigrationColumns {
  instant: 'timestamptz' | 'text';
  flag: 'boolean' | 'integer';
  json: 'jsonb' | 'text';
  uuid: 'uuid' | 'text';
  big: 'bigint' | 'integer';
  /** SQLite tables are STRICT, so that a wrong type fails as it would in PostgreSQL. */
  strict<T extends string, C extends string>(b: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
  /** A required flag; SQLite's 0/1 needs a check that PostgreSQL's boolean does not. */
  required(column: string): Column;
  /** A required flag that is off unless set. */
  off(column: string): Column;
  /** A flag that may be null: unknown, as on the rows written before its column was added. */
  unknownFlag(column: string): Column;
  /**
   * A key numbered by the database in the order rows are inserted, never reused (with `big`):
   * SQLite AUTOINCREMENT (without it a deleted newest id could come back), PostgreSQL identity.
   */
  ascending: Column;
  /** CREATE INDEX name ON table (columns). */
  index(db: Kysely<unknown>, name: string, table: string, columns: string[]): Promise<void>;
}

export function migrationColumns(engine: Engine): MigrationColumns {
  const pg = engine === 'postgres';
  const required =
    (column: string): Column =>
    (c) =>
      pg ? c.notNull() : c.notNull().check(sql`${sql.ref(column)} in (0, 1)`);
  return {
    instant: pg ? 'timestamptz' : 'text',
    flag: pg ? 'boolean' : 'integer',
    json: pg ? 'jsonb' : 'text',
    uuid: pg ? 'uuid' : 'text',
    big: pg ? 'bigint' : 'integer',
    ascending: (c) =>
      pg ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    strict: (b) => (pg ? b : b.modifyEnd(sql`strict`)),
    required,
    off: (column) => (c) => required(column)(c.defaultTo(pg ? false : 0)),
    unknownFlag: (column) => (c) => (pg ? c : c.check(sql`${sql.ref(column)} in (0, 1)`)),
    async index(db, name, table, columns) {
      await db.schema.createIndex(name).on(table).columns(columns).execute();
    },
  };
}
