// No client holds one of the collector's sockets by being slow or silent: half the headers and
// then nothing (slowloris), headers or a body a byte at a time, a connection that never speaks;
// nor does a request whose handler is stuck (a login queued behind password hashing). A normal
// request still gets its answer, and a live staff stream that stays quiet for longer than every
// limit stays open and gets the next alert. Real sockets on loopback, short limits set here.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOKIE } from '../../server/staff/guard.ts';
import { HashGate } from '../../server/staff/hash-gate.ts';
import { createSession } from '../../server/staff/sessions.ts';
import { settingsFromEnv } from '../../server/settings.ts';
import type { ServerTimeouts } from '../../server/timeouts.ts';
import { readEvents } from '../support/staff-sse.ts';
import {
  LOCATIONS,
  PASSWORD_WORK_MS,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';

const LIMITS: ServerTimeouts = { headersMs: 300, requestMs: 600, idleMs: 900, keepAliveMs: 300 };
/** Room for a loaded machine between a limit and the close it causes. */
const SLACK_MS = 2_000;
const DRIP_MS = 50;

let c: StaffCollector;
let port: number;
/** Dana's session cookie, made in the database: a login's password hash could outlast the idle limit. */
let cookie: string;
/** One password check at a time, one waiting: a test holds the slot to stall a login. */
const gate = new HashGate({ concurrency: 1, queue: 1 });

beforeAll(async () => {
  c = await startStaffCollector({ timeouts: LIMITS, staff: { hashGate: gate } });
  port = Number(new URL(c.url).port);
  await c.addUser('dana', 'manager');
  const { id } = await c.storage.db
    .selectFrom('staff_users')
    .select('id')
    .where('username', '=', 'dana')
    .executeTakeFirstOrThrow();
  cookie = `${COOKIE}=${(await createSession(c.storage, id, new Date())).token}`;
}, PASSWORD_WORK_MS);
afterAll(async () => c?.close());

interface Closed {
  /** What the server sent before it closed the connection. */
  reply: string;
  /** From connect (or from `mark`, when the test calls it) to close. */
  ms: number;
}

/** Connects, lets `talk` write, and resolves when the server has closed the connection. */
async function closedBy(talk: (socket: Socket, mark: () => void) => void): Promise<Closed> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined); // a write after the server's close; the close is what counts
  await once(socket, 'connect');
  let from = performance.now();
  let reply = '';
  socket.on('data', (d: Buffer) => (reply += d.toString('latin1')));
  talk(socket, () => (from = performance.now()));
  await once(socket, 'close');
  return { reply, ms: performance.now() - from };
}

/** Writes `text` one byte every DRIP_MS until it runs out or the connection closes. */
function drip(socket: Socket, text: string): void {
  let at = 0;
  const timer = setInterval(() => {
    if (at < text.length && !socket.destroyed) socket.write(text[at++]!);
  }, DRIP_MS);
  socket.once('close', () => clearInterval(timer));
}

function expectWithin(ms: number, limit: number): void {
  expect(ms).toBeGreaterThanOrEqual(limit * 0.9);
  expect(ms).toBeLessThan(limit + SLACK_MS);
}

/** A login sent whole while the only password-check slot is held: its handler waits, nothing moves. */
async function stalledLogin(): Promise<Closed> {
  let release!: () => void;
  const held = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
  try {
    const body = JSON.stringify({ username: 'nobody', password: 'not checked before the close' });
    return await closedBy((s) =>
      s.write(
        'POST /staff/api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${body.length}\r\n\r\n${body}`,
      ),
    );
  } finally {
    release();
    await held;
  }
}

const HALF_HEADERS = 'GET /staff/api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow';

