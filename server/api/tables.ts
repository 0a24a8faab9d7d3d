// The read API's table (migration 014) as Kysely sees it; the column conventions for the two
// engines are in server/db/columns.ts.
import type { Generated } from 'kysely';
import type { Instant, NullableInstant, NullableJson } from '../db/columns.ts';

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  /** SHA-256 of the token (server/tokens.ts): the token itself is shown once and never kept. */
  token_hash: string;
  /** JSON [location id, …]; null: every location. */
  locations: NullableJson;
  created_at: Instant;
  revoked_at: NullableInstant;
}

export interface ApiTables {
  api_tokens: ApiTokenTable;
}
