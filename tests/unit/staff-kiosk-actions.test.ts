// The web admin's kiosk actions over HTTP (/staff/api/kiosks/:id): admins only, every bad input
// a 400 that names the field and orders nothing, its fleet status as the Kiosks list judges it
// (none once retired), each action in the audit log, a second token rotation while one is under
// way and any order to a retired kiosk refused, and a replacement code shown once. What the kiosk then does with an order is tests/unit/kiosk-commands.test.ts.
import { describe, expect, it } from 'vitest';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { FleetListReply } from '../../shared/fleet-api.ts';
import { AuditReply } from '../../shared/staff-admin-api.ts';
import { KioskActionReply, KioskDetailReply } from '../../shared/staff-kiosk-api.ts';
import { smallConfig } from '../support/config.ts';
import { LOCATIONS, PASSWORD_WORK_MS } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

const MAIN = LOCATIONS.main.kioskId;
const OUTLET = LOCATIONS.outlet.kioskId;

describe('kiosk actions in the web admin', { timeout: PASSWORD_WORK_MS }, () => {
  const { c, staff } = useStaffCollector({}, { ada: 'admin', mo: 'manager' }, ['ada', 'mo']);
  const act = (kioskId: string, body: unknown) =>
    staff.ada.call('POST', `/staff/api/kiosks/${kioskId}/actions`, body);
  const orders = async (kioskId: string) =>
    KioskDetailReply.parse((await staff.ada.call('GET', `/staff/api/kiosks/${kioskId}`)).body)
      .commands;

  it('is for admins only', async () => {
    expect((await staff.mo.call('GET', `/staff/api/kiosks/${MAIN}`)).status).toBe(403);
    const ordered = await staff.mo.call('POST', `/staff/api/kiosks/${MAIN}/actions`, {
      action: 'reload',
    });
    expect(ordered.status).toBe(403);
    expect(await orders(MAIN)).toEqual([]);
  });

  it('answers a bad kiosk id or body with 400 naming the field, and orders nothing', async () => {
    expect((await staff.ada.call('GET', '/staff/api/kiosks/no%20such')).status).toBe(400);
    expect((await staff.ada.call('GET', '/staff/api/kiosks/nobody')).status).toBe(404);
    for (const [body, field] of [
      [{ action: 'reboot' }, 'action'],
      [{ action: 'reload', lines: 5 }, 'lines'],
      [{ action: 'fetch_logs', lines: 0 }, 'lines'],
      [{ action: 'fetch_logs', lines: 201 }, 'lines'],
      [{ action: 'replace', validHours: 400 }, 'validHours'],
      [{ action: 'reload', extra: true }, ''],
    ] as const) {
      const reply = await act(MAIN, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify((reply.body as { problems: unknown }).problems)).toContain(field);
    }
    expect((await act('nobody', { action: 'reload' })).status).toBe(404);
    expect(await orders(MAIN)).toEqual([]);
  });

  it('orders a reload and a log fetch, audited with who ordered them', async () => {
    const reload = await act(MAIN, { action: 'reload' });
    expect(reload.status).toBe(201);
    const reply = KioskActionReply.parse(reload.body);
    expect(reply.commands[0]).toMatchObject({ kind: 'reload', status: 'pending', sentAt: null });
    expect(reply.kiosk).toMatchObject({ id: MAIN, location: 'Main store', retiredAt: null });
    // The status the Kiosks list shows for it (never heard from: offline), not "active".
    const listed = FleetListReply.parse((await staff.ada.call('GET', '/staff/api/kiosks')).body);
    const inList = listed.kiosks.find((k) => k.id === MAIN)!;
    expect(inList.status).toBe('offline');
    expect(reply.fleet).toEqual({
      status: inList.status,
      since: new Date(inList.statusSince!).toISOString(),
      problems: inList.problems,
    });
    expect((await act(MAIN, { action: 'fetch_logs', lines: 20 })).status).toBe(201);
    const audit = AuditReply.parse((await staff.ada.call('GET', '/staff/api/audit')).body);
    expect(audit.entries.slice(0, 2)).toMatchObject([
      { action: 'kiosk.fetch_logs', actor: 'ada', target: MAIN, details: { lines: 20 } },
      { action: 'kiosk.reload', actor: 'ada', target: MAIN },
    ]);
  });

  it('refuses a second token rotation while the first is under way', async () => {
    expect((await act(MAIN, { action: 'rotate_token' })).status).toBe(201);
    const again = await act(MAIN, { action: 'rotate_token' });
    expect(again.status).toBe(409);
    expect((await orders(MAIN)).filter((o) => o.kind === 'rotate_token')).toHaveLength(1);
  });

  it('retires a kiosk: its open orders fail, and it takes no more', async () => {
    const retired = KioskActionReply.parse((await act(OUTLET, { action: 'reload' })).body);
    expect(retired.commands).toHaveLength(1);
    const reply = KioskActionReply.parse((await act(OUTLET, { action: 'retire' })).body);
    expect(reply.kiosk.retiredAt).not.toBeNull();
    expect(reply.fleet).toBeNull();
    expect(reply.commands[0]).toMatchObject({ status: 'failed', message: 'the kiosk was retired' });
    expect((await act(OUTLET, { action: 'reload' })).status).toBe(409);
    expect((await act(OUTLET, { action: 'retire' })).status).toBe(409);
  });

  it('replaces a kiosk with a code for its touchpoint, shown once', async () => {
    await attachConfig(c.storage, MAIN, { ...smallConfig(), kioskId: MAIN }, new Date());
    const reply = KioskActionReply.parse((await act(MAIN, { action: 'replace' })).body);
    expect(reply.code).toMatchObject({ location: 'Main store', touchpoint: 'Checkout 1' });
    expect(reply.kiosk.retiredAt).not.toBeNull();
    const detail = KioskDetailReply.parse(
      (await staff.ada.call('GET', `/staff/api/kiosks/${MAIN}`)).body,
    );
    expect(JSON.stringify(detail)).not.toContain(reply.code!.code);
  });
});
