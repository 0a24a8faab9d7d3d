// Collector migration 021-kiosk-commands on a database that holds earlier data, on SQLite and,
// where LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept (kiosks and enrolment codes
// gain empty columns), kiosk_commands added with its index, and the database itself refusing an
// order of an unknown kind or status and one for a kiosk that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const order = (over: Record<string, unknown> = {}) => ({
  kiosk_id: 'k1',
  kind: 'reload',
  status: 'pending',
  lines: null,
  ordered_by: 'alice',
  ordered_at: '2026-12-02T09:00:00.000Z',
  expires_at: '2026-12-03T09:00:00.000Z',
  ...over,
});

const ADDED: Record<string, string[]> = {
  kiosks: ['next_token_hash', 'old_token_hash', 'old_token_until'],
  enrolment_codes: ['replaces_kiosk'],
};

/** The rows as they were: the columns 021 added left out, after checking they are empty. */
function withoutAdded(rows: Record<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(rows).map(([table, list]) => [
      table,
      list.map((row) => {
        const copy = { ...(row as Record<string, unknown>) };
        for (const column of ADDED[table] ?? []) {
          expect(copy[column], `${table}.${column}`).toBeNull();
          delete copy[column];
        }
        return copy;
      }),
    ]),
  );
}

for (const engine of await collectorEngines('collector migration 021')) {
  describe.skipIf(engine.skip)(`collector migration 021-kiosk-commands on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('020-fleet');
      before = await s.rows(await s.tables());
      await s.migrateTo('021-kiosk-commands');
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier row and adds kiosk_commands', async () => {
      expect(withoutAdded(await s.rows(Object.keys(before)))).toEqual(before);
      expect(await s.tables()).toEqual([...Object.keys(before), 'kiosk_commands'].sort());
      // The key is the engine's own numbering (SQLite reports a rowid alias as nullable).
      const { id, ...columns } = await s.columns('kiosk_commands');
      expect(id).toBeDefined();
      expect(columns).toEqual(
        s.expected({
          kiosk_id: 'text',
          kind: 'text',
          status: 'text',
          lines: 'integer?',
          ordered_by: 'text',
          ordered_at: 'instant',
          expires_at: 'instant',
          sent_at: 'instant?',
          finished_at: 'instant?',
          message: 'text?',
          log_lines: 'json?',
        }),
      );
      expect(await s.indexes('kiosk_commands')).toEqual(['kiosk_commands_by_kiosk']);
      expect(await s.indexes('kiosks')).toEqual(
        expect.arrayContaining(['kiosks_next_token', 'kiosks_old_token']),
      );
      const kiosks = await s.columns('kiosks');
      expect(kiosks.next_token_hash).toBe(s.expected({ x: 'text?' }).x);
      expect(kiosks.old_token_until).toBe(s.expected({ x: 'instant?' }).x);
      expect((await s.columns('enrolment_codes')).replaces_kiosk).toBe(
        s.expected({ x: 'text?' }).x,
      );
    });

    it('takes an order and refuses an unknown kind, status or kiosk', async () => {
      await s.insert('kiosk_commands', order());
      await s.insert('kiosk_commands', order({ kind: 'fetch_logs', lines: 50, status: 'sent' }));
      await expect(s.insert('kiosk_commands', order({ kind: 'reboot' }))).rejects.toThrow();
      await expect(s.insert('kiosk_commands', order({ status: 'lost' }))).rejects.toThrow();
      await expect(s.insert('kiosk_commands', order({ kiosk_id: 'nobody' }))).rejects.toThrow();
      const rows = (await s.rows(['kiosk_commands'])).kiosk_commands as { id: unknown }[];
      expect(rows.map((r) => Number(r.id))).toEqual([1, 2]);
    });
  });
}
