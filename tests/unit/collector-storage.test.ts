// The collector's storage on both engines, through the same query layer and real HTTP: schema
// migrations, lossless round trips, idempotent inserts and the highest contiguous seq under
// concurrent batches. PostgreSQL runs where LASTWORD_TEST_PG_URL points at a reachable server
// (CI starts one with scripts/ci/start-postgres.sh); elsewhere this file says so in one line.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { BatchReply, type AnswerUpload } from '../../shared/protocol.ts';
import { openStorage } from '../../server/db/open.ts';
import { migrations } from '../../server/db/migrations/index.ts';
import { readAlerts, readAnswers } from '../../server/kiosk-api/read-back.ts';
import { alert, answer, call, collectorEngines } from '../support/collector.ts';
import { useCollector } from '../support/collector-suite.ts';

const ENGINES = await collectorEngines('collector storage');

const shuffle = <T>(list: T[]): T[] => {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

for (const engine of ENGINES) {
  describe.skipIf(engine.skip)(`collector storage on ${engine.name}`, () => {
    const { c, store } = useCollector(engine);
    const sentAt = '2026-11-23T09:00:05.000Z';
    const post = (
      k: { url: string; token: string; kioskId: string },
      path: '/v1/answers' | '/v1/alerts',
      items: unknown[],
    ) =>
      call(k, 'POST', path, {
        kioskId: k.kioskId,
        sentAt,
        [path === '/v1/answers' ? 'answers' : 'alerts']: items,
      });

    it('migrates once: opening the database again runs nothing and keeps the data', async () => {
      const again = await openStorage(store.options);
      try {
        const ran = await again.db
          .selectFrom('kysely_migration' as never)
          .select(sql<string>`name`.as('name'))
          .execute();
        expect(ran.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
        expect(
          (await again.db.selectFrom('kiosks').select('id').execute()).map((k) => k.id),
        ).toContain(c.kioskId);
      } finally {
        await again.close();
      }
    });

    it('keeps every field of an answer and an alert exactly as sent', async () => {
      const full: AnswerUpload = answer(c.kioskId, 1, {
        status: 'partial',
        language: 'zh-Hans',
        smiley: 1,
        reasons: ['wait', 'staff'],
        nps: 0,
        ces: 7,
        comment: 'Очередь 20 мин — 太慢了 😞 «ليس جيدا»\nsecond line',
        contact: {
          consentVersion: '2026-11',
          name: 'Mari Maasikas',
          phone: '+372 5555 1234',
          email: 'mari@example.com',
        },
        talkNow: true,
        possibleRepeat: true,
      });
      const bare: AnswerUpload = answer(c.kioskId, 2, { reasons: [], nps: undefined });
      delete bare.nps;
      const reply = BatchReply.parse((await post(c, '/v1/answers', [full, bare])).body);
      expect(reply.results.map((r) => r.status)).toEqual(['stored', 'stored']);
      const stored = await readAnswers(c.storage, c.kioskId);
      const received = { deviceSentAt: sentAt, receivedAt: expect.any(String) };
      expect(stored).toEqual([
        { ...full, ...received },
        { ...bare, ...received },
      ]);

      const a = alert({
        answerId: full.id,
        kind: 'talk_now',
        detail: {
          kioskId: c.kioskId,
          location: 'Tallinn, Viru 1',
          touchpoint: 'Kassa 2',
          smiley: 1,
          nps: 0,
          ces: 7,
        },
      });
      const t = alert({
        answerId: null,
        kind: 'test',
        detail: { location: 'Tallinn', touchpoint: 'Kassa 2' },
      });
      expect(
        BatchReply.parse((await post(c, '/v1/alerts', [a, t])).body).results.map((r) => r.status),
      ).toEqual(['stored', 'stored']);
      const alerts = await readAlerts(c.storage, c.kioskId);
      expect(alerts).toHaveLength(2);
      expect(alerts).toEqual(
        expect.arrayContaining([
          { ...a, ...received },
          { ...t, ...received },
        ]),
      );
    });

    it('tells a resend from a conflict: same id is a duplicate, a held seq or another kiosk’s id is rejected', async () => {
      const [first] = await readAnswers(c.storage, c.kioskId);
      const resend = { ...first!, deviceSentAt: undefined, receivedAt: undefined };
      delete resend.deviceSentAt;
      delete resend.receivedAt;
      const other = { url: c.url, token: await c.enrol('second-kiosk'), kioskId: 'second-kiosk' };
      const upper = answer(c.kioskId, 3);
      const reply = BatchReply.parse(
        (
          await post(c, '/v1/answers', [
            resend,
            answer(c.kioskId, 1),
            { ...upper, id: upper.id.toUpperCase() },
          ])
        ).body,
      );
      expect(reply.results).toEqual([
        { id: first!.id, status: 'duplicate' },
        {
          id: expect.any(String),
          status: 'rejected',
          reason: 'seq 1 is already held by another answer from this kiosk',
        },
        { id: upper.id.toUpperCase(), status: 'stored' },
      ]);
      expect(
        BatchReply.parse((await post(c, '/v1/answers', [upper])).body).results[0]!.status,
      ).toBe('duplicate');
      const stolen = BatchReply.parse(
        (await post(other, '/v1/answers', [{ ...answer('second-kiosk', 1), id: first!.id }])).body,
      );
      expect(stolen).toEqual({
        results: [
          { id: first!.id, status: 'rejected', reason: 'this id is already used by another kiosk' },
        ],
        highestContiguousSeq: 0,
      });
      expect(await readAnswers(c.storage, 'second-kiosk')).toEqual([]);
    });

    it('counts the highest contiguous seq right when one kiosk’s batches race and resend', async () => {
      const k = { url: c.url, token: await c.enrol('racing-kiosk'), kioskId: 'racing-kiosk' };
      const all = Array.from({ length: 400 }, (_, i) => answer(k.kioskId, i + 1));
      const batches = shuffle(Array.from({ length: 20 }, (_, b) => all.slice(b * 20, b * 20 + 20)));
      // Every batch twice, all at once: each answer must be stored exactly once.
      const replies = await Promise.all(
        [...batches, ...batches].map((b) => post(k, '/v1/answers', b)),
      );
      const results = replies.flatMap((r) => BatchReply.parse(r.body).results);
      const storedIds = results.filter((r) => r.status === 'stored').map((r) => r.id);
      expect(storedIds.sort()).toEqual(all.map((a) => a.id).sort());
      expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(400);
      // Batches of one kiosk are serialized, so the last one to commit saw all the others.
      expect(Math.max(...replies.map((r) => BatchReply.parse(r.body).highestContiguousSeq))).toBe(
        400,
      );
      const final = BatchReply.parse((await post(k, '/v1/answers', [])).body);
      expect(final.highestContiguousSeq).toBe(400);
      expect(await readAnswers(c.storage, k.kioskId)).toHaveLength(400);
    });

    it('keeps kiosks apart when many send at once', async () => {
      const kiosks = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => ({
          url: c.url,
          token: await c.enrol(`fleet-${i}`),
          kioskId: `fleet-${i}`,
        })),
      );
      await Promise.all(
        kiosks.map(async (k) => {
          for (let b = 0; b < 3; b++) {
            const reply = await post(
              k,
              '/v1/answers',
              Array.from({ length: 10 }, (_, i) => answer(k.kioskId, b * 10 + i + 1)),
            );
            expect(BatchReply.parse(reply.body).highestContiguousSeq).toBe((b + 1) * 10);
          }
        }),
      );
      for (const k of kiosks)
        expect((await readAnswers(c.storage, k.kioskId)).map((a) => a.seq)).toEqual(
          Array.from({ length: 30 }, (_, i) => i + 1),
        );
    });

    it('refuses a database that a newer collector has migrated', async () => {
      const fresh = await engine.fresh();
      try {
        const first = await openStorage(fresh.options);
        await first.db
          .insertInto('kysely_migration' as never)
          .values({ name: '999-from-the-future', timestamp: new Date().toISOString() } as never)
          .execute();
        await first.close();
        await expect(openStorage(fresh.options)).rejects.toThrow(
          /999-from-the-future|corrupted migrations/,
        );
      } finally {
        await fresh.drop();
      }
    });
  });
}
