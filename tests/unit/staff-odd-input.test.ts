// Staff requests carrying a NUL (U+0000), which PostgreSQL text cannot hold and no one types: each
// is refused as a bad request on both engines, where on PostgreSQL it used to be a server error and
// on SQLite it was stored or looked up as is. Found by the API fuzz test (api-fuzz.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD_WORK_MS,
  loginAs,
  staffEngines,
  startStaffCollector,
  type StaffClient,
  type StaffCollector,
} from '../support/staff.ts';

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`NUL in staff requests on ${engine.name}`, () => {
    let c: StaffCollector;
    let mo: StaffClient;
    beforeAll(async () => {
      c = await startStaffCollector({ postgresUrl: engine.postgresUrl });
      await c.addUser('mo', 'manager');
      mo = await loginAs(c.url, 'mo');
    }, PASSWORD_WORK_MS);
    afterAll(async () => c?.close());

    it('refuses an alert id with a NUL in it', async () => {
      for (const action of ['ack', 'resolve']) {
        const reply = await mo.call('POST', `/staff/api/alerts/a%00b/${action}`, {
          outcome: 'recovered',
        });
        expect(reply.status, action).toBe(400);
        expect(reply.body).toMatchObject({ error: 'invalid_request' });
      }
    });

    it('refuses a username with a NUL in it before counting or checking anything', async () => {
      const reply = await fetch(`${c.url}/staff/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'mo\u0000', password: 'a guess' }),
      });
      expect(reply.status).toBe(400);
      expect(await reply.json()).toMatchObject({ error: 'invalid_request' });
      const keys = await c.storage.db.selectFrom('staff_login_attempts').select('key').execute();
      expect(keys.map((k) => k.key).filter((k) => k.includes('\u0000'))).toEqual([]);
    });

    it('refuses a resolve note with a NUL in it and leaves the alert as it was', async () => {
      const alert = await c.seedAlert('main');
      const reply = await mo.call('POST', `/staff/api/alerts/${alert.id}/resolve`, {
        outcome: 'recovered',
        note: 'Called back\u0000',
      });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ error: 'invalid_request' });
      const row = await c.storage.db
        .selectFrom('staff_alerts')
        .select(['status', 'note'])
        .where('id', '=', alert.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'open', note: null });
    });
  });
}
