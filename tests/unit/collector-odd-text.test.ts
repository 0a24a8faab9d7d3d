// Text no keyboard types but a kiosk can still send (an emoji cut in half by a length limit, a NUL
// from a corrupt file or an error message) is stored on both engines, never a server error: on
// PostgreSQL a 500 there would fail the kiosk's whole batch, or its heartbeat, on every retry.
// Found by the API fuzz test (api-fuzz.test.ts).
import { describe, expect, it } from 'vitest';
import { BatchReply } from '../../shared/protocol.ts';
import { readAlerts, readAnswers } from '../../server/kiosk-api/read-back.ts';
import { alert, answer, call, collectorEngines } from '../support/collector.ts';
import { useCollector } from '../support/collector-suite.ts';

const HALF_AN_EMOJI = '\ud83d';

for (const engine of await collectorEngines('odd text')) {
  describe.skipIf(engine.skip)(`odd text on ${engine.name}`, () => {
    const { c } = useCollector(engine);
    const batch = (key: 'answers' | 'alerts', items: unknown[]) =>
      call(c, 'POST', `/v1/${key}`, {
        kioskId: c.kioskId,
        sentAt: new Date().toISOString(),
        [key]: items,
      });

    it('stores a lone surrogate in an answer’s reasons and contact, and an alert’s detail, as U+FFFD', async () => {
      const a = answer(c.kioskId, 1, {
        reasons: [`wait${HALF_AN_EMOJI}`],
        comment: `Great ${HALF_AN_EMOJI}`,
        contact: { consentVersion: 'v1', name: `Ada ${HALF_AN_EMOJI}`, phone: '+44 20 7946 0000' },
      });
      const sent = await batch('answers', [a]);
      expect(sent.status).toBe(200);
      expect(BatchReply.parse(sent.body).results).toEqual([{ id: a.id, status: 'stored' }]);
      const al = alert({
        answerId: a.id,
        detail: { location: `Store ${HALF_AN_EMOJI}`, touchpoint: 'Desk' },
      });
      const raised = await batch('alerts', [al]);
      expect(raised.status).toBe(200);
      expect(BatchReply.parse(raised.body).results).toEqual([{ id: al.id, status: 'stored' }]);

      const [storedAnswer] = await readAnswers(c.storage, c.kioskId);
      expect(storedAnswer).toMatchObject({
        reasons: ['wait\ufffd'],
        comment: 'Great \ufffd',
        contact: { name: 'Ada \ufffd' },
      });
      const [storedAlert] = await readAlerts(c.storage, c.kioskId);
      expect(storedAlert!.detail.location).toBe('Store \ufffd');
    });

    it('stores a comment in which the customer typed a backslash and u0000, and refuses a real NUL', async () => {
      const typed = answer(c.kioskId, 2, { comment: 'they wrote \\u0000 on the sign' });
      const nul = answer(c.kioskId, 3, { comment: 'corrupt \u0000 text' });
      const sent = await batch('answers', [typed, nul]);
      expect(BatchReply.parse(sent.body).results).toEqual([
        { id: typed.id, status: 'stored' },
        {
          id: nul.id,
          status: 'rejected',
          reason: expect.stringContaining('must not contain NUL'),
        },
      ]);
      const stored = (await readAnswers(c.storage, c.kioskId)).find((a) => a.id === typed.id);
      expect(stored?.comment).toBe('they wrote \\u0000 on the sign');
    });

    it('keeps a heartbeat whose error text holds a NUL, with U+FFFD in its place', async () => {
      const hb = await call(c, 'POST', '/v1/heartbeat', {
        kioskId: c.kioskId,
        appVersion: '1.0.0\u0000',
        queueDepth: 3,
        oldestUnsentAt: null,
        lastError: 'collector said: \u0000 and half an emoji \ud83d',
        deviceTime: new Date().toISOString(),
      });
      expect(hb.status).toBe(200);
      const row = await c.storage.db
        .selectFrom('kiosks')
        .select(['app_version', 'last_error'])
        .where('id', '=', c.kioskId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        app_version: '1.0.0\ufffd',
        last_error: 'collector said: \ufffd and half an emoji \ufffd',
      });
    });
  });
}
