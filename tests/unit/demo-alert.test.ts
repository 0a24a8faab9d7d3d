// The demo's staff board is not empty: `npm start` puts one low score from Service desk 2 on it
// through the collector's real API, once, and again only after staff resolved that card. Its
// customer left a contact with consent, so the card shows the follow-up too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAlert } from '../../scripts/tasks/demo-alert.ts';
import { Contact } from '../../shared/answer.ts';
import { startCollector, type RunningCollector } from '../support/collector.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-demo-alert-');
const sqlitePath = join(dir.path, 'collector.sqlite');
const config = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'build', 'kiosk.example.json'), 'utf8'),
) as Parameters<typeof seedDemoAlert>[2];
let collector: RunningCollector;

beforeAll(async () => {
  collector = await startCollector({ sqlitePath });
});
afterAll(async () => {
  await collector.close();
  dir.remove();
});

const cards = () =>
  collector.storage.db
    .selectFrom('staff_alerts')
    .select(['kind', 'status', 'touchpoint', 'smiley'])
    .where('kiosk_id', '=', 'demo-kiosk-2')
    .orderBy('created_at')
    .execute();

describe('demo staff board', () => {
  it('shows one low score with a comment, and no second card on a restart', async () => {
    await seedDemoAlert(sqlitePath, collector.url, config);
    await expect
      .poll(cards)
      .toEqual([{ kind: 'low_score', status: 'open', touchpoint: 'Service desk 2', smiley: 1 }]);
    const answer = await collector.storage.db
      .selectFrom('answers')
      .select(['comment', 'reasons', 'contact'])
      .where('kiosk_id', '=', 'demo-kiosk-2')
      .executeTakeFirstOrThrow();
    expect(answer.comment).toMatch(/Waited twenty minutes/);
    // A contact given with the demo survey's consent, so the card offers a follow-up.
    const consent = (config as unknown as { survey: { contact: { consentVersion: string } } })
      .survey.contact;
    expect(Contact.parse(JSON.parse(String(answer.contact)))).toMatchObject({
      consentVersion: consent.consentVersion,
      email: expect.stringMatching(/@demo\.example$/),
    });
    // Reasons the demo survey has, so the card shows their labels, not raw ids.
    const survey = config as unknown as { survey: { reasons: { low: { id: string }[] } } };
    const known = survey.survey.reasons.low.map((r) => r.id);
    const reasons = JSON.parse(String(answer.reasons)) as string[];
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.filter((r) => !known.includes(r))).toEqual([]);

    await seedDemoAlert(sqlitePath, collector.url, config);
    expect(await cards()).toHaveLength(1);
  });

  it('puts a new low score on the board once staff resolved the last one', async () => {
    await collector.storage.db
      .updateTable('staff_alerts')
      .set({ status: 'resolved' })
      .where('kiosk_id', '=', 'demo-kiosk-2')
      .execute();
    await seedDemoAlert(sqlitePath, collector.url, config);
    await expect
      .poll(async () => (await cards()).map((c) => c.status))
      .toEqual(['resolved', 'open']);
    const seqs = await collector.storage.db
      .selectFrom('answers')
      .select('seq')
      .where('kiosk_id', '=', 'demo-kiosk-2')
      .orderBy('seq')
      .execute();
    expect(seqs.map((r) => r.seq)).toEqual([1, 2]);
  });
});
