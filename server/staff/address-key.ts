// The client address as the login throttle counts it. An IPv4 address (also written as IPv6,
// ::ffff:a.b.c.d) counts as itself; an IPv6 address counts by its /64, because one customer line
// or cloud host usually gets a whole /64 and could otherwise take a fresh address per guess.
import { isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address, "::" expanded and an IPv4 tail as two groups. */
function groups(ip: string): number[] {
  const [head = '', tail] = ip.split('::');
  const part = (s: string) =>
    s
      .split(':')
      .filter(Boolean)
      .flatMap((g) => {
        if (!g.includes('.')) return [parseInt(g, 16)];
        const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
        return [(a << 8) | b, (c << 8) | d];
      });
  const first = part(head);
  if (tail === undefined) return first;
  const last = part(tail);
  return [...first, ...Array<number>(8 - first.length - last.length).fill(0), ...last];
}

export function addressKey(ip: string): string {
  const address = ip.split('%')[0]!; // a zone (fe80::1%eth0) names our interface, not the client
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const g = groups(address);
  return `${g
    .slice(0, 4)
    .map((n) => n.toString(16))
    .join(':')}::/64`;
}
