// Retention on the collector (GDPR), on SQLite and, where LASTWORD_TEST_PG_URL answers,
// PostgreSQL: comment, contact and staff notes received more than 365 days ago are redacted, by
// receive time, at start and by the hourly timer, in batches; scores, seq and timestamps stay,
// younger rows are untouched, and the read-back and the staff API show what was removed and when.
// A real collector over HTTP; its clock is injected and its interval timer is faked.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AlertListReply } from '../../shared/staff-api.ts';
import { resolveAlert } from '../../server/alerts/workflow.ts';
import { buildCollector } from '../../server/app.ts';
import { readAnswers, type StoredAnswer } from '../../server/kiosk-api/read-back.ts';
import { settingsFromEnv } from '../../server/settings.ts';
import { createStaffUser } from '../../server/staff/users.ts';
import { answer, collectorEngines } from '../support/collector.ts';
import { startAlertCollector, type AlertCollector } from '../support/alert-collector.ts';
import { capturedLog, loginAs, PASSWORD_WORK_MS, STAFF_PASSWORD } from '../support/staff.ts';

const DAY_MINUTES = 24 * 60;
const HOUR_MS = 60 * 60_000;
const CONTACT = { consentVersion: 'v1', name: 'Ada Lovelace', email: 'ada@example.com' };

describe('the retention period setting', () => {
  it('is 365 days unless LASTWORD_REDACT_AFTER_DAYS says otherwise, and at least one day', () => {
    expect(settingsFromEnv({}).redactAfterDays).toBe(365);
    expect(settingsFromEnv({ LASTWORD_REDACT_AFTER_DAYS: '90' }).redactAfterDays).toBe(90);
    for (const bad of ['0', '1.5', 'never', '3651'])
      expect(() => settingsFromEnv({ LASTWORD_REDACT_AFTER_DAYS: bad }), bad).toThrow(
        /LASTWORD_REDACT_AFTER_DAYS/,
      );
  });
});

