// A staff screen that reconnects with Last-Event-ID gets only what it missed while
// alert_events still holds all of it; once the events after its id are pruned (a screen away for
// more than a day), or it missed more than a replay carries, it gets a fresh snapshot instead,
// never a list with a hole in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEP_EVENTS_MS, REPLAY_LIMIT } from '../../server/alerts/feed.ts';
import { recordAlertEvents } from '../../server/alerts/alert-events.ts';
import { readEvents } from '../support/staff-sse.ts';
import {
  PASSWORD_WORK_MS,
  loginAs,
  startStaffCollector,
  type StaffClient,
  type StaffCollector,
} from '../support/staff.ts';

type Sse = { id?: string; event: string; data: string };
const kinds = (evs: Sse[]) => evs.filter((e) => e.event !== 'comment').map((e) => e.event);

describe('staff stream resume', () => {
  let c: StaffCollector;
  let mo: StaffClient;
  beforeAll(async () => {
    c = await startStaffCollector({ heartbeatMs: 200 });
    await c.addUser('mo', 'manager');
    mo = await loginAs(c.url, 'mo');
  }, PASSWORD_WORK_MS);
  afterAll(async () => c?.close());

  /** Connects with `lastEventId` and reads until the first heartbeat (everything owed is out). */
  const resume = (lastEventId: string) =>
    readEvents(c.url, mo.cookie, (evs) => evs.some((e) => e.event === 'comment'), {
      lastEventId,
    });

  it('replays what a screen missed, then a snapshot once those events are pruned', async () => {
    const first = await c.seedAlert('main');
    const { events } = await resume('0');
    const seen = events.find((e) => e.event === 'alert' || e.event === 'snapshot')!.id!;
    await c.seedAlert('outlet');
    await c.seedAlert('main');
    expect(kinds((await resume(seen)).events)).toEqual(['alert', 'alert']);

    // A day later the old events are gone (the newest stays), and with them the screen's place.
    const pruned = await c.app.alertFeed.prune(new Date(Date.now() + KEEP_EVENTS_MS + 60_000));
    expect(pruned).toBeGreaterThanOrEqual(2);
    const after = await resume(seen);
    expect(kinds(after.events)).toEqual(['snapshot']);
    expect(after.events[0]!.data).toContain(first.id);
  });

  it('sends a snapshot to a screen that missed more than a replay carries', async () => {
    const { events } = await resume('0');
    const seen = events.find((e) => e.event === 'snapshot' || e.event === 'alert')!.id!;
    const alert = await c.seedAlert('main');
    await recordAlertEvents(
      c.storage.db,
      c.storage,
      Array.from({ length: REPLAY_LIMIT }, () => ({ alertId: alert.id, type: 'update' as const })),
      new Date(),
    );
    await c.app.alertFeed.poll();
    expect(kinds((await resume(seen)).events)).toEqual(['snapshot']);
  });
});
