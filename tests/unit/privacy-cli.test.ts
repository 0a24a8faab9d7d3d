// Access and erasure for one person (GDPR), `node server/cli.ts export-person` and `forget` as
// real processes against a collector's database, on SQLite and, where LASTWORD_TEST_PG_URL
// answers, PostgreSQL: found by e-mail (trimmed, any case) or phone (digits and a leading +), the
// answers with their place, the staff alerts and the messages sent about them; forget removes
// comment, contact and notes and keeps the scores, says what it changed and which outside
// channels got the text, and changes nothing the second time.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts, resolveAlert } from '../../server/alerts/workflow.ts';
import { readAnswers } from '../../server/kiosk-api/read-back.ts';
import type { PersonRecord } from '../../server/privacy/person.ts';
import { adminCli } from '../support/admin-cli.ts';
import { answer, collectorEngines } from '../support/collector.ts';
import { LOCATION, startAlertCollector, type AlertCollector } from '../support/alert-collector.ts';
import { tempDir } from '../support/tmp.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const ADA = {
  consentVersion: 'v1',
  name: 'Ada Lovelace',
  email: 'Ada@Example.com',
  phone: '+49 170 123-4567',
};

describe('export-person and forget, before any database', { timeout: 60_000 }, () => {
  const dir = tempDir('lastword-privacy-cli-');
  afterAll(() => dir.remove());
  const db = join(dir.path, 'collector.sqlite');
  const cli = (...args: string[]) =>
    adminCli({ ...process.env, DATABASE_URL: '', LASTWORD_DB: db }, args);
  it('refuses to run without a contact, or with one that cannot be an address or number', () => {
    expect(cli('forget')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('forget needs --email or --phone'),
    });
    expect(cli('forget', '--phone', 'call me')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--phone must be a phone number'),
    });
    expect(cli('export-person', '--email', 'ada')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--email must be an e-mail address'),
    });
    expect(cli('--help').stdout).toMatch(/acts on what is stored now/);
    // All checked before the storage opens.
    expect(existsSync(db)).toBe(false);
  });
});

