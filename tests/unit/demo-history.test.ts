// `npm start` shows a populated results page at once: the demo collector writes ninety days at
// three locations in different zones (once: a restart adds nothing), with a lunchtime queue at
// the demo store's Service desk 2, comments in every language of the survey and handled alerts;
// an answer tapped live on the demo kiosk shows in today's figures; and colleagues are on duty
// at the demo's desks, for the recognition page; and last week's digest of each location lands in
// the demo's own mailbox; stand-in kiosks show one of each fleet status on the Kiosks page; and
// the demo kiosk's page in the web admin opens on an order history.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCollector, type DemoCollector } from '../../scripts/tasks/demo-collector.ts';
import { DEMO_IT_ADDRESS } from '../../scripts/tasks/demo-fleet.ts';
import { DEMO_DIGEST_ADDRESS } from '../../scripts/tasks/demo-mail.ts';
import { getItDefault } from '../../server/alerts/it-routing-store.ts';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { listFleet } from '../../server/fleet/fleet-list.ts';
import { refreshUsualTaps } from '../../server/fleet/usual-taps.ts';
import { listCommands } from '../../server/kiosk-api/commands.ts';
import { placesInScope } from '../../server/reports/places.ts';
import { recognition } from '../../server/reports/recognition.ts';
import { resultsOf } from '../../server/reports/results.ts';
import { seedDemoTeam } from '../../scripts/tasks/demo-team.ts';
import { answer, call } from '../support/collector.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-demo-history-');
const configPath = join(dir.path, 'kiosk.json');
const manager = {
  id: 'm',
  username: 'mo',
  displayName: 'Mo',
  role: 'manager',
  locations: [],
} as never;

const last30 = () => ({ from: new Date(Date.now() - 30 * 86_400_000), to: new Date() });

