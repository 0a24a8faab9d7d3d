// How the collector's columns look to Kysely on both engines: SQLite stores instants as ISO text,
// booleans as 0/1 and JSON as text; PostgreSQL as timestamptz, boolean and jsonb. The read types
// admit both and server/db/values.ts turns a row back into one shape.
import type { ColumnType } from 'kysely';

/** Written as an ISO string; read back as that string (SQLite) or a Date (PostgreSQL). */
export type Instant = ColumnType<string | Date, string, string>;
export type NullableInstant = ColumnType<string | Date | null, string | null, string | null>;
/** Written as 0/1, which both engines accept; read back as 0/1 or true/false. */
export type Flag = ColumnType<number | boolean, number | undefined, number>;
/** A flag that may be unknown (null). */
export type NullableFlag = ColumnType<number | boolean | null, number | null, number | null>;
/** Written as JSON text; read back as text (SQLite) or parsed (PostgreSQL jsonb). */
export type Json = ColumnType<unknown, string, string>;
export type NullableJson = ColumnType<unknown, string | null, string | null>;
/** PostgreSQL bigint comes back as a string; SQLite integers as numbers. */
export type BigNumber = ColumnType<number | string | null, number | null, number | null>;
