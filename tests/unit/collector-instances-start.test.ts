// Several collector instances on one PostgreSQL start at the same moment (a scaled deployment, a
// rolling upgrade): the migrations run once, and every instance comes up and serves.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connectStorage } from '../../server/db/open.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import { migrations } from '../../server/db/migrations/index.ts';
import { call, freshPostgresSchema, heartbeat, postgresReachable } from '../support/collector.ts';
import { spawnCollector, type CollectorChild } from '../support/collector-process.ts';

const baseUrl = process.env.LASTWORD_TEST_PG_URL;
const reachable = await postgresReachable(baseUrl);
if (!reachable)
  console.log(
    'three collectors starting at once: skipped — no PostgreSQL reachable (set LASTWORD_TEST_PG_URL)',
  );

describe.skipIf(!reachable)('three collector processes starting at once on PostgreSQL', () => {
  const children: CollectorChild[] = [];
  let drop = async () => {};
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill('SIGKILL')));
    await drop();
  });

  it('migrates once, and all three serve', { timeout: 60_000 }, async () => {
    const schema = await freshPostgresSchema(baseUrl!);
    drop = schema.drop;
    for (let i = 0; i < 3; i++) children.push(spawnCollector({ DATABASE_URL: schema.url }));
    const urls = await Promise.all(children.map((c) => c.listening));

    const storage = connectStorage({ databaseUrl: schema.url });
    try {
      const { token } = await enrolKiosk(
        storage,
        { kioskId: 'desk-1', location: 'Store', touchpoint: 'Desk' },
        new Date(),
      );
      for (const url of urls) {
        const reply = await call({ url, token }, 'POST', '/v1/heartbeat', heartbeat('desk-1'));
        expect(reply.status, url).toBe(200);
      }
    } finally {
      await storage.close();
    }

    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; runs: string }>(
        'select name, count(*) as runs from kysely_migration group by name order by name',
      );
      expect(rows).toEqual(migrations.map((m) => ({ name: m.name, runs: '1' })));
    } finally {
      await client.end();
    }
  });
});
