// The kiosk API cases of the API fuzz test: answers and alerts batches (valid items bent by the
// mutator, resends, another kiosk's ids and seqs, the same id twice), heartbeats and the config,
// with the kiosk's own token, the other kiosk's, or none worth the name.
import { mutate, mutateSometimes, type Rng } from './fuzz.ts';
import {
  FAIR_TEXT,
  fuzzUuid,
  iso,
  wrap,
  type FuzzCase,
  type FuzzKiosk,
  type FuzzWorld,
} from './fuzz-requests.ts';

/** Seqs for answers meant to be bent or refused, far past the kiosk's own count. */
const ASIDE = 1_000_000;

function freshAnswer(rng: Rng, k: FuzzKiosk, seq: number): Record<string, unknown> {
  const at = iso(rng);
  return {
    id: fuzzUuid(rng),
    kioskId: k.id,
    seq,
    surveyVersion: rng.pick(['test-1', 'v2', '\u202ev3']),
    status: rng.pick(['complete', 'partial']),
    language: rng.pick(['en', 'et', 'de']),
    startedAt: at,
    finalizedAt: at,
    smiley: rng.int(1, 5),
    reasons: rng.chance(0.5) ? ['wait'] : [],
    ...(rng.chance(0.5) && { nps: rng.int(0, 10) }),
    ...(rng.chance(0.3) && { ces: rng.int(1, 7) }),
    ...(rng.chance(0.5) && { comment: rng.pick(FAIR_TEXT) }),
    ...(rng.chance(0.2) && {
      contact: { consentVersion: '2026-11', name: 'Ada \u200f', email: 'ada@example.com' },
    }),
    talkNow: rng.chance(0.1),
    possibleRepeat: rng.chance(0.1),
  };
}

function answerItem(rng: Rng, k: FuzzKiosk, other: FuzzKiosk): Record<string, unknown> {
  const roll = rng.int(0, 19);
  if (roll < 9) {
    // As a kiosk's queue does: what the collector does not hold yet goes again, in turn.
    if (k.unsent.length && rng.chance(0.5)) {
      const again = k.unsent.shift()!;
      k.unsent.push(again);
      return again;
    }
    const a = freshAnswer(rng, k, k.nextSeq++);
    k.sent.push(a);
    k.unsent.push(a);
    return a;
  }
  const aside = freshAnswer(rng, k, ASIDE + rng.int(0, ASIDE));
  if (roll < 15) return mutate(rng, aside);
  // A resend; another kiosk's id; a seq this kiosk already holds, under a new id; the other
  // kiosk's id in the item; a seq anywhere, most likely far ahead, which leaves a gap.
  // Only ids and seqs already held: taken earlier, they would leave a gap in the kiosk's count.
  const borrow = roll === 16 ? held(other) : roll === 17 ? held(k) : [];
  if (roll === 15 && k.sent.length) return rng.pick(k.sent);
  if (roll === 16 && borrow.length) return { ...aside, id: rng.pick(borrow).id };
  if (roll === 17 && borrow.length) return { ...aside, seq: rng.pick(borrow).seq };
  if (roll === 18) return { ...aside, kioskId: other.id };
  return { ...aside, seq: rng.int(1, 2_147_483_647) };
}

function held(k: FuzzKiosk): Record<string, unknown>[] {
  const open = new Set(k.unsent);
  return k.sent.filter((a) => !open.has(a));
}

/** Between chunks: the answers the collector holds are not sent again. */
export function forgetHeld(world: FuzzWorld, held: (id: string) => boolean): void {
  for (const k of world.kiosks)
    k.unsent = k.unsent.filter((a) => !held(String(a.id).toLowerCase()));
}

