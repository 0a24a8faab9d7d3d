// Read API tokens (for a BI or CRM tool): 256 random bits shown once, kept only as a SHA-256 hash
// (server/tokens.ts says why a plain hash is enough), each scoped to every location or to a list.
// Revoking keeps the row, so a name is never reused for another tool by mistake, and the
// collector answers a revoked token 401 from the next request on.
import { newDeviceToken, hashToken } from '../tokens.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toIso } from '../db/values.ts';

export class ApiTokenError extends Error {}

export interface ApiTokenInfo {
  id: number;
  name: string;
  /** Location names; 'all' also covers locations added later. */
  locations: string[] | 'all';
  createdAt: string;
  revokedAt: string | null;
}

/** The scope a request's token grants: its id (for its rate limit) and its locations by id. */
export interface ApiCaller {
  tokenId: number;
  locationIds: number[] | 'all';
}

/** Creates a token named `name` for `locations` (names; 'all'); resolves to the token, once. */
export async function createApiToken(
  storage: Storage,
  name: string,
  locations: string[] | 'all',
  now: Date,
): Promise<string> {
  if (!/^[\w .-]{1,64}$/.test(name))
    throw new ApiTokenError('--name must be 1 to 64 letters, digits, spaces, dots or dashes');
  let ids: number[] | null = null;
  if (locations !== 'all') {
    const rows = await storage.db.selectFrom('locations').select(['id', 'name']).execute();
    ids = locations.map((wanted) => {
      const found = rows.find((r) => r.name === wanted);
      if (!found) throw new ApiTokenError(`no location "${wanted}" (see: locations)`);
      return found.id;
    });
    if (!ids.length) throw new ApiTokenError('--locations names no location');
  }
  const taken = await storage.db
    .selectFrom('api_tokens')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  if (taken) throw new ApiTokenError(`an API token named "${name}" exists already`);
  const token = newDeviceToken();
  await storage.db
    .insertInto('api_tokens')
    .values({
      name,
      token_hash: hashToken(token),
      locations: ids === null ? null : JSON.stringify(ids),
      created_at: now.toISOString(),
      revoked_at: null,
    })
    .execute();
  return token;
}

export async function listApiTokens(storage: Storage): Promise<ApiTokenInfo[]> {
  const [rows, places] = await Promise.all([
    storage.db.selectFrom('api_tokens').selectAll().orderBy('id').execute(),
    storage.db.selectFrom('locations').select(['id', 'name']).execute(),
  ]);
  const nameOf = new Map(places.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    locations:
      r.locations === null
        ? 'all'
        : fromJson<number[]>(r.locations).map((id) => nameOf.get(id) ?? `#${id}`),
    createdAt: toIso(r.created_at)!,
    revokedAt: toIso(r.revoked_at),
  }));
}

export async function revokeApiToken(storage: Storage, name: string, now: Date): Promise<void> {
  const result = await storage.db
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw new ApiTokenError(`no API token named "${name}" in use`);
}

/** The caller a presented token stands for; null for an unknown or revoked one. */
export async function apiCaller(storage: Storage, token: string): Promise<ApiCaller | null> {
  const row = await storage.db
    .selectFrom('api_tokens')
    .select(['id', 'locations'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    tokenId: row.id,
    locationIds: row.locations === null ? 'all' : fromJson<number[]>(row.locations),
  };
}
