// Two collector instances on one PostgreSQL tick at the same minute when a digest falls due: one
// claims the week, and each subscriber gets one mail, delivered by whichever instance's worker
// takes the job.
import { afterAll, describe, expect, it } from 'vitest';
import { buildCollector } from '../../server/app.ts';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { addSubscriber } from '../../server/digest/subscriptions.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { updateLocation } from '../../server/locations/store.ts';
import { freshPostgresSchema, postgresReachable } from '../support/collector.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const baseUrl = process.env.LASTWORD_TEST_PG_URL;
const reachable = await postgresReachable(baseUrl);
if (!reachable)
  console.log(
    'two instances ticking for one digest: skipped — no PostgreSQL reachable (set LASTWORD_TEST_PG_URL)',
  );

describe.skipIf(!reachable)('two instances ticking for one digest', () => {
  const storages: Storage[] = [];
  const apps: ReturnType<typeof buildCollector>[] = [];
  let sink: SmtpSink | null = null;
  let drop = async () => {};
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const s of storages) await s.close();
    await sink?.close();
    await drop();
  });

  it('claim the week once and mail each subscriber once', { timeout: 60_000 }, async () => {
    const schema = await freshPostgresSchema(baseUrl!);
    drop = schema.drop;
    sink = await startSmtpSink();
    // Sunday evening in Tallinn: the week of 23 November is due at 08:00 tomorrow (06:00 UTC).
    const clock = { now: new Date('2026-11-29T20:00:00.000Z') };
    for (let i = 0; i < 2; i++) storages.push(await openStorage({ databaseUrl: schema.url }));
    const storage = storages[0]!;
    await enrolKiosk(
      storage,
      { kioskId: 'k1', location: 'Tallinn', touchpoint: 'Desk' },
      clock.now,
    );
    await updateLocation(storage, 'Tallinn', { timeZone: 'Europe/Tallinn' });
    const location = (
      await storage.db.selectFrom('locations').select('id').executeTakeFirstOrThrow()
    ).id;
    for (const s of storages) {
      const app = buildCollector({
        storage: s,
        now: () => clock.now,
        jobs: { pollingIntervalSeconds: 0.5 },
        digest: {
          smtp: {
            host: sink.host,
            port: sink.port,
            from: 'digest@example.com',
            allowPlaintext: true,
          },
          everyMs: 3_600_000,
        },
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push(app);
    }
    // The week before was claimed when they started, before anyone subscribed.
    await Promise.all(apps.map((app) => app.digests.tick()));
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com'])
      await addSubscriber(storage, location, email, clock.now);
    clock.now = new Date('2026-11-30T06:00:00.000Z');
    const [first, second] = await Promise.all(apps.map((app) => app.digests.tick()));
    expect([...first!, ...second!]).toEqual([
      { locationId: location, week: '2026-11-23', subscribers: 3 },
    ]);
    await expect.poll(() => sink!.mails.length, { timeout: 30_000 }).toBe(3);
    await Promise.all(apps.map((app) => app.alerts.idle()));
    expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
    const statuses = await storage.db.selectFrom('digest_deliveries').select('status').execute();
    expect(statuses.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });
});
