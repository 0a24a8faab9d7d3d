// A seeded generator of hostile request bodies for the API fuzz test, with no dependency: a
// mulberry32 PRNG (so a failing run replays from its seed), a catalogue of odd values (strings
// that break encodings, numbers JSON.stringify cannot write, dates at the calendar's edges) and a
// mutator that bends a valid body into a subtly or grossly wrong one.

/** mulberry32: tiny, fast, and good enough to pick test cases. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
}

/** The seed of this run: LASTWORD_FUZZ_SEED replays one, otherwise a fresh one each run. */
export function fuzzSeed(): number {
  const given = process.env.LASTWORD_FUZZ_SEED;
  return given ? Number(given) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
}

/**
 * A number written into the JSON text as is: 1e309, -0 and NaN have no JSON.stringify form, and
 * "00" or "+1" are not JSON at all. fuzzJson() writes them.
 */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

const RAW_NUMBERS = [
  '1e309',
  '-1e309',
  '-0',
  '-0.0',
  '1E0',
  '5.0',
  '0.1e1',
  '1e-400',
  '4.9e-324',
  '1.7976931348623157e308',
  '9007199254740993',
  '2147483648',
  '-2147483649',
  '00',
  '+1',
  'NaN',
  'Infinity',
  '0x10',
  '.5',
];

const ODD_NUMBERS = [0, -1, 1, 2, 5, 6, 7, 10, 11, 0.5, 2147483647, -2147483648, 1e21, 2 ** 53];

export const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  '\ud800',
  '\udc00',
  'lone \udbff in the middle',
  '\udc00\ud800',
  '\u0000',
  'nul\u0000inside',
  '\u200fRTL mark',
  '\u202eoverride\u202c',
  '\ufeffBOM',
  '\u2028\u2029',
  '\u0001\u001f\u007f\u0085',
  '\uffff\ufffe',
  '\u{10ffff}',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301'.repeat(300),
  'x'.repeat(10_000),
  '💩'.repeat(5_000),
  'ＦＵＬＬ ｗｉｄｔｈ',
  '<script>alert(1)</script>',
  "'; DROP TABLE answers; --",
  '%00%ff%',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '${process.exit()}',
  '\\"',
  'null',
  'true',
  '1e309',
  'NaN',
  '-0',
  '9'.repeat(400),
  'a'.repeat(65),
  '0190A2B3-C4D5-7E6F-8A9B-0C1D2E3F4A5B',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-7fff-bfff-ffffffffffff',
  '0190a2b3-c4d5-4e6f-8a9b-0c1d2e3f4a5b',
];

export const ODD_DATES: readonly string[] = [
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59.999-00:01',
  '9999-12-31T23:59:59.9999999Z',
  '+010000-01-01T00:00:00.000Z',
  '10000-01-01T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '0001-01-01T00:00:00+00:01',
  '0001-01-01T00:00:00-01:00',
  '0000-01-01T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2024-02-29T12:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-23T24:00:00Z',
  '2026-11-23T23:59:60Z',
  '2026-11-23',
  '2026-11-23T09:00:00',
  '2026-11-23T09:00:00.123456789Z',
  '2026-11-23T09:00:00+14:00',
  '2026-11-23T09:00:00-12:00',
  '2026-11-23T09:00:00+23:59',
  '2026-11-23T09:00:00+99:00',
  ' 2026-11-23T09:00:00Z',
  'Mon, 23 Nov 2026 09:00:00 GMT',
];

type Json = unknown;

/** A value of any type, mostly ones a schema does not expect. */
export function oddValue(rng: Rng, depth = 0): Json {
  switch (rng.int(0, 9)) {
    case 0:
      return rng.pick(ODD_STRINGS);
    case 1:
      return new RawJson(rng.pick(RAW_NUMBERS));
    case 2:
      return rng.pick(ODD_NUMBERS);
    case 3:
      return rng.pick([true, false, null]);
    case 4:
      return rng.pick(ODD_DATES);
    case 5:
      return depth > 2 ? [] : Array.from({ length: rng.int(0, 3) }, () => oddValue(rng, depth + 1));
    case 6:
      return depth > 2 ? {} : { [rng.pick(ODD_STRINGS)]: oddValue(rng, depth + 1) };
    case 7:
      // Deep nesting, as text: parsers and validators that recurse run out of stack on it.
      return new RawJson('['.repeat(20_000) + ']'.repeat(20_000));
    case 8:
      // Own keys named __proto__ and constructor, as a hostile client writes them.
      return JSON.parse(
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
      ) as Json;
    default:
      return Array.from({ length: rng.int(2, 50) }, () => rng.pick(ODD_STRINGS).slice(0, 50));
  }
}

