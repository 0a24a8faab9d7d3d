// Reading a row back into one shape whichever engine stored it (see tables.ts for why the raw
// values differ).
export function toIso(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : value;
}

export function toFlag(value: unknown): boolean {
  return value === true || value === 1;
}

export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toNumber(value: number | string | bigint | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Instants are stored in UTC as toISOString() writes them, so text order is time order in SQLite. */
export function utc(iso: string): string {
  return new Date(iso).toISOString();
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * JSON text for a json (SQLite) or jsonb (PostgreSQL) column. JSON.stringify writes a lone
 * surrogate (half an emoji, cut by a length limit) as a \udXXX escape, which jsonb refuses, so it
 * is stored as U+FFFD instead: what both drivers already store for one in a text column.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? v.replace(LONE_SURROGATE, '\ufffd') : v,
  );
}
