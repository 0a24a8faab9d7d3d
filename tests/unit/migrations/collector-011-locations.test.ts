// Collector migration 011-locations on a database that holds v10 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: the kiosks' free-text places become locations (in UTC
// until set) and their touchpoints, routed locations without a kiosk too; the survey in each
// attached config is kept; every stored answer takes its kiosk's place and, where the versions
// match, its survey; and every other row is kept as it was.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromJson, toIso } from '../../../server/db/values.ts';
import {
  AT,
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const LATER = '2026-11-24T09:00:00.000Z';
const SURVEY = { version: 's1', reasons: { low: [{ id: 'wait-time', label: { en: 'Slow' } }] } };

for (const engine of await collectorEngines('collector migration 011')) {
  describe.skipIf(engine.skip)(`collector migration 011-locations on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v10: Record<string, unknown[]>;
    let earlier: string[];
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.storage.db
        .updateTable('kiosk_configs')
        .set({ body: JSON.stringify({ kioskId: 'k1', survey: SURVEY }) })
        .execute();
      for (const [id, location, touchpoint] of [
        ['k2', 'Main store', 'Desk 2'],
        ['k3', 'Outlet', 'Desk 1'],
      ] as const)
        await s.insert('kiosks', {
          id,
          token_hash: `h-${id}`,
          location,
          touchpoint,
          enrolled_at: LATER,
        });
      await s.insert('answers', {
        id: '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d1e',
        kiosk_id: 'k3',
        seq: 1,
        survey_version: 'local',
        status: 'partial',
        language: 'de',
        started_at: LATER,
        finalized_at: LATER,
        smiley: 5,
        reasons: '[]',
        talk_now: 0,
        possible_repeat: 1,
        device_sent_at: LATER,
        received_at: LATER,
      });
      await s.insert('alert_routing', { location: 'Warehouse', body: '{}', updated_at: LATER });
      earlier = await s.tables();
      v10 = await s.rows(earlier);
      await s.migrateTo('011-locations');
    });
    afterAll(async () => s?.drop());

    it('keeps every v10 row; kiosks and answers change only as below', async () => {
      const now = await s.rows(earlier);
      const without = (rows: Record<string, unknown[]>) => ({
        ...rows,
        kiosks: [],
        answers: [],
      });
      expect(without(now)).toEqual(without(v10));
      expect(now.kiosks).toEqual(
        v10.kiosks!.map((r) => {
          const { location: _l, touchpoint: _t, ...rest } = r as Record<string, unknown>;
          return { ...rest, touchpoint_id: expect.any(Number) };
        }),
      );
      expect(now.answers).toEqual(
        v10.answers!.map((r) => ({
          ...(r as object),
          location_id: expect.any(Number),
          touchpoint_id: expect.any(Number),
          survey_id: (r as { kiosk_id: string }).kiosk_id === 'k1' ? expect.any(Number) : null,
        })),
      );
    });

    it('makes a location per place name, in UTC until set, and a touchpoint per kiosk place', async () => {
      // The key's nullability reads differently per engine (SQLite's rowid alias), as in 008.
      const { id: _id, ...columns } = await s.columns('locations');
      expect(columns).toEqual(
        s.expected({
          name: 'text',
          time_zone: 'text',
          hours: 'json?',
          closed_days: 'json',
          external_id: 'text?',
          created_at: 'instant',
        }),
      );
      const locations = await s.storage.db
        .selectFrom('locations')
        .selectAll()
        .orderBy('id')
        .execute();
      expect(
        locations.map((l) => [
          l.name,
          l.time_zone,
          l.hours,
          fromJson(l.closed_days),
          toIso(l.created_at),
        ]),
      ).toEqual([
        ['Main store', 'UTC', null, [], AT],
        ['Outlet', 'UTC', null, [], LATER],
        ['Warehouse', 'UTC', null, [], LATER],
      ]);
      const places = await s.storage.db
        .selectFrom('kiosks')
        .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
        .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
        .select(['kiosks.id', 'locations.name as location', 'touchpoints.name as touchpoint'])
        .orderBy('kiosks.id')
        .execute();
      expect(places).toEqual([
        { id: 'k1', location: 'Main store', touchpoint: 'Desk 1' },
        { id: 'k2', location: 'Main store', touchpoint: 'Desk 2' },
        { id: 'k3', location: 'Outlet', touchpoint: 'Desk 1' },
      ]);
      expect(await s.storage.db.selectFrom('touchpoints').select('id').execute()).toHaveLength(3);
    });

    it('refuses a second location of one name and a touchpoint of no location', async () => {
      const row = { time_zone: 'UTC', closed_days: '[]', created_at: AT };
      await expect(s.insert('locations', { name: 'Outlet', ...row })).rejects.toThrow();
      await expect(
        s.insert('touchpoints', { location_id: 999, name: 'Desk 9', created_at: AT }),
      ).rejects.toThrow();
      const outlet = await s.storage.db
        .selectFrom('locations')
        .select('id')
        .where('name', '=', 'Outlet')
        .executeTakeFirstOrThrow();
      await expect(
        s.insert('touchpoints', { location_id: outlet.id, name: 'Desk 1', created_at: AT }),
      ).rejects.toThrow();
    });

    it('keeps the survey of each attached config, by the hash of its text', async () => {
      const body = JSON.stringify(SURVEY);
      const surveys = await s.storage.db.selectFrom('surveys').selectAll().execute();
      expect(surveys.map((r) => ({ ...r, first_seen_at: toIso(r.first_seen_at) }))).toEqual([
        {
          id: expect.any(Number),
          hash: createHash('sha256').update(body).digest('hex'),
          version: 's1',
          body,
          first_seen_at: AT,
        },
      ]);
      const attached = await s.storage.db.selectFrom('kiosk_surveys').selectAll().execute();
      expect(attached.map((r) => [r.kiosk_id, r.survey_id, toIso(r.attached_at)])).toEqual([
        ['k1', surveys[0]!.id, AT],
      ]);
    });

    it('gives each stored answer its kiosk’s place and, where it matches, its survey', async () => {
      const rows = await s.storage.db
        .selectFrom('answers')
        .innerJoin('locations', 'locations.id', 'answers.location_id')
        .innerJoin('touchpoints', 'touchpoints.id', 'answers.touchpoint_id')
        .leftJoin('surveys', 'surveys.id', 'answers.survey_id')
        .select([
          'answers.kiosk_id',
          'locations.name as location',
          'touchpoints.name as touchpoint',
          'surveys.version',
        ])
        .orderBy('answers.kiosk_id')
        .execute();
      expect(rows).toEqual([
        { kiosk_id: 'k1', location: 'Main store', touchpoint: 'Desk 1', version: 's1' },
        { kiosk_id: 'k3', location: 'Outlet', touchpoint: 'Desk 1', version: null },
      ]);
    });
  });
}