describe('collector: slow and silent clients are cut off', () => {
  it('half the headers and then nothing: 408 at the header limit', async () => {
    const closed = await closedBy((s) => s.write(HALF_HEADERS));
    expect(closed.reply).toMatch(/^HTTP\/1\.1 408 /);
    expectWithin(closed.ms, LIMITS.headersMs);
  });

  it('headers a byte at a time, never idle: closed at the header limit all the same', async () => {
    const closed = await closedBy((s) => drip(s, `${HALF_HEADERS}${'x'.repeat(10_000)}`));
    expectWithin(closed.ms, LIMITS.headersMs);
  });

  it('a kiosk upload a byte at a time: 408 at the request limit', async () => {
    const token = c.tokens[LOCATIONS.main.kioskId]!;
    const closed = await closedBy((s) => {
      s.write(
        'POST /v1/answers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          `Authorization: Bearer ${token}\r\nContent-Length: 10000\r\n\r\n`,
      );
      drip(s, '['.repeat(10_000));
    });
    expect(closed.reply).toMatch(/^HTTP\/1\.1 408 /);
    expectWithin(closed.ms, LIMITS.requestMs);
  });

  it('a connection that never sends a byte: 408 at the header limit, which runs from connect', async () => {
    const closed = await closedBy(() => undefined);
    expect(closed.reply).toMatch(/^HTTP\/1\.1 408 /);
    expectWithin(closed.ms, LIMITS.headersMs);
  });

  it('a request whose handler is stuck: closed at the idle limit, without a reply', async () => {
    const closed = await stalledLogin();
    expect(closed.reply).toBe('');
    expectWithin(closed.ms, LIMITS.idleMs);
  });

  it('a normal request is answered, and its kept-alive connection closes once idle', async () => {
    const closed = await closedBy((s, mark) => {
      s.write(`GET /staff/api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n\r\n`);
      s.once('data', mark);
    });
    expect(closed.reply).toMatch(/^HTTP\/1\.1 200 /);
    expect(closed.reply).toContain('"username":"dana"');
    // Recent Node versions wait a further second past the limit they announce (keepAliveTimeoutBuffer).
    expect(closed.ms).toBeGreaterThanOrEqual(LIMITS.keepAliveMs * 0.9);
    expect(closed.ms).toBeLessThan(LIMITS.keepAliveMs + 1_000 + SLACK_MS);
  });

  it('a live staff stream quiet for longer than every limit stays open and gets the next alert', async () => {
    let snapshotIn!: () => void;
    const snapshot = new Promise<void>((resolve) => (snapshotIn = resolve));
    const reading = readEvents(
      c.url,
      cookie,
      (events) => {
        if (events.some((e) => e.event === 'snapshot')) snapshotIn();
        return events.some((e) => e.event === 'alert');
      },
      { timeoutMs: 20_000 },
    );
    await snapshot;
    // Sent after the stream's last write and cut by the idle limit, the longest one: by then the
    // stream has been quiet for longer than that, its request long complete.
    expectWithin((await stalledLogin()).ms, LIMITS.idleMs);
    const seeded = await c.seedAlert('main');
    const { status, events } = await reading;
    expect(status).toBe(200);
    expect(events.filter((e) => e.event === 'alert').map((e) => JSON.parse(e.data).id)).toEqual([
      seeded.id,
    ]);
  });
});

describe('collector: the limits in the settings', () => {
  it('reads them in seconds from the environment: 10, 30, 30 and 72 unless told otherwise', () => {
    expect(settingsFromEnv({}).timeouts).toEqual({
      headersMs: 10_000,
      requestMs: 30_000,
      idleMs: 30_000,
      keepAliveMs: 72_000,
    });
    expect(
      settingsFromEnv({
        LASTWORD_COLLECTOR_HEADERS_SECONDS: '2.5',
        LASTWORD_COLLECTOR_REQUEST_SECONDS: '20',
        LASTWORD_COLLECTOR_IDLE_SECONDS: '15',
        LASTWORD_COLLECTOR_KEEPALIVE_SECONDS: '65',
      }).timeouts,
    ).toEqual({ headersMs: 2_500, requestMs: 20_000, idleMs: 15_000, keepAliveMs: 65_000 });
    expect(() => settingsFromEnv({ LASTWORD_COLLECTOR_IDLE_SECONDS: '0' })).toThrow(
      /LASTWORD_COLLECTOR_IDLE_SECONDS/,
    );
    expect(() => settingsFromEnv({ LASTWORD_COLLECTOR_HEADERS_SECONDS: '40' })).toThrow(
      /LASTWORD_COLLECTOR_HEADERS_SECONDS: at most LASTWORD_COLLECTOR_REQUEST_SECONDS/,
    );
  });
});
