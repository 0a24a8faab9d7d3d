// Staff requests carrying a NUL (U+0000), which PostgreSQL text cannot hold and no one types: each
// is refused as a bad request on both engines, where on PostgreSQL it used to be a server error and
// on SQLite it was stored or looked up as is. Found by the API fuzz test (api-fuzz.test.ts).
import { describe, expect, it } from 'vitest';
import { postLogin, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`NUL in staff requests on ${engine.name}`, () => {
    const { c, staff } = useStaffCollector({ postgresUrl: engine.postgresUrl }, { mo: 'manager' }, [
      'mo',
    ]);

    it('refuses an alert id with a NUL in it', async () => {
      for (const action of ['ack', 'resolve']) {
        const reply = await staff.mo.call('POST', `/staff/api/alerts/a%00b/${action}`, {
          outcome: 'recovered',
        });
        expect(reply.status, action).toBe(400);
        expect(reply.body).toMatchObject({ error: 'invalid_request' });
      }
    });

    it('refuses a username with a NUL in it before counting or checking anything', async () => {
      const reply = await postLogin(c.url, 'mo\u0000', 'a guess');
      expect(reply.status).toBe(400);
      expect(await reply.json()).toMatchObject({ error: 'invalid_request' });
      const keys = await c.storage.db.selectFrom('staff_login_attempts').select('key').execute();
      expect(keys.map((k) => k.key).filter((k) => k.includes('\u0000'))).toEqual([]);
    });

    it('refuses a resolve note with a NUL in it and leaves the alert as it was', async () => {
      const alert = await c.seedAlert('main');
      const reply = await staff.mo.call('POST', `/staff/api/alerts/${alert.id}/resolve`, {
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
