// `set-routing <location> <file>` and `show-routing <location>` for server/cli.ts. The file is
// checked in full before anything is stored (schema, channel names, webhook URLs by the
// production target policy, DNS not consulted), so a typo never half-applies.
import type { Storage } from '../db/open.ts';
import { readJsonFile } from '../json-file.ts';
import { getRouting, RoutingError, setRouting, parseRouting } from './routing-store.ts';
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
  for (const channel of routing.channels) {
    if (channel.kind === 'email') continue;
    try {
      checkTargetSyntax(channel.url, policy);
    } catch (error) {
      throw new RoutingError(
        `channels.${channel.name}.url: ${error instanceof TargetError ? error.message : 'invalid'}`,
      );
    }
  }
  await setRouting(storage, location, json, new Date());
  const kinds = routing.channels.map((c) => `${c.name} (${c.kind})`).join(', ') || 'none';
  out(
    `alert routing set for location "${location}": channels ${kinds}; ${routing.escalation.length} escalation step(s)`,
  );
  out('the running collector uses it for the next alert');
}

/** The routing in effect, secrets masked (a terminal scrollback is not a secret store). */
export async function showRoutingCommand(
  storage: Storage,
  location: string,
  out: (line: string) => void,
): Promise<void> {
  const routing = await getRouting(storage, location);
  const masked = {
    ...routing,
    channels: routing.channels.map((c) =>
      c.kind === 'email'
        ? c
        : { ...c, url: `${new URL(c.url).origin}/…`, ...(c.secret && { secret: 'whsec_…' }) },
    ),
  };
  out(JSON.stringify(masked, null, 2));
}