for (const engine of await collectorEngines('privacy CLI')) {
  // Each CLI call is a fresh node process: a few seconds each on a loaded machine.
  describe.skipIf(engine.skip)(
    `export-person and forget on ${engine.name}`,
    { timeout: 60_000 },
    () => {
      let c: AlertCollector;
      let sink: WebhookSink;
      let drop: () => Promise<void>;
      let env: NodeJS.ProcessEnv;
      const ids: Record<'ada1' | 'ada2' | 'bob', string> = { ada1: '', ada2: '', bob: '' };

      const cli = (...args: string[]) => adminCli(env, args);
      function exported(...args: string[]): PersonRecord {
        const r = cli('export-person', ...args);
        expect(r.code, r.stderr).toBe(0);
        return JSON.parse(r.stdout) as PersonRecord;
      }

      beforeAll(async () => {
        sink = await startWebhookSink();
        const fresh = await engine.fresh();
        drop = fresh.drop;
        c = await startAlertCollector({
          start: '2026-11-23T09:00:00.000Z',
          databaseUrl: fresh.options.databaseUrl,
        });
        env = {
          ...process.env,
          DATABASE_URL: fresh.options.databaseUrl ?? '',
          LASTWORD_DB: c.storage.engine === 'sqlite' ? c.storage.location : '',
        };
        await c.setRouting({
          thresholds: { smiley: 2 },
          channels: [
            { name: 'crm', kind: 'generic', url: `${sink.url}/crm`, secret: SECRET },
            { name: 'floor', kind: 'slack', url: `${sink.url}/slack` },
          ],
          notify: ['crm', 'floor'],
          personalDataInChannels: true,
        });
        const nowIso = c.clock.now.toISOString();
        const sent = [
          answer(c.kioskId, 1, {
            smiley: 1,
            comment: 'ADA-1 rude',
            contact: ADA,
            finalizedAt: nowIso,
          }),
          answer(c.kioskId, 2, {
            smiley: 4,
            comment: 'ADA-2 fine',
            contact: { consentVersion: 'v1', name: 'Ada L.', phone: '+491701234567' },
            finalizedAt: nowIso,
          }),
          answer(c.kioskId, 3, {
            smiley: 4,
            comment: 'BOB slow',
            contact: { consentVersion: 'v1', name: 'Bob', email: 'bob@example.com' },
            finalizedAt: nowIso,
          }),
        ];
        [ids.ada1, ids.ada2, ids.bob] = [sent[0]!.id, sent[1]!.id, sent[2]!.id];
        await c.post('/v1/answers', sent);
        await c.settle();
        const [adaAlert] = (await listAlerts(c.storage, { locations: 'all' })).filter(
          (a) => a.comment === 'ADA-1 rude',
        );
        await resolveAlert(
          c.storage,
          c.app.alertFeed,
          adaAlert!.id,
          'u1',
          'recovered',
          'Rang Ada back on her mobile',
          c.clock.now,
        );
      });
      afterAll(async () => {
        await c?.close();
        await drop?.();
        await sink?.close();
      });

      it('export-person prints what is held: answers with their place, alerts, messages sent', () => {
        const byEmail = exported('--email', '  ADA@example.COM ');
        expect(byEmail.person).toEqual({ email: 'ada@example.com' });
        expect(byEmail.answers).toEqual([
          expect.objectContaining({
            id: ids.ada1,
            seq: 1,
            smiley: 1,
            comment: 'ADA-1 rude',
            contact: ADA,
            kiosk: { location: LOCATION, touchpoint: 'Desk 2' },
            kioskId: c.kioskId,
            receivedAt: c.clock.now.toISOString(),
          }),
        ]);
        expect(byEmail.alerts).toEqual([
          expect.objectContaining({
            answerId: ids.ada1,
            kind: 'low_score',
            comment: 'ADA-1 rude',
            note: 'Rang Ada back on her mobile',
            status: 'resolved',
          }),
        ]);
        const sentTo = byEmail.deliveries.map((d) => [d.channel, d.status, d.personalData]).sort();
        expect(sentTo).toEqual([
          ['crm', 'delivered', true],
          ['floor', 'delivered', false],
        ]);
        expect(byEmail.deliveries[0]!.alertId).toBe(byEmail.alerts[0]!.id);

        // The same number however it is written; either flag matches.
        const answerIds = (r: PersonRecord) => r.answers.map((a) => a.id);
        expect(answerIds(exported('--phone', '+49 (170) 1234567'))).toEqual([ids.ada1, ids.ada2]);
        expect(
          answerIds(exported('--phone', '+491701234567', '--email', 'bob@example.com')),
        ).toEqual([ids.ada1, ids.ada2, ids.bob]);
        expect(exported('--email', 'nobody@example.com')).toMatchObject({
          answers: [],
          alerts: [],
          deliveries: [],
        });
      });

      it('forget redacts every answer and alert with the contact, keeps scores, and says so', async () => {
        const before = new Map((await readAnswers(c.storage, c.kioskId)).map((a) => [a.id, a]));
        // A mail sent before the collector recorded whether messages carried personal data.
        const [adaAlert] = await listAlerts(c.storage, { locations: 'all' });
        await c.storage.db
          .insertInto('alert_deliveries')
          .values({
            id: 'before-v6',
            staff_alert_id: adaAlert!.id,
            channel: 'old-mail',
            channel_kind: 'email',
            reason: 'initial',
            attempt: 1,
            status: 'delivered',
            http_status: null,
            error: null,
            at: c.clock.now.toISOString(),
            personal_data: null,
          })
          .execute();
        const r = cli('forget', '--phone', '+49 170 123-4567');
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain(
          'answers redacted: 2 (comment and contact removed; scores kept)',
        );
        expect(r.stdout).toContain('staff alerts about them: 1; notes removed: 1');
        expect(r.stdout).toContain('delivery log rows about them: 3');
        expect(r.stdout).toContain('their comment or contact went to: crm (generic) ×1;');
        expect(r.stdout).toContain(
          'may have gone to (sent before the collector recorded it): old-mail (email);',
        );
        expect(r.stdout).not.toContain('floor');
        expect(r.stdout).toContain('acts on what is stored now');
        expect(r.stdout).not.toMatch(/ADA-1|Lovelace|Rang Ada/);

        const after = new Map((await readAnswers(c.storage, c.kioskId)).map((a) => [a.id, a]));
        for (const id of [ids.ada1, ids.ada2]) {
          const { comment: _comment, contact: _contact, ...kept } = before.get(id)!;
          expect(after.get(id)).toEqual({ ...kept, redactedAt: expect.any(String) });
        }
        expect(after.get(ids.bob)).toEqual(before.get(ids.bob));

        const [ada] = await listAlerts(c.storage, { locations: 'all' });
        expect(ada).toMatchObject({
          smiley: 1,
          outcome: 'recovered',
          redactedAt: expect.any(String),
        });
        expect(ada).not.toHaveProperty('comment');
        expect(ada).not.toHaveProperty('contact');
        expect(ada).not.toHaveProperty('note');

        // Nothing is held about them now, and a second run changes nothing.
        expect(exported('--email', 'ada@example.com').answers).toEqual([]);
        const again = cli('forget', '--phone', '+491701234567');
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toContain('answers redacted: 0');
        expect(again.stdout).toContain('notes removed: 0');
      });
    },
  );
}
