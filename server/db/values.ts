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
 * Free text as both engines can hold it. PostgreSQL text cannot hold U+0000, and its jsonb refuses
 * the \udXXX escape JSON.stringify writes for a lone surrogate (half an emoji, as a length limit
 * can leave it); each becomes U+FFFD, which is what both drivers already make of a lone surrogate.
 */
export function storableText(s: string): string {
  return s.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATE, '\ufffd');
}

/** JSON text for a json (SQLite) or jsonb (PostgreSQL) column, its strings made storable. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storableText(v) : v));
}
