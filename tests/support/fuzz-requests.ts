// What the API fuzz test sends, the parts both APIs share: what the generator knows about the
// collector under test, the ids it makes, and the request around a JSON body, mostly as a client
// sends it and sometimes broken on the way (bad JSON, the wrong Content-Type, past the size
// limit). The endpoints' own cases are in fuzz-kiosk-requests.ts and fuzz-staff-requests.ts.
import { fuzzJson, mangle, ODD_STRINGS, type Rng } from './fuzz.ts';
import type { FuzzRequest } from './fuzz-http.ts';

export interface FuzzKiosk {
  id: string;
  token: string;
  /** The seq the kiosk's next answer gets: its answers count 1, 2, 3… as a real kiosk's do. */
  nextSeq: number;
  /** Valid answers sent so far (stored or not): resends, and ids for the other kiosk to borrow. */
  sent: Record<string, unknown>[];
  /** Of those, the ones the collector does not hold yet: sent again, as a kiosk would. */
  unsent: Record<string, unknown>[];
}

export interface FuzzSession {
  cookie: string;
  csrf: string;
}

/** What the generator knows about the collector under test; the test keeps `alertIds` fresh. */
export interface FuzzWorld {
  kiosks: [FuzzKiosk, FuzzKiosk];
  /** A manager (sees every location) and a staff member of the first kiosk's location only. */
  sessions: { manager: FuzzSession; staff: FuzzSession };
  alertIds: string[];
  bodyLimit: number;
}

export interface FuzzCase extends FuzzRequest {
  /** The kiosk whose token the request carried. */
  as?: FuzzKiosk;
}

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
export const iso = (rng: Rng) => new Date(T0 + rng.int(-86_400_000, 86_400_000)).toISOString();

/** A UUIDv7 made from the seeded generator, so a replayed run sends the same ids. */
export function fuzzUuid(rng: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-7${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}

/** Valid text a customer could send, odd characters included, and within the schema's limits. */
export const FAIR_TEXT = ODD_STRINGS.filter((s) => !s.includes('\u0000') && s.length <= 1000);

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/vnd.api+json',
  '*/*',
];

/** The request around a JSON body: mostly as a client sends it, sometimes broken on the way. */
export function wrap(
  rng: Rng,
  world: FuzzWorld,
  what: string,
  path: string,
  value: unknown,
  headers: Record<string, string>,
): FuzzCase {
  const text = fuzzJson(value);
  const base = { what, method: 'POST', path };
  const roll = rng.int(0, 19);
  if (roll === 0)
    return { ...base, what: `${what} (mangled)`, headers: json(headers), body: mangle(rng, text) };
  if (roll === 1) {
    const type = rng.pick([...CONTENT_TYPES, null]);
    const h = type ? { ...headers, 'content-type': type } : headers;
    return { ...base, what: `${what} as ${type}`, headers: h, body: Buffer.from(text) };
  }
  if (roll === 2 && rng.chance(0.04)) {
    // Past the limit: declared up front, or only found out while reading a chunked body.
    return {
      ...base,
      what: `${what} past the limit`,
      headers: json(headers),
      body: pastTheLimit(world.bodyLimit),
      chunked: rng.chance(0.5),
    };
  }
  if (roll === 3)
    return {
      ...base,
      what: `${what} by PUT`,
      method: 'PUT',
      headers: json(headers),
      body: Buffer.from(text),
    };
  return { ...base, headers: json(headers), body: Buffer.from(text) };
}

const oversized = new Map<number, Buffer>();
/** A JSON body just past the limit, made once: a megabyte per request would slow the generator. */
function pastTheLimit(limit: number): Buffer {
  let body = oversized.get(limit);
  if (!body) oversized.set(limit, (body = Buffer.from(fuzzJson({ padding: 'x'.repeat(limit) }))));
  return body;
}

export const json = (h: Record<string, string>) => ({ 'content-type': 'application/json', ...h });
