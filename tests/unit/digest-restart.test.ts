// The proof for the digest, on SQLite and PostgreSQL: the collector restarts in the middle
// of a week's send (a slow mail relay, a dozen subscribers, some mailed and the rest still queued),
// and after it every subscriber has that week's digest exactly once; and the digest's figures are
// the results page's figures for the same seven days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSubscriber } from '../../server/digest/subscriptions.ts';
import { DigestReply } from '../../shared/digest-api.ts';
import { ResultsReply } from '../../shared/results-api.ts';
import { seedResultsFixture } from '../support/results-fixture.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { LOCATIONS, loginAs, PASSWORD_WORK_MS, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

const SUBSCRIBERS = Array.from({ length: 12 }, (_, i) => `person-${i + 1}@example.com`);

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`a digest send interrupted by a restart on ${engine.name}`, () => {
    // Monday 9 November 2026, 07:30 in Berlin: the week of 2 November is due at 08:00.
    const clock = { now: new Date('2026-11-09T06:30:00.000Z') };
    let sink: SmtpSink;
    const smtp = { host: '127.0.0.1', port: 0, from: 'digest@example.com', allowPlaintext: true };
    const { c } = useStaffCollector(
      {
        postgresUrl: engine.postgresUrl,
        now: () => clock.now,
        digest: { smtp, everyMs: 3_600_000 },
      },
      { mona: 'manager' },
    );
    let main = 0;

    beforeAll(async () => {
      // Each message is taken 300 ms after it arrives: the restart comes while most still wait.
      sink = await startSmtpSink(300);
      smtp.port = sink.port;
      main = (await seedResultsFixture(c))[LOCATIONS.main.location]!;
      for (const email of SUBSCRIBERS) await addSubscriber(c.storage, main, email, clock.now);
    }, PASSWORD_WORK_MS);
    afterAll(async () => sink?.close());

    it('mails every subscriber the week once, however the restart fell', async () => {
      clock.now = new Date('2026-11-09T07:00:00.000Z');
      expect(await c.app.digests.tick()).toEqual([
        { locationId: main, week: '2026-11-02', subscribers: SUBSCRIBERS.length },
      ]);
      await expect.poll(() => sink.mails.length, { timeout: 30_000 }).toBeGreaterThan(0);
      await c.restart();
      const delivered = sink.mails.length;
      expect(delivered, 'the restart came before the last mail').toBeLessThan(SUBSCRIBERS.length);
      await expect.poll(() => sink.mails.length, { timeout: 60_000 }).toBe(SUBSCRIBERS.length);
      await c.app.alerts.idle();
      expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([...SUBSCRIBERS].sort());
      const rows = await c.storage.db.selectFrom('digest_deliveries').select('status').execute();
      expect(rows.map((r) => r.status)).toEqual(SUBSCRIBERS.map(() => 'sent'));
      expect(await c.app.digests.tick()).toEqual([]);
    }, 120_000);

    it(
      "holds the results page's figures for the same seven days",
      async () => {
        // Signed in again: the clock moved past the first session's idle limit.
        const mona = await loginAs(c.url, 'mona');
        const digest = DigestReply.parse(
          (await mona.call('GET', `/staff/api/digest?location=${main}&week=2026-11-02`)).body,
        );
        const results = ResultsReply.parse(
          (
            await mona.call(
              'GET',
              `/staff/api/results?period=custom&from=2026-11-02&to=2026-11-08&location=${main}`,
            )
          ).body,
        );
        expect(digest.tiles).toEqual(results.tiles);
        expect(digest.tiles.answers.value).toBe(7);
        expect(digest.problems.items).toEqual(results.reasons.unhappy.items.slice(0, 5));
        expect(digest.alerts.alerts).toBe(results.loop[0]?.alerts ?? 0);
      },
      PASSWORD_WORK_MS,
    );
  });
}