/** A value of the same kind as `v` (a date for a date, a number for a number), but an odd one. */
function oddLike(rng: Rng, v: Json): Json {
  if (typeof v === 'string')
    return /^\d{4}-\d\d-\d\dT/.test(v) ? rng.pick(ODD_DATES) : rng.pick(ODD_STRINGS);
  if (typeof v === 'number')
    return rng.chance(0.5) ? new RawJson(rng.pick(RAW_NUMBERS)) : rng.pick(ODD_NUMBERS);
  if (typeof v === 'boolean') return rng.pick([!v, 0, 1, 'true', null]);
  return oddValue(rng);
}

const EXTRA_KEYS = ['extra', '__proto__', 'constructor', 'prototype', '', 'ID', 'id ', '\u0000'];

/** Every container (object or array) inside v, v itself first. */
function containers(v: Json, out: (object | Json[])[] = []): (object | Json[])[] {
  if (v && typeof v === 'object' && !(v instanceof RawJson)) {
    out.push(v);
    for (const child of Object.values(v)) containers(child, out);
  }
  return out;
}

/**
 * Bends one place in a (deep-copied) JSON value: a field gone, of the wrong type, odd but of the
 * right type, an extra field, an array item repeated.
 */
export function mutate<T extends Json>(rng: Rng, value: T): T {
  const copy = structuredCloneJson(value);
  const places = containers(copy);
  if (!places.length) return oddLike(rng, copy) as T;
  const at = rng.pick(places) as Record<string, Json>;
  const keys = Object.keys(at);
  const key = keys.length ? rng.pick(keys) : null;
  const move = rng.int(0, 9);
  if (Array.isArray(at) && (move < 3 || key === null))
    // An item repeated or added: JSON has no other keys on arrays.
    (at as Json[]).push(move < 2 && key !== null ? rng.pick(at as Json[]) : oddValue(rng));
  else if (key === null || (move === 3 && !Array.isArray(at)))
    // defineProperty: a plain assignment to "__proto__" would set the prototype, not add a key.
    Object.defineProperty(at, rng.pick(EXTRA_KEYS), {
      value: oddValue(rng),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else if (move === 4 && !Array.isArray(at)) delete at[key];
  else if (move === 5) at[key] = oddValue(rng);
  else at[key] = oddLike(rng, at[key]);
  return copy;
}

/** The value, bent by mutate() with probability p. */
export function mutateSometimes<T extends Json>(rng: Rng, p: number, value: T): T {
  return rng.chance(p) ? mutate(rng, value) : value;
}

function structuredCloneJson<T>(v: T): T {
  if (v instanceof RawJson || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(structuredCloneJson) as T;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, structuredCloneJson(x)])) as T;
}

/**
 * The string with each lone surrogate replaced by U+FFFD, as UTF-8 encoders (and so both
 * database drivers) store it. String#toWellFormed, before ES2024 is in the TypeScript lib.
 */
export function wellFormed(s: string): string {
  return s.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

/** JSON.stringify, with each RawJson written as its text. */
export function fuzzJson(value: Json): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0000raw${raws.length - 1}\u0000`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!);
}

/** Breaks JSON text: cut short, a byte swapped for one that is not UTF-8, a stray character. */
export function mangle(rng: Rng, text: string): Buffer {
  const bytes = Buffer.from(text);
  const at = rng.int(0, Math.max(0, bytes.length - 1));
  switch (rng.int(0, 5)) {
    case 0:
      return bytes.subarray(0, at);
    case 1:
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xfe]), bytes.subarray(at)]);
    case 2:
      // An overlong NUL and a CESU-8 surrogate: invalid UTF-8 that naive decoders accept.
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc0, 0x80, 0xed, 0xa0, 0x80])]);
    case 3:
      return Buffer.from(
        text.slice(0, at) + rng.pick(['}', ']', ',', '"', '\\', '\u0000']) + text.slice(at),
      );
    case 4:
      return Buffer.from(`${text}${text}`);
    default:
      return Buffer.from(
        rng.pick(['', ' ', 'null', '[]', '""', '0', 'true', '{', '{"a":1,}', "{'a':1}"]),
      );
  }
}
