// Who acknowledged and who resolved an alert is recorded by staff account id (migration 004), on
// both engines: the name on the card is the account's name when shown, so a rename or two people
// of the same name cannot make the record say someone else did it.
import { describe, expect, it } from 'vitest';
import type { StaffAlert } from '../../shared/staff-api.ts';
import { updateStaffUser } from '../../server/staff/users.ts';
import { PASSWORD_WORK_MS, LOCATIONS, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(
    `alert actors on ${engine.name}`,
    { timeout: PASSWORD_WORK_MS },
    () => {
      const { c, staff } = useStaffCollector(
        { postgresUrl: engine.postgresUrl },
        { dana: ['staff', [LOCATIONS.main.location]], mo: 'manager' },
        ['dana', 'mo'],
      );

      it('records acknowledge and resolve by account id and shows the current name', async () => {
        const { dana, mo } = staff;
        const alert = await c.seedAlert('main');
        expect((await dana.call('POST', `/staff/api/alerts/${alert.id}/ack`)).status).toBe(200);
        const resolved = await mo.call('POST', `/staff/api/alerts/${alert.id}/resolve`, {
          outcome: 'recovered',
        });
        expect((resolved.body as { alert: StaffAlert }).alert).toMatchObject({
          acknowledgedBy: 'Dana',
          resolvedBy: 'Mo',
        });

        const ids = await c.storage.db
          .selectFrom('staff_users')
          .select(['id', 'username'])
          .execute();
        const idOf = (name: string) => ids.find((u) => u.username === name)!.id;
        const row = await c.storage.db
          .selectFrom('staff_alerts')
          .select(['acknowledged_by', 'acknowledged_by_id', 'resolved_by', 'resolved_by_id'])
          .where('id', '=', alert.id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({
          acknowledged_by: null,
          acknowledged_by_id: idOf('dana'),
          resolved_by: null,
          resolved_by_id: idOf('mo'),
        });

        await updateStaffUser(c.storage, 'dana', { displayName: 'Dana Doe' });
        const list = await mo.call('GET', '/staff/api/alerts?status=resolved');
        const shown = (list.body as { alerts: StaffAlert[] }).alerts.find((a) => a.id === alert.id);
        expect(shown).toMatchObject({ acknowledgedBy: 'Dana Doe', resolvedBy: 'Mo' });
      });
    },
  );
}
