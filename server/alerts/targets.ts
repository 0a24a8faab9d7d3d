// Where the collector may send webhooks. A routing file is written by a store admin, not by the
// operator of the collector, so a URL must not be a way to reach the collector's own network
// (cloud metadata at 169.254.169.254, an admin port on localhost, a private service). https
// only; loopback, link-local, private, CGNAT, multicast, unspecified and IPv6 transition (mapped,
// NAT64, 6to4, Teredo) addresses refused unless the operator allows the host by name (tests
// allow 127.0.0.1).
//
// Each send resolves the host name once, checks every address, and hands the checked addresses
// to the connection (webhook-post.ts), which never asks DNS again: a rebinding DNS server that
// answers a public address to the check and 127.0.0.1 a moment later gets no second question.
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Host name to addresses: the system resolver, or in tests a stand-in for a DNS server. */
export type Resolver = (host: string) => Promise<LookupAddress[]>;

export interface TargetPolicy {
  /** Host names or literal IPs exempt from the checks (http allowed too), e.g. ['127.0.0.1'] in tests. */
  allowHosts: string[];
  resolve: Resolver;
}

export const DEFAULT_TARGET_POLICY: TargetPolicy = {
  allowHosts: [],
  resolve: (host) => lookup(host, { all: true }),
};

/** A target that passed the checks, with the addresses its connection must use. */
export interface CheckedTarget {
  url: URL;
  addresses: LookupAddress[];
}

export class TargetError extends Error {}

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  // Transition ranges carry an IPv4 address inside: NAT64, 6to4 and Teredo could each reach a
  // private IPv4 host. (IPv4-mapped ::ffff:0:0/96 is refused in isBlockedAddress: a subnet here
  // would also match every plain IPv4 address.)
  ['64:ff9b::', 96],
  ['2002::', 16],
  ['2001::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    // An IPv4-mapped address (::ffff:127.0.0.1, or ::ffff:7f00:1 as URL parsing writes it) is
    // an IPv4 address in disguise: a webhook never needs one.
    return /^::ffff:/i.test(address) || blocked.check(address, 'ipv6');
  }
  return true;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

function isAllowed(host: string, policy: TargetPolicy): boolean {
  return policy.allowHosts.map((h) => h.toLowerCase()).includes(host);
}

/** Checks that need no network: scheme, credentials in the URL, literal addresses. */
export function checkTargetSyntax(raw: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetError('not a URL');
  }
  const host = hostOf(url);
  if (url.username || url.password) throw new TargetError('credentials in the URL are not allowed');
  if (isAllowed(host, policy)) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new TargetError('only http(s) URLs');
    return url;
  }
  if (url.protocol !== 'https:') throw new TargetError('webhook URLs must use https');
  if (host === 'localhost' || host.endsWith('.localhost'))
    throw new TargetError('loopback targets are not allowed');
  if (isIP(host) && isBlockedAddress(host))
    throw new TargetError('loopback, link-local and private addresses are not allowed');
  return url;
}

/**
 * Full check before a send: the syntax, then every address the name resolves to (an allowed
 * host's too, unchecked, so that its connection also goes where this one lookup said).
 */
export async function checkTarget(raw: string, policy: TargetPolicy): Promise<CheckedTarget> {
  const url = checkTargetSyntax(raw, policy);
  const host = hostOf(url);
  const family = isIP(host);
  if (family) return { url, addresses: [{ address: host, family }] };
  let addresses: LookupAddress[];
  try {
    addresses = await policy.resolve(host);
  } catch {
    throw new TargetError('the host name does not resolve');
  }
  if (!addresses.length) throw new TargetError('the host name does not resolve');
  if (!isAllowed(host, policy) && addresses.some((a) => isBlockedAddress(a.address)))
    throw new TargetError('the host name resolves to a loopback, link-local or private address');
  return { url, addresses };
}