function alertItem(rng: Rng, k: FuzzKiosk, other: FuzzKiosk): Record<string, unknown> {
  const answerId =
    rng.chance(0.3) && other.sent.length
      ? rng.pick(other.sent).id // must be refused: the other kiosk's answer
      : rng.chance(0.6) && k.sent.length
        ? rng.pick(k.sent).id
        : rng.pick([null, fuzzUuid(rng)]);
  const a = {
    id: fuzzUuid(rng),
    answerId,
    kind: rng.pick(['low_score', 'talk_now', 'test']),
    createdAt: iso(rng),
    detail: {
      ...(rng.chance(0.5) && { kioskId: rng.chance(0.9) ? k.id : other.id }),
      location: rng.pick(['Main store', FAIR_TEXT[3]!]),
      touchpoint: 'Desk',
      smiley: rng.int(1, 5),
      ...(rng.chance(0.3) && { reasons: ['wait', '\u{1f600}'] }),
    },
  };
  return mutateSometimes(rng, 0.3, a);
}

function heartbeat(rng: Rng, k: FuzzKiosk): Record<string, unknown> {
  return {
    kioskId: k.id,
    appVersion: rng.pick(['1.0.0', '2.0.0-beta+\u{1f680}']),
    queueDepth: rng.int(0, 600),
    oldestUnsentAt: rng.pick([null, iso(rng)]),
    lastError: rng.pick([null, 'ECONNREFUSED', FAIR_TEXT[rng.int(0, 10)]!.slice(0, 500)]),
    deviceTime: new Date().toISOString(),
  };
}

/** A batch envelope around 0-4 items, sometimes bent, sometimes naming the other kiosk. */
function batch(rng: Rng, k: FuzzKiosk, other: FuzzKiosk, key: 'answers' | 'alerts') {
  const item = key === 'answers' ? answerItem : alertItem;
  const items = Array.from({ length: rng.int(0, 4) }, () => item(rng, k, other));
  if (items.length && rng.chance(0.1)) items.push(items[0]!); // the same id twice in one batch
  const body = { kioskId: k.id, sentAt: new Date().toISOString(), [key]: items };
  if (rng.chance(0.05)) return { ...body, kioskId: other.id };
  return mutateSometimes(rng, 0.1, body);
}

function bearer(rng: Rng, k: FuzzKiosk, other: FuzzKiosk): Record<string, string> {
  const roll = rng.int(0, 29);
  if (roll === 0) return {};
  if (roll === 1) return { authorization: `Bearer ${other.token}` };
  if (roll === 2) return { authorization: `Bearer ${'A'.repeat(rng.int(1, 5000))}` };
  if (roll === 3)
    return {
      authorization: rng.pick([
        'Basic Zm9vOmJhcg==',
        'Bearer',
        `bearer  ${k.token}  `,
        `Bearer ${k.token} x`,
        'Bearer \u00ff\u00e9',
      ]),
    };
  return { authorization: `Bearer ${k.token}` };
}

/** One kiosk API request: answers, alerts, a heartbeat or the config. */
export function kioskCase(rng: Rng, world: FuzzWorld): FuzzCase {
  const [a, b] = rng.chance(0.5) ? world.kiosks : [world.kiosks[1], world.kiosks[0]];
  const auth = bearer(rng, a, b);
  // The kiosk the collector will take the request for, read from the header as it reads it.
  const token = /^Bearer\s+(\S+)\s*$/i.exec(auth.authorization ?? '')?.[1];
  const as = [a, b].find((k) => k.token === token);
  const roll = rng.int(0, 9);
  if (roll < 4)
    return {
      ...wrap(rng, world, 'answers', '/v1/answers', batch(rng, a, b, 'answers'), auth),
      ...(as && { as }),
    };
  if (roll < 7)
    return {
      ...wrap(rng, world, 'alerts', '/v1/alerts', batch(rng, a, b, 'alerts'), auth),
      ...(as && { as }),
    };
  if (roll < 9) {
    const hb = heartbeat(rng, a);
    return wrap(rng, world, 'heartbeat', '/v1/heartbeat', mutateSometimes(rng, 0.5, hb), auth);
  }
  const tag = rng.pick(['*', '"x"', 'W/"x", "y"', '', ',,,', '"'.repeat(100), 'W/']);
  return {
    what: 'config',
    method: 'GET',
    path: '/v1/config',
    headers: { ...auth, 'if-none-match': tag },
  };
}
