// `set-routing <location> <file>`, `show-routing <location>`, and the IT default's
// `set-it-routing <file>` and `show-it-routing`, for server/cli.ts. The file is
// checked in full before anything is stored (schema, channel names, webhook URLs by the
// production target policy, DNS not consulted), so a typo never half-applies.
import type { Storage } from '../db/open.ts';
import { readJsonFile } from '../json-file.ts';
import { getItDefault, itRoutingFor, parseItDefault, setItDefault } from './it-routing-store.ts';
import { getRouting, RoutingError, setRouting, parseRouting } from './routing-store.ts';
import type { Channel } from './rules.ts';
import {
  checkTargetSyntax,
  DEFAULT_TARGET_POLICY,
  TargetError,
  type TargetPolicy,
} from './targets.ts';

export async function setRoutingCommand(
  storage: Storage,
  location: string,
  file: string,
  out: (line: string) => void,
  policy: TargetPolicy = DEFAULT_TARGET_POLICY,
): Promise<void> {
  const json = readJsonFile(file, (message) => new RoutingError(message));
  const routing = parseRouting(json);
  checkChannelTargets(routing.channels, policy);
  await setRouting(storage, location, json, new Date());
  const kinds = routing.channels.map((c) => `${c.name} (${c.kind})`).join(', ') || 'none';
  out(
    `alert routing set for location "${location}": channels ${kinds}; ${routing.escalation.length} escalation step(s)`,
  );
  out('the running collector uses it for the next alert');
}

/** Every webhook URL as the target policy will see it (DNS not consulted yet). */
function checkChannelTargets(channels: readonly Channel[], policy: TargetPolicy): void {
  for (const channel of channels) {
    if (channel.kind === 'email') continue;
    try {
      checkTargetSyntax(channel.url, policy);
    } catch (error) {
      throw new RoutingError(
        `channels.${channel.name}.url: ${error instanceof TargetError ? error.message : 'invalid'}`,
      );
    }
  }
}

/** `set-it-routing <file>`: the IT default, for every location whose routing has no `it`. */
export async function setItRoutingCommand(
  storage: Storage,
  file: string,
  out: (line: string) => void,
  policy: TargetPolicy = DEFAULT_TARGET_POLICY,
): Promise<void> {
  const json = readJsonFile(file, (message) => new RoutingError(message));
  const routing = parseItDefault(json);
  checkChannelTargets(routing.channels, policy);
  await setItDefault(storage, json, new Date());
  out(
    `IT alert routing set for every location without its own: ${routing.it.notify.join(', ')} told of ${routing.it.statuses.join(', ')}`,
  );
  out('the running collector uses it at its next fleet tick');
}

/** `show-it-routing [--location <name>]`: the IT routing in force there (or the default), secrets masked. */
export async function showItRoutingCommand(
  storage: Storage,
  location: string | undefined,
  out: (line: string) => void,
): Promise<void> {
  const routing =
    location === undefined
      ? await getItDefault(storage.db)
      : await itRoutingFor(storage.db, location);
  out(routing ? JSON.stringify(masked(routing), null, 2) : 'no IT alerts (no IT routing)');
}

/** The routing in effect, secrets masked (a terminal scrollback is not a secret store). */
export async function showRoutingCommand(
  storage: Storage,
  location: string,
  out: (line: string) => void,
): Promise<void> {
  out(JSON.stringify(masked(await getRouting(storage, location)), null, 2));
}

/** Webhook URLs cut to their origin and secrets hidden (a terminal scrollback is not a secret store). */
function masked<R extends { channels: Channel[] }>(routing: R): R {
  return {
    ...routing,
    channels: routing.channels.map((c) =>
      c.kind === 'email'
        ? c
        : { ...c, url: `${new URL(c.url).origin}/…`, ...(c.secret && { secret: 'whsec_…' }) },
    ),
  };
}
