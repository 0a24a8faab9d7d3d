// What reports will stand on, through real HTTP on both engines: an answer keeps the location,
// touchpoint and survey it was given with when its kiosk is moved and its survey relabelled; the
// kept survey still names its reasons as they were asked; and the report query leaves possible
// repeats out unless asked. PostgreSQL runs where LASTWORD_TEST_PG_URL answers.
import { describe, expect, it } from 'vitest';
import { BatchReply } from '../../shared/protocol.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { enrolKiosk, revokeKiosk } from '../../server/kiosk-api/kiosks.ts';
import { reasonLabelsOf } from '../../server/kiosk-api/surveys.ts';
import {
  addLocation,
  addTouchpoint,
  listLocations,
  updateLocation,
} from '../../server/locations/store.ts';
import { reportAnswers } from '../../server/reports/answers.ts';
import { answer, call, collectorEngines } from '../support/collector.ts';
import { useCollector } from '../support/collector-suite.ts';
import { smallConfig } from '../support/config.ts';

for (const engine of await collectorEngines('collector locations')) {
  describe.skipIf(engine.skip)(`locations and kept surveys on ${engine.name}`, () => {
    const { c } = useCollector(engine);
    const post = async (token: string, answers: ReturnType<typeof answer>[]) => {
      const reply = await call({ url: c.url, token }, 'POST', '/v1/answers', {
        kioskId: c.kioskId,
        sentAt: new Date().toISOString(),
        answers,
      });
      expect(BatchReply.parse(reply.body).results.map((r) => r.status)).toEqual(
        answers.map(() => 'stored'),
      );
    };
    const places = async () =>
      c.storage.db
        .selectFrom('answers')
        .innerJoin('locations', 'locations.id', 'answers.location_id')
        .innerJoin('touchpoints', 'touchpoints.id', 'answers.touchpoint_id')
        .select([
          'answers.seq',
          'answers.survey_id',
          'locations.name as location',
          'touchpoints.name as touchpoint',
        ])
        .orderBy('answers.seq')
        .execute();

    it('keeps where and with which labels each answer was asked when the kiosk moves', async () => {
      const config = { ...smallConfig(), kioskId: c.kioskId };
      await attachConfig(c.storage, c.kioskId, config, new Date());
      const version = config.survey.version;
      await post(c.token, [answer(c.kioskId, 1, { surveyVersion: version, reasons: ['wait'] })]);

      // The kiosk is moved to another store and its survey relabelled under the same version.
      await revokeKiosk(c.storage, c.kioskId, new Date());
      const moved = await enrolKiosk(
        c.storage,
        { kioskId: c.kioskId, location: 'Outlet', touchpoint: 'Entrance' },
        new Date(),
      );
      expect(moved).toMatchObject({ reenrolled: true, createdLocation: true });
      const relabelled = structuredClone(config);
      relabelled.survey.reasons.low[0]!.label.en = 'Queue';
      await attachConfig(c.storage, c.kioskId, relabelled, new Date());
      await post(moved.token, [
        answer(c.kioskId, 2, { surveyVersion: version, reasons: ['wait'] }),
        answer(c.kioskId, 3, { surveyVersion: 'local-only' }),
      ]);

      const rows = await places();
      expect(rows.map((r) => [r.seq, r.location, r.touchpoint])).toEqual([
        [1, 'Test store', 'Desk 2'],
        [2, 'Outlet', 'Entrance'],
        [3, 'Outlet', 'Entrance'],
      ]);
      const [first, second, local] = rows;
      expect((await reasonLabelsOf(c.storage, first!.survey_id!, 'en')).get('wait')).toBe(
        'Waiting time',
      );
      expect((await reasonLabelsOf(c.storage, second!.survey_id!, 'en')).get('wait')).toBe('Queue');
      expect((await reasonLabelsOf(c.storage, first!.survey_id!, 'et')).get('wait')).toBe(
        'Ooteaeg',
      );
      expect(local!.survey_id).toBeNull();

      // Both stores are listed with their touchpoints; the kiosk stands at its new one only.
      const listed = await listLocations(c.storage);
      expect(listed.map((l) => [l.name, l.timeZone, l.touchpoints])).toEqual([
        ['Outlet', 'UTC', [{ id: expect.any(Number), name: 'Entrance', kiosks: [c.kioskId] }]],
        ['Test store', 'UTC', [{ id: expect.any(Number), name: 'Desk 2', kiosks: [] }]],
      ]);
      c.token = moved.token;
    });

    it('refuses a second location or touchpoint of a name, a taken CRM id and unknown places', async () => {
      const now = new Date();
      await addLocation(
        c.storage,
        'Harbour',
        { timeZone: 'Europe/Tallinn', externalId: 'crm-1' },
        now,
      );
      await expect(addLocation(c.storage, 'Harbour', { timeZone: 'UTC' }, now)).rejects.toThrow(
        'location "Harbour" exists already',
      );
      await expect(
        addLocation(c.storage, 'Airport', { timeZone: 'UTC', externalId: 'crm-1' }, now),
      ).rejects.toThrow('external id "crm-1" is already "Harbour"\'s');
      await expect(updateLocation(c.storage, 'Outlet', { externalId: 'crm-1' })).rejects.toThrow(
        'already "Harbour"',
      );
      await expect(updateLocation(c.storage, 'Nowhere', { timeZone: 'UTC' })).rejects.toThrow(
        'no location "Nowhere"',
      );
      await addTouchpoint(c.storage, 'Harbour', 'Desk A', now);
      await expect(addTouchpoint(c.storage, 'Harbour', 'Desk A', now)).rejects.toThrow(
        '"Harbour" has a touchpoint "Desk A" already',
      );
      await expect(addTouchpoint(c.storage, 'Nowhere', 'Desk A', now)).rejects.toThrow(
        'no location "Nowhere"',
      );
      const harbour = (await listLocations(c.storage)).find((l) => l.name === 'Harbour');
      expect(harbour).toMatchObject({
        timeZone: 'Europe/Tallinn',
        externalId: 'crm-1',
        touchpoints: [{ name: 'Desk A', kiosks: [] }],
      });
    });

    it('leaves possible repeats out of report queries unless asked', async () => {
      const outlet = (await listLocations(c.storage)).find((l) => l.name === 'Outlet')!;
      await post(c.token, [
        answer(c.kioskId, 4, { finalizedAt: '2026-11-24T10:00:00.000Z' }),
        answer(c.kioskId, 5, { finalizedAt: '2026-11-24T10:00:02.000Z', possibleRepeat: true }),
      ]);
      const count = async (filter: Parameters<typeof reportAnswers>[1]) =>
        Number(
          (
            await reportAnswers(c.storage.db, filter)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const day = {
        from: new Date('2026-11-24T00:00:00.000Z'),
        to: new Date('2026-11-25T00:00:00.000Z'),
      };
      expect(await count(day)).toBe(1);
      expect(await count({ ...day, includeRepeats: true })).toBe(2);
      expect(await count({ ...day, locationIds: [outlet.id] })).toBe(1);
      expect(await count({ ...day, locationIds: [] })).toBe(0);
      expect(
        await count({ includeRepeats: true, touchpointIds: [outlet.touchpoints[0]!.id] }),
      ).toBe(4);
    });
  });
}
