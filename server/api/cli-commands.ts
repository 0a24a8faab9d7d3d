// The read API token commands of server/cli.ts. A token is printed once, when made; afterwards
// only its name, scope and dates are shown (the table keeps a hash, not the token).
import type { Storage } from '../db/open.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.ts';

type Out = (line: string) => void;

export async function createApiTokenCommand(
  storage: Storage,
  flags: { name?: string; locations?: string },
  out: Out,
): Promise<void> {
  const locations = flags.locations
    ? flags.locations
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean)
    : 'all';
  out(await createApiToken(storage, flags.name!, locations, new Date()));
}

export async function listApiTokensCommand(storage: Storage, out: Out): Promise<void> {
  for (const t of await listApiTokens(storage))
    out(
      `${t.name}\t${t.locations === 'all' ? 'all locations' : t.locations.join(', ')}\t` +
        `created ${t.createdAt}${t.revokedAt ? `\trevoked ${t.revokedAt}` : ''}`,
    );
}

export async function revokeApiTokenCommand(
  storage: Storage,
  name: string,
  out: Out,
): Promise<void> {
  await revokeApiToken(storage, name, new Date());
  out(`revoked ${name}`);
}
