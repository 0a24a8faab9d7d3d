// Collector migration 002 (staff alerts) on a database that already holds v1 data, on SQLite and
// (where LASTWORD_TEST_PG_URL is reachable) PostgreSQL: data kept, new tables usable, the
// checks that keep a wrong status or outcome out of the store.
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as m001 from '../../server/db/migrations/001-initial.ts';
import { openStorage, type Engine } from '../../server/db/open.ts';
import { freshPostgresSchema, postgresReachable } from '../support/collector.ts';
import { tempDir } from '../support/tmp.ts';

const PG_URL = process.env.LASTWORD_TEST_PG_URL;
const pgReachable = await postgresReachable(PG_URL);
const dir = tempDir('lastword-alerts-migration-');
afterAll(() => dir.remove());

async function v1Database(
  engine: Engine,
): Promise<{ sqlitePath?: string; databaseUrl?: string; drop(): Promise<void> }> {
  let db: Kysely<unknown>;
  let target: { sqlitePath?: string; databaseUrl?: string; drop(): Promise<void> };
  if (engine === 'sqlite') {
    const sqlitePath = `${dir.path}/v1-${Math.random().toString(36).slice(2)}.sqlite`;
    db = new Kysely({ dialect: new SqliteDialect({ database: new Database(sqlitePath) }) });
    target = { sqlitePath, drop: async () => {} };
  } else {
    const schema = await freshPostgresSchema(PG_URL!);
    db = new Kysely({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.url, max: 1 }) }),
    });
    target = { databaseUrl: schema.url, drop: schema.drop };
  }
  // As open.ts does: name the schema, or Kysely finds another test schema's migration tables.
  const schema =
    engine === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s
      : undefined;
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async () => ({ '001-initial': { up: (trx) => m001.up(trx, engine) } }),
    },
    ...(schema && { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  await db
    .insertInto('kiosks' as never)
    .values({
      id: 'k1',
      token_hash: 'h',
      location: 'Main',
      touchpoint: 'Desk 1',
      enrolled_at: '2026-11-23T09:00:00.000Z',
    } as never)
    .execute();
  await db.destroy();
  return target;
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !pgReachable)(
    `collector migration 002 on ${engine}`,
    () => {
      it('adds staff alerts, deliveries and routing to a v1 database, keeping its rows', async () => {
        const v1 = await v1Database(engine);
        const storage = await openStorage(v1);
        try {
          expect(await storage.db.selectFrom('kiosks').select('id').execute()).toEqual([
            { id: 'k1' },
          ]);
          const row = {
            id: 'sa1',
            source_alert_id: null,
            kiosk_id: 'k1',
            location: 'Main',
            touchpoint: 'Desk 1',
            kind: 'talk_now' as const,
            priority: 'urgent' as const,
            created_at: '2026-11-23T09:00:00.000Z',
            received_at: '2026-11-23T09:00:01.000Z',
            late: 0,
            answer_id: null,
            smiley: null,
            nps: null,
            ces: null,
            acknowledged_by: null,
            acknowledged_at: null,
            resolved_by: null,
            resolved_at: null,
            outcome: null,
            note: null,
            ack_seconds: null,
            resolve_seconds: null,
            aggregated_into: null,
            suppressed: null,
          };
          await storage.db.insertInto('staff_alerts').values(row).execute();
          const back = await storage.db
            .selectFrom('staff_alerts')
            .select(['status', 'aggregate_count', 'escalation_step'])
            .executeTakeFirstOrThrow();
          expect(back).toEqual({ status: 'open', aggregate_count: 0, escalation_step: 0 });
          await expect(
            storage.db
              .insertInto('staff_alerts')
              .values({ ...row, id: 'sa2', kind: 'shouting' as never })
              .execute(),
          ).rejects.toThrow();
          await expect(
            storage.db
              .updateTable('staff_alerts')
              .set({ outcome: 'fine' as never })
              .execute(),
          ).rejects.toThrow();
          await expect(
            storage.db
              .insertInto('alert_deliveries')
              .values({
                id: 'd1',
                staff_alert_id: 'missing',
                channel: 'c',
                channel_kind: 'slack',
                reason: 'initial',
                attempt: 1,
                status: 'delivered',
                http_status: 200,
                error: null,
                at: '2026-11-23T09:00:02.000Z',
              })
              .execute(),
          ).rejects.toThrow();
          await storage.db
            .insertInto('alert_routing')
            .values({
              location: 'Main',
              body: '{"thresholds":{}}',
              updated_at: '2026-11-23T09:00:00.000Z',
            })
            .execute();
        } finally {
          await storage.close();
          await v1.drop();
        }
      });
    },
  );
}