describe('the demo’s results history', () => {
  let demo: DemoCollector;
  let storage: Storage;
  const count = async () =>
    Number(
      (
        await storage.db
          .selectFrom('answers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const results = async (query: Parameters<typeof resultsOf>[1]) =>
    resultsOf(storage, query, await placesInScope(storage.db, manager, {}, 'see'), new Date());

  beforeAll(async () => {
    process.env.LASTWORD_COLLECTOR_PORT = '0';
    copyFileSync(join(import.meta.dirname, '..', '..', 'build', 'kiosk.example.json'), configPath);
    demo = await startDemoCollector(dir.path, configPath);
    storage = await openStorage({ sqlitePath: join(dir.path, 'collector.sqlite') });
  }, 60_000);
  afterAll(async () => {
    await storage?.close();
    await demo?.close();
    dir.remove();
  });

  it('holds ninety days at three locations in different zones, written once', async () => {
    const r = await results({ period: 'quarter' });
    expect(r.choices.locations.map((l) => l.timeZone).sort()).toEqual([
      'America/New_York',
      'Asia/Singapore',
      'Europe/Tallinn',
    ]);
    expect(r.ranking.locations).toHaveLength(3);
    expect(r.tiles.answers.value).toBeGreaterThan(3000);
    expect(r.tiles.answers.few).toBe(false);
    const before = await count();
    await demo.close();
    demo = await startDemoCollector(dir.path, configPath);
    expect(await count()).toBe(before);
  });

  it('opens the demo kiosk’s page on its order history: a log fetch and a reload, once', async () => {
    const { kioskId } = JSON.parse(readFileSync(configPath, 'utf8')) as { kioskId: string };
    // The first test restarted the demo: still two orders.
    const orders = await listCommands(storage, kioskId, new Date());
    expect(orders.map((o) => [o.kind, o.status])).toEqual([
      ['reload', 'done'],
      ['fetch_logs', 'done'],
    ]);
    expect(orders[1]!.logLines!.join('\n')).toContain('kiosk host started');
  });

  it('shows the lunchtime queue at Service desk 2, and comments in every language', async () => {
    const r = await results({ period: 'quarter' });
    const desk2 = r.ranking.touchpoints.find((t) => t.name === 'Service desk 2')!;
    const desk1 = r.ranking.touchpoints.find((t) => t.name === 'Service desk 1')!;
    expect(desk2.happy!).toBeLessThan(desk1.happy! - 10);
    expect(r.reasons.unhappy.items[0]!.id).toBe('wait-time');
    const lunch = r.heatMap.filter((c) => c.weekday <= 5 && c.hour >= 12 && c.hour < 14);
    const rest = r.heatMap.filter((c) => c.weekday <= 5 && c.hour >= 15 && c.hour < 19);
    const pct = (cells: typeof lunch) =>
      cells.reduce((s, c) => s + c.happy, 0) / cells.reduce((s, c) => s + c.answers, 0);
    expect(pct(lunch)).toBeLessThan(pct(rest));
    const languages = await storage.db
      .selectFrom('answers')
      .select('language')
      .distinct()
      .where('comment', 'is not', null)
      .execute();
    expect(languages.map((l) => l.language).sort()).toEqual(['ar', 'en', 'et', 'ru', 'zh-Hans']);
    expect(r.loop.map((l) => l.location).sort()).toEqual(
      r.ranking.locations.map((l) => l.name).sort(),
    );
  });

  it('counts an answer tapped live on the demo kiosk', async () => {
    const before = (await results({ period: 'today' })).tiles.answers.value!;
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as {
      kioskId: string;
      survey: { version: string };
      collector: { url: string; token: string };
    };
    const now = new Date().toISOString();
    const reply = await call(config.collector, 'POST', '/v1/answers', {
      kioskId: config.kioskId,
      sentAt: now,
      answers: [
        answer(config.kioskId, 1, {
          surveyVersion: config.survey.version,
          startedAt: now,
          finalizedAt: now,
          reasons: [],
        }),
      ],
    });
    expect(reply.status).toBe(200);
    expect((await results({ period: 'today' })).tiles.answers.value).toBe(before + 1);
  });

  it('has a fleet with one kiosk of each status for the Kiosks page', async () => {
    await refreshUsualTaps(storage, new Date());
    const fleet = await listFleet(storage, new Date());
    const status = Object.fromEntries(fleet.map((k) => [k.id, k.status]));
    expect(status).toMatchObject({
      'demo-fleet-entrance': 'ok',
      'demo-fleet-checkout': 'silent',
      'demo-fleet-singapore': 'clock_off',
      'demo-fleet-returns': 'storage_failing',
      'demo-fleet-desk-2': 'offline',
    });
  });

  it('has colleagues on duty at its desks for the recognition page, written once', async () => {
    const team = (await recognition(storage, { userId: 'm', ...last30(), team: true })).team!;
    const named = team.people.map((p) => p.name).sort();
    expect(named).toEqual(['Aino', 'Kert', 'Maya', 'Wei']);
    for (const person of team.people) {
      expect(person.answers).toBeGreaterThanOrEqual(20);
      expect(person.happyShare).not.toBeNull();
    }
    expect(team.people.some((p) => p.recovered > 0)).toBe(true);
    expect(await seedDemoTeam(storage)).toBe(false);
  });

  it("mails last week's digest of each location to the demo team, into the demo's mailbox", async () => {
    // The team's mail only: IT alerts about the demo fleet may land beside it (it-desk below).
    const mails = () =>
      readdirSync(demo.mailDir).filter(
        (f) => f.endsWith('.eml') && f.includes(DEMO_DIGEST_ADDRESS),
      );
    await expect.poll(() => mails().length, { timeout: 30_000 }).toBe(3);
    const subjects = mails()
      .map((f) => readFileSync(join(demo.mailDir, f), 'utf8'))
      .map((raw) => {
        expect(raw).toMatch(new RegExp(`^To: ${DEMO_DIGEST_ADDRESS}`, 'm'));
        return /^Subject: (.*)$/m.exec(raw)![1];
      });
    expect(subjects.length).toBe(3);
    // The file lands a moment before its delivery row says sent (more so beside the fleet jobs).
    const sends = async () =>
      (await storage.db.selectFrom('digest_deliveries').select('status').execute()).map(
        (s) => s.status,
      );
    await expect.poll(sends, { timeout: 10_000 }).toEqual(['sent', 'sent', 'sent']);
  });

  it('routes IT alerts about the demo fleet to the mailbox too', async () => {
    expect(await getItDefault(storage.db)).toMatchObject({
      channels: [{ name: 'it-desk', kind: 'email', to: [DEMO_IT_ADDRESS] }],
      it: { notify: ['it-desk'] },
    });
    expect(demo.itAlerts).toContain(DEMO_IT_ADDRESS);
  });
});
