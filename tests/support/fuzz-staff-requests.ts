// The staff API cases of the API fuzz test: logins, the alert list with odd queries, acknowledge
// and resolve on real and made-up alert ids, logout and the stream, the manager views (results,
// comments, recognition, the weekly digest and its subscribers) with odd filters, checking in,
// and the admin routes a non-admin must be refused, each with the right session and CSRF token or
// a wrong, missing or foreign one.
import { fuzzJson, mutateSometimes, ODD_STRINGS, wellFormed, type Rng } from './fuzz.ts';
import { json, wrap, type FuzzCase, type FuzzWorld } from './fuzz-requests.ts';

/** A percent-encoded odd string for a path or a query, sometimes malformed on purpose. */
function inUrl(rng: Rng, s: string): string {
  if (rng.chance(0.1))
    return rng.pick(['%', '%zz', '%ff%fe', '%c0%80', '%00', '..%2f..', '%ed%a0%80']);
  return encodeURIComponent(wellFormed(s.slice(0, rng.int(1, 200))));
}

const LIMITS = ['0', '1', '1000', '1001', '-1', '1e3', '0x10', 'NaN'];

function staffHeaders(rng: Rng, world: FuzzWorld): Record<string, string> {
  const who = rng.chance(0.5) ? world.sessions.manager : world.sessions.staff;
  const roll = rng.int(0, 19);
  if (roll === 0) return {};
  if (roll === 1)
    return { cookie: `lw_staff=${rng.pick(['', 'x', '%00', 'A'.repeat(4000), '\u00e9'])}` };
  if (roll === 2)
    return {
      cookie: who.cookie,
      'x-csrf-token':
        world.sessions.manager === who ? world.sessions.staff.csrf : world.sessions.manager.csrf,
    };
  if (roll === 3)
    return { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: 'https://evil.example' };
  if (roll === 4) return { cookie: `${who.cookie}; lw_staff=other; =; ;;` };
  return { cookie: who.cookie, 'x-csrf-token': who.csrf };
}

/** One staff API request: login, me, the alert list, acknowledge, resolve, logout, the stream. */
export function staffCase(rng: Rng, world: FuzzWorld): FuzzCase {
  const headers = staffHeaders(rng, world);
  const id = () =>
    world.alertIds.length && rng.chance(0.7)
      ? rng.pick(world.alertIds)
      : inUrl(rng, rng.pick(ODD_STRINGS));
  const roll = rng.int(0, 23);
  if (roll >= 20) return viewCase(rng, headers);
  if (roll < 3) {
    const login = {
      username: rng.pick(['mo', 'dana', 'nobody', ...ODD_STRINGS]),
      password: rng.pick(['wrong password', ...ODD_STRINGS]),
    };
    const { cookie: _c, ...noCookie } = headers;
    return wrap(
      rng,
      world,
      'login',
      '/staff/api/login',
      mutateSometimes(rng, 0.5, login),
      noCookie,
    );
  }
  if (roll < 5) return { what: 'me', method: 'GET', path: '/staff/api/me', headers };
  if (roll < 10) {
    const q = rng.pick([
      '',
      '?status=open',
      '?status=open,resolved',
      `?status=${inUrl(rng, rng.pick(ODD_STRINGS))}`,
      `?limit=${inUrl(rng, rng.pick([...LIMITS, ...ODD_STRINGS]))}`,
      '?status=open&status=resolved',
      '?x=1',
      '?limit=5&limit=6',
      '?__proto__[x]=1',
    ]);
    return { what: `alerts${q}`, method: 'GET', path: `/staff/api/alerts${q}`, headers };
  }
  if (roll < 14) {
    const body = rng.chance(0.8)
      ? undefined
      : Buffer.from(fuzzJson(rng.pick([{}, { outcome: 'recovered' }, null, 'x'])));
    return {
      what: 'ack',
      method: 'POST',
      path: `/staff/api/alerts/${id()}/ack`,
      headers: body ? json(headers) : headers,
      ...(body && { body }),
    };
  }
  if (roll < 18) {
    const resolve = {
      outcome: rng.pick(['recovered', 'not_reachable', 'other']),
      ...(rng.chance(0.6) && { note: rng.pick(ODD_STRINGS).slice(0, 2000) }),
    };
    return wrap(
      rng,
      world,
      'resolve',
      `/staff/api/alerts/${id()}/resolve`,
      mutateSometimes(rng, 0.4, resolve),
      headers,
    );
  }
  if (roll === 18) {
    // Never with the right CSRF token: the fuzz's own sessions must live to the end.
    const { 'x-csrf-token': _t, ...noCsrf } = headers;
    return { what: 'logout', method: 'POST', path: '/staff/api/logout', headers: noCsrf };
  }
  return {
    what: 'stream',
    method: 'GET',
    path: '/staff/api/stream',
    headers: { cookie: 'lw_staff=not-a-session' },
  };
}

