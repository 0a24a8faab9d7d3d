// The kiosk API and the staff API under a seeded fuzz, over real HTTP on both engines: ten
// thousand requests on each, most of them valid ones bent (wrong types, missing and extra fields,
// odd strings and numbers, dates off the calendar, another kiosk's ids and tokens), some broken
// outright (bad JSON, wrong Content-Type, past the body limit). No reply may be a server error,
// every refusal must say why, and afterwards the database must hold exactly what the collector
// said it stored. A failure names its seed: LASTWORD_FUZZ_SEED=<seed> replays the same requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from '../../server/app.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { createSession } from '../../server/staff/sessions.ts';
import { IP_FACTOR, MAX_FAILURES, reserveAttempt } from '../../server/staff/throttle.ts';
import type { StaffUser } from '../../server/staff/users.ts';
import { AlertListReply } from '../../shared/staff-api.ts';
import { smallConfig } from '../support/config.ts';
import { failureLine, replyProblem } from '../support/fuzz-checks.ts';
import { FuzzLedger } from '../support/fuzz-ledger.ts';
import { fuzzClient } from '../support/fuzz-http.ts';
import { forgetHeld, kioskCase } from '../support/fuzz-kiosk-requests.ts';
import type { FuzzCase, FuzzWorld } from '../support/fuzz-requests.ts';
import { staffCase } from '../support/fuzz-staff-requests.ts';
import { Rng, fuzzSeed } from '../support/fuzz.ts';
import {
  PASSWORD_WORK_MS,
  LOCATIONS,
  capturedLog,
  staffEngines,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';
import { memoryTempDir } from '../support/tmp.ts';

const SEED = fuzzSeed();
const replay = `seed ${SEED}: replay with LASTWORD_FUZZ_SEED=${SEED}`;
const REQUESTS = 10_000;
/** A few in flight, as a fleet and a staff screen would have; more only queue on two cores. */
const IN_FLIGHT = 4;
/** Between chunks the generator learns the staff alert ids the collector has made so far. */
const CHUNK = 500;
/** Fuzzed logins whose password is checked before the address is locked out. */
const CHECKED_LOGINS = 3;

/** Two kiosks, a manager's session and a session confined to the first kiosk's location. */
async function fuzzWorld(c: StaffCollector): Promise<FuzzWorld> {
  const { main, outlet } = LOCATIONS;
  await attachConfig(c.storage, main.kioskId, { ...smallConfig(), ...main }, new Date());
  // Sessions made directly: the login route is among the fuzzed, and each login is a scrypt.
  const session = async (user: StaffUser) => {
    const { token, session } = await createSession(c.storage, user.id, new Date());
    return { cookie: `lw_staff=${token}`, csrf: session.csrfToken };
  };
  const manager = await session(await c.addUser('mo', 'manager'));
  const staff = await session(await c.addUser('dana', 'staff', [main.location]));
  // This address has failed logins before: a few fuzzed logins get their password checked (a
  // scrypt each, seconds on a loaded machine), the rest meet the lock as a guesser would.
  for (let i = 0; i < MAX_FAILURES * IP_FACTOR - CHECKED_LOGINS; i++)
    await reserveAttempt(c.storage, `earlier-${i}`, '127.0.0.1', new Date());
  const kiosk = (id: string) => ({
    id,
    token: c.tokens[id]!,
    nextSeq: 1,
    sent: [],
    unsent: [],
  });
  return {
    kiosks: [kiosk(main.kioskId), kiosk(outlet.kioskId)],
    sessions: { manager, staff },
    alertIds: [],
    bodyLimit: DEFAULT_BODY_LIMIT,
  };
}

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`API fuzz on ${engine.name}`, { timeout: 300_000 }, () => {
    let c: StaffCollector;
    let world: FuzzWorld;
    const log = capturedLog('warn');
    let dir: ReturnType<typeof memoryTempDir> | undefined;
    beforeAll(async () => {
      dir = memoryTempDir('lastword-fuzz-');
      c = await startStaffCollector({
        postgresUrl: engine.postgresUrl,
        sqlitePath: `${dir.path}/collector.sqlite`,
        logger: log.logger,
      });
      world = await fuzzWorld(c);
    }, PASSWORD_WORK_MS);
    afterAll(async () => {
      await c?.close();
      dir?.remove();
    });

    it(`answers ${REQUESTS} hostile requests without a server error and stores only what it accepted`, async () => {
      const rng = new Rng(SEED);
      const client = fuzzClient(c.url, IN_FLIGHT);
      const ledger = new FuzzLedger();
      const failures: string[] = [];
      let failed = 0;
      const limited = { session: world.sessions.staff, locations: [LOCATIONS.main.location] };
      const started = performance.now();
      try {
        for (let sent = 0; sent < REQUESTS; sent += CHUNK) {
          const chunk: FuzzCase[] = Array.from({ length: CHUNK }, () =>
            rng.chance(0.7) ? kioskCase(rng, world) : staffCase(rng, world),
          );
          ledger.startChunk();
          await client.sendAll(chunk, (req, reply, before) => {
            ledger.record(req, reply, before);
            const problem = replyProblem(req, reply, limited);
            if (problem && ++failed <= 10) failures.push(failureLine(req, problem));
          });
          forgetHeld(world, (id) => ledger.held.has(id));
          const newest = c.storage.db.selectFrom('staff_alerts').select('id').orderBy('id', 'desc');
          world.alertIds = (await newest.limit(200).execute()).map((r) => r.id);
        }
      } finally {
        client.close();
      }
      await c.app.alerts.idle();
      const ms = Math.round(performance.now() - started);
      console.log(`API fuzz on ${engine.name}: ${REQUESTS} requests in ${ms} ms, ${replay}`);
      // The first ten in full (what was sent, what came back), and how many in all.
      expect({ failed, first: failures }, replay).toEqual({ failed: 0, first: [] });

      const kioskIds = world.kiosks.map((k) => k.id);
      expect(await ledger.violations(c.storage, kioskIds), replay).toEqual([]);
      expect(ledger.answers.size, 'some answers were stored').toBeGreaterThan(REQUESTS / 20);
      expect(ledger.alerts.size, 'some alerts were stored').toBeGreaterThan(REQUESTS / 50);
      const list = await fetch(`${c.url}/staff/api/alerts?limit=1000`, {
        headers: { cookie: world.sessions.manager.cookie },
      });
      const shown = AlertListReply.parse(await list.json()).alerts;
      expect(await ledger.leakedText(c.storage, shown), replay).toEqual([]);
      // Nothing failed out of sight either: no request error, no routing failure in the log.
      const errors = log
        .text()
        .split('\n')
        .filter((l) => l.includes('"level":50'));
      expect(errors, replay).toEqual([]);
    });
  });
}
