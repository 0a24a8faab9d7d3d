// Collector migration 022-survey-versions on a database that holds earlier data, on SQLite and,
// where LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, survey_versions and
// survey_assignments added, and the database itself refusing a version of a survey it does not
// keep, an assignment to a version that does not exist, a scope the collector never writes and
// a second assignment for one place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AT,
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const version = (surveyId: number, over: Record<string, unknown> = {}) => ({
  survey_id: surveyId,
  languages: '{"default":"en","available":["en"]}',
  branding: '{"name":"Shop","welcome":{"en":"Hi"}}',
  note: null,
  based_on: null,
  created_by: 'u1',
  created_by_name: 'ada',
  created_at: AT,
  ...over,
});

const assignment = (versionId: number, over: Record<string, unknown> = {}) => ({
  scope: 'location',
  target: '1',
  version_id: versionId,
  assigned_by: 'u1',
  assigned_by_name: 'ada',
  assigned_at: AT,
  ...over,
});

for (const engine of await collectorEngines('collector migration 022')) {
  describe.skipIf(engine.skip)(`collector migration 022-survey-versions on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('021-kiosk-commands');
      await s.insert('surveys', { hash: 'h1', version: 's1', body: '{}', first_seen_at: AT });
      before = await s.rows(await s.tables());
      await s.migrateTo('022-survey-versions');
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier row and adds the two tables', async () => {
      expect(await s.rows(Object.keys(before))).toEqual(before);
      expect(await s.tables()).toEqual(
        [...Object.keys(before), 'survey_assignments', 'survey_versions'].sort(),
      );
      // The key is the engine's own numbering (SQLite reports a rowid alias as nullable).
      const { id, ...columns } = await s.columns('survey_versions');
      expect(id).toBeDefined();
      expect(columns).toEqual(
        s.expected({
          survey_id: 'integer',
          languages: 'text',
          branding: 'text',
          note: 'text?',
          based_on: 'integer?',
          created_by: 'text?',
          created_by_name: 'text',
          created_at: 'instant',
        }),
      );
      expect(await s.columns('survey_assignments')).toEqual(
        s.expected({
          scope: 'text',
          target: 'text',
          version_id: 'integer',
          assigned_by: 'text?',
          assigned_by_name: 'text',
          assigned_at: 'instant',
        }),
      );
    });

    it('takes versions and assignments, and refuses what the collector never writes', async () => {
      const [survey] = (await s.rows(['surveys'])).surveys as { id: number }[];
      await s.insert('survey_versions', version(survey!.id));
      const [v] = (await s.rows(['survey_versions'])).survey_versions as { id: number }[];
      await s.insert('survey_versions', version(survey!.id, { based_on: v!.id }));
      await expect(s.insert('survey_versions', version(99_999))).rejects.toThrow();
      await s.insert('survey_assignments', assignment(v!.id));
      await s.insert('survey_assignments', assignment(v!.id, { scope: 'kiosk', target: 'k1' }));
      await expect(s.insert('survey_assignments', assignment(v!.id))).rejects.toThrow();
      await expect(
        s.insert('survey_assignments', assignment(v!.id, { scope: 'fleet' })),
      ).rejects.toThrow();
      await expect(
        s.insert('survey_assignments', assignment(99_999, { target: '2' })),
      ).rejects.toThrow();
    });
  });
}