/** A filter as a query string: known names with odd values, unknown and repeated names. */
function oddFilter(rng: Rng): string {
  const odd = () => inUrl(rng, rng.pick(ODD_STRINGS));
  return rng.pick([
    '',
    '?period=7d',
    '?period=custom&from=2026-02-30&to=2026-03-01',
    '?period=custom&from=2026-03-02&to=2026-03-01',
    `?period=${odd()}`,
    `?location=${odd()}&location=1`,
    `?touchpoint=${odd()}`,
    `?lang=${odd()}&complete=${odd()}`,
    `?repeats=${odd()}&reason=${odd()}`,
    `?q=${odd()}&cursor=${odd()}&limit=${rng.pick(LIMITS)}`,
    `?days=${odd()}`,
    `?location=1&week=${odd()}`,
    `?location=${odd()}&week=2026-11-02`,
    '?__proto__[x]=1',
  ]);
}

/** The manager views, checking in at a touchpoint, and admin routes asked by non-admins. */
function viewCase(rng: Rng, headers: Record<string, string>): FuzzCase {
  const q = oddFilter(rng);
  const path = rng.pick([
    `/staff/api/results${q}`,
    `/staff/api/results/answers${q}`,
    `/staff/api/comments${q}`,
    `/staff/api/recognition${q}`,
    `/staff/api/users${q}`,
    `/staff/api/audit${q}`,
    `/staff/api/digest${q}`,
    `/staff/api/digest/subscriptions${q}`,
  ]);
  if (rng.chance(0.7)) return { what: `view ${path}`, method: 'GET', path, headers };
  if (rng.chance(0.3)) {
    const subscriber = mutateSometimes(rng, 0.6, {
      location: rng.pick([1, 2, 9999, -1, 2_147_483_648]),
      email: rng.pick(['lead@example.com', 'LEAD@example.com', ...ODD_STRINGS]),
    });
    const [method, where] = rng.pick([
      ['PUT', '/staff/api/digest/subscriptions/mine'],
      ['POST', '/staff/api/digest/subscribers'],
      ['DELETE', `/staff/api/digest/subscribers/${inUrl(rng, rng.pick(ODD_STRINGS))}${q}`],
    ] as const);
    return {
      what: `digest ${method} ${where}`,
      method,
      path: where,
      headers: json(headers),
      body: Buffer.from(fuzzJson(subscriber)),
    };
  }
  const body = mutateSometimes(rng, 0.6, { touchpointId: rng.pick([1, 2, 9999, -1]) });
  return rng.chance(0.5)
    ? {
        what: 'check in',
        method: 'POST',
        path: '/staff/api/duty',
        headers: json(headers),
        body: Buffer.from(fuzzJson(body)),
      }
    : {
        what: 'change account',
        method: 'PATCH',
        path: `/staff/api/users/${inUrl(rng, rng.pick(['mo', 'dana', ...ODD_STRINGS]))}`,
        headers: json(headers),
        body: Buffer.from(fuzzJson({ role: 'admin' })),
      };
}