for (const engine of await collectorEngines('collector retention')) {
  describe.skipIf(engine.skip)(`retention on the collector on ${engine.name}`, () => {
    let c: AlertCollector;
    let drop: () => Promise<void>;
    const log = capturedLog();
    let seq = 0;
    const nowIso = () => c.clock.now.toISOString();
    const byId = async () =>
      new Map((await readAnswers(c.storage, c.kioskId)).map((a) => [a.id, a]));
    /** Posts answers now; the low ones become staff alerts, resolved with a note. */
    async function day(...overrides: Parameters<typeof answer>[2][]) {
      const sent = overrides.map((o) => answer(c.kioskId, ++seq, { finalizedAt: nowIso(), ...o }));
      await c.post('/v1/answers', sent);
      await c.settle();
      const open = await c.storage.db
        .selectFrom('staff_alerts')
        .select('id')
        .where('status', '=', 'open')
        .execute();
      for (const { id } of open)
        await resolveAlert(
          c.storage,
          c.app.alertFeed,
          id,
          'u1',
          'recovered',
          'Rang Ada',
          c.clock.now,
        );
      return sent.map((a) => a.id);
    }

    beforeAll(async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const fresh = await engine.fresh();
      drop = fresh.drop;
      c = await startAlertCollector({
        start: '2025-01-06T09:00:00.000Z',
        databaseUrl: fresh.options.databaseUrl,
        logger: log.logger,
        // Small batches: three old answers take two of them.
        retention: { afterDays: 365, everyMs: HOUR_MS, batchSize: 2 },
      });
    });
    afterAll(async () => {
      vi.useRealTimers();
      await c?.close();
      await drop?.();
    });

    it(
      'redacts comment, contact and notes past 365 days and keeps the scores; the rest stays',
      async () => {
        const [unhappy, chatty, contactOnly, silent] = await day(
          { smiley: 1, nps: 2, comment: 'OLD-COMMENT rude staff', contact: CONTACT },
          { smiley: 4, comment: 'OLD-COMMENT fine' },
          { smiley: 5, contact: { consentVersion: 'v1', name: 'Bo', phone: '+44 20 7946 0000' } },
          { smiley: 5, nps: 10 },
        );
        c.clock.advance(300 * DAY_MINUTES);
        const [young] = await day({ smiley: 2, comment: 'YOUNG-COMMENT', contact: CONTACT });
        const before = await byId();

        // Day 365 and an hour: the hourly pass finds the first day's rows past the period.
        c.clock.advance(65 * DAY_MINUTES + 60);
        vi.advanceTimersByTime(HOUR_MS);
        await c.app.retention!.idle();

        const after = await byId();
        const redacted = (id: string): StoredAnswer => {
          const { comment: _comment, contact: _contact, ...kept } = before.get(id)!;
          return { ...kept, redactedAt: nowIso() };
        };
        for (const id of [unhappy!, chatty!, contactOnly!])
          expect(after.get(id)).toEqual(redacted(id));
        expect(after.get(unhappy!)).toMatchObject({ seq: 1, smiley: 1, nps: 2, reasons: ['fast'] });
        expect(after.get(silent!)).toEqual(before.get(silent!));
        expect(after.get(young!)).toEqual(before.get(young!));
        expect(after.get(young!)).toMatchObject({ comment: 'YOUNG-COMMENT', contact: CONTACT });

        // The staff API: the old card lost comment, contact and note, not its scores or outcome.
        await createStaffUser(
          c.storage,
          {
            username: 'mo',
            displayName: 'Mo',
            password: STAFF_PASSWORD,
            role: 'manager',
            locations: [],
          },
          c.clock.now,
        );
        const mo = await loginAs(c.url, 'mo');
        const reply = await mo.call('GET', '/staff/api/alerts');
        const alerts = AlertListReply.parse(reply.body).alerts;
        expect(alerts).toHaveLength(2);
        const [youngCard, oldCard] = alerts;
        expect(oldCard).toMatchObject({
          smiley: 1,
          nps: 2,
          outcome: 'recovered',
          redactedAt: nowIso(),
        });
        expect(oldCard).not.toHaveProperty('comment');
        expect(oldCard).not.toHaveProperty('contact');
        expect(oldCard).not.toHaveProperty('note');
        expect(youngCard).toMatchObject({
          comment: 'YOUNG-COMMENT',
          contact: { name: CONTACT.name, email: CONTACT.email },
          note: 'Rang Ada',
        });
        expect(youngCard).not.toHaveProperty('redactedAt');

        // The log counts, never quotes.
        expect(log.text()).toContain('"answers":3,"notes":1');
        expect(log.text()).not.toContain('OLD-COMMENT');

        // The next pass finds nothing left to do: the redaction time stays the first one.
        const firstPass = nowIso();
        c.clock.advance(60);
        vi.advanceTimersByTime(HOUR_MS);
        await c.app.retention!.idle();
        expect((await byId()).get(unhappy!)?.redactedAt).toBe(firstPass);
      },
      PASSWORD_WORK_MS,
    );

    it('runs at start: a collector started later redacts what aged meanwhile, before any timer', async () => {
      const young = [...(await byId()).values()].find((a) => a.comment === 'YOUNG-COMMENT')!;
      const later = new Date(c.clock.now.getTime() + 300 * DAY_MINUTES * 60_000);
      const restarted = buildCollector({
        storage: c.storage,
        now: () => later,
        retention: { afterDays: 365 },
      });
      try {
        await restarted.ready();
        await restarted.retention!.idle();
      } finally {
        await restarted.close();
      }
      const after = (await byId()).get(young.id)!;
      expect(after).toMatchObject({ smiley: 2, redactedAt: later.toISOString() });
      expect(after).not.toHaveProperty('comment');
      const note = await c.storage.db
        .selectFrom('staff_alerts')
        .select('note')
        .where('answer_id', '=', young.id)
        .executeTakeFirstOrThrow();
      expect(note).toEqual({ note: null });
    });
  });
}
