// The proof of one staff picture across collector instances, for any two instances on
// one PostgreSQL database (two apps in the test process, or two `node server/main.ts`): a screen
// on A sees within a second each alert a kiosk posts to B; reconnected to B with its last event
// id, it gets exactly the events it missed (alerts routed on B, an acknowledgement made on A),
// in order, none twice, none left out.
import { expect } from 'vitest';
import { StreamData } from '../../shared/staff-api.ts';
import type { Storage } from '../../server/db/open.ts';
import { alert, call } from './collector.ts';
import { readEvents } from './staff-sse.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { createStaffUser } from '../../server/staff/users.ts';
import { STAFF_PASSWORD, type StaffClient } from './staff.ts';

type Sse = { id?: string; event: string; data: string };
export const changes = (evs: Sse[]) =>
  evs.filter((e) => e.event === 'alert' || e.event === 'update');

export interface TwoInstances {
  aUrl: string;
  bUrl: string;
  /** Any connection to the shared database, to read alert_events with. */
  storage: Storage;
  /** An enrolled kiosk's id and token (posted to B). */
  kiosk: { kioskId: string; token: string };
  /** A staff account logged in on A, allowed to see the kiosk's location. */
  staff: StaffClient;
}

/** A kiosk and an admin account "mo" (password STAFF_PASSWORD) in the shared database. */
export async function seedSharedDatabase(storage: Storage): Promise<TwoInstances['kiosk']> {
  const where = { kioskId: 'main-kiosk', location: 'Main store', touchpoint: 'Checkout 1' };
  const { token } = await enrolKiosk(storage, where, new Date());
  const mo = {
    username: 'mo',
    displayName: 'Mo',
    password: STAFF_PASSWORD,
    role: 'admin' as const,
  };
  await createStaffUser(storage, { ...mo, locations: [] }, new Date());
  return { kioskId: where.kioskId, token };
}

/** Every event id the database holds after `after`, oldest first. */
export async function eventIdsAfter(storage: Storage, after: number): Promise<string[]> {
  const rows = await storage.db
    .selectFrom('alert_events')
    .select('id')
    .where('id', '>', after)
    .orderBy('id')
    .execute();
  return rows.map((r) => String(r.id));
}

/** Posts one alert from the kiosk to `url`, as a kiosk does. */
export async function postAlert(
  url: string,
  kiosk: TwoInstances['kiosk'],
  kind: 'talk_now' | 'low_score' = 'talk_now',
): Promise<void> {
  const reply = await call({ url, token: kiosk.token }, 'POST', '/v1/alerts', {
    kioskId: kiosk.kioskId,
    sentAt: new Date().toISOString(),
    alerts: [alert({ kind, createdAt: new Date().toISOString() })],
  });
  expect(reply.status).toBe(200);
}

/** Runs the proof; resolves to the latencies (kiosk POST on B → event on A's screen), in ms. */
export async function proveSharedScreens(t: TwoInstances, rounds = 10): Promise<number[]> {
  // The screen on A: each change event noted with the time it arrived.
  const arrived: number[] = [];
  let waiter: { count: number; done: () => void } | null = null;
  let enough = false;
  const arrival = (count: number) =>
    new Promise<void>((resolve) => {
      waiter = { count, done: resolve };
      if (arrived.length >= count) resolve();
    });
  let opened!: () => void;
  const open = new Promise<void>((r) => (opened = r));
  const onA = readEvents(
    t.aUrl,
    t.staff.cookie,
    (evs) => {
      const now = Date.now();
      while (arrived.length < changes(evs).length) arrived.push(now);
      if (evs.some((e) => e.event === 'snapshot')) opened();
      if (waiter && arrived.length >= waiter.count) waiter.done();
      return enough;
    },
    { timeoutMs: 60_000 },
  );
  await open;

  const latencies: number[] = [];
  for (let i = 1; i <= rounds; i++) {
    const seen = arrived.length;
    const sent = Date.now();
    await postAlert(t.bUrl, t.kiosk);
    await arrival(seen + 1);
    latencies.push(arrived[seen]! - sent);
  }
  // One more that goes unread: the `until` above stops the screen at its next event.
  enough = true;
  await postAlert(t.bUrl, t.kiosk);
  const first = await onA;
  expect(Math.max(...latencies)).toBeLessThan(1000);
  // Everything the table holds, in order, once each: what routing on B recorded.
  const snapshotId = Number(first.events.find((e) => e.event === 'snapshot')!.id);
  expect(changes(first.events).map((e) => e.id)).toEqual(
    await eventIdsAfter(t.storage, snapshotId),
  );

  // While the screen is away: two more alerts routed on B, and a colleague acknowledges on A.
  const lastId = changes(first.events).at(-1)!.id!;
  await postAlert(t.bUrl, t.kiosk);
  await postAlert(t.bUrl, t.kiosk, 'low_score');
  const card = StreamData.alert.parse(JSON.parse(changes(first.events)[0]!.data));
  expect((await t.staff.call('POST', `/staff/api/alerts/${card.id}/ack`)).status).toBe(200);
  await expect.poll(async () => (await eventIdsAfter(t.storage, Number(lastId))).length).toBe(3);
  const missed = await eventIdsAfter(t.storage, Number(lastId));

  const resumed = await readEvents(
    t.bUrl,
    t.staff.cookie,
    (evs) => changes(evs).length >= missed.length,
    { lastEventId: lastId, timeoutMs: 10_000 },
  );
  expect(resumed.events.map((e) => e.event)).not.toContain('snapshot');
  expect(changes(resumed.events).map((e) => e.id)).toEqual(missed);
  const acked = changes(resumed.events).find((e) => e.event === 'update');
  expect(StreamData.update.parse(JSON.parse(acked!.data))).toMatchObject({
    id: card.id,
    status: 'acknowledged',
  });
  return latencies;
}

/** "p50 … ms, max … ms over n", for the log. */
export function latencySummary(latencies: number[]): string {
  const sorted = [...latencies].sort((x, y) => x - y);
  return `p50 ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms over ${sorted.length}`;
}
