// The staff workflow and the live stream over real HTTP: who sees which alert, acknowledge and
// resolve, server-sent events to the right screens only, and the page's security headers.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AlertListReply, AlertReply, StreamData, type StaffAlert } from '../../shared/staff-api.ts';
import { STAFF_CSP } from '../../server/staff/csp.ts';
import { REDACTED_PATHS } from '../../server/log.ts';
import { LOCATIONS, loginAs, staffEngines, type StaffClient } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';
import { readEvents } from '../support/staff-sse.ts';

const COMMENT = 'The cashier was rude SECRET-COMMENT-7731';
const CONTACT = { consentVersion: 'v1', name: 'Ada SECRET-NAME-4410', phone: '+44 20 7946 0000' };

const engines = await staffEngines();

for (const engine of engines) {
  describe.skipIf(engine.skip)(`staff alerts over HTTP and SSE on ${engine.name}`, () => {
    let logs = '';
    const sink = new Writable({ write: (chunk, _e, done) => ((logs += String(chunk)), done()) });
    const { c, staff } = useStaffCollector(
      {
        postgresUrl: engine.postgresUrl,
        logger: pino(
          { level: 'debug', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
          sink,
        ),
        heartbeatMs: 200,
      },
      {
        dana: ['staff', [LOCATIONS.main.location]],
        otto: ['staff', [LOCATIONS.outlet.location]],
        mo: 'manager',
      },
      ['dana', 'otto', 'mo'],
    );
    const list = async (who: StaffClient, query = '') =>
      AlertListReply.parse((await who.call('GET', `/staff/api/alerts${query}`)).body).alerts;

    it('lists only the alerts of the user’s own locations; a manager sees all', async () => {
      const main = await c.seedAlert('main', { answer: { comment: COMMENT, contact: CONTACT } });
      const outlet = await c.seedAlert('outlet');
      const ids = async (who: StaffClient) => (await list(who)).map((a) => a.id);
      expect(await ids(staff.dana)).toContain(main.id);
      expect(await ids(staff.dana)).not.toContain(outlet.id);
      expect(await ids(staff.otto)).toEqual([outlet.id]);
      expect(await ids(staff.mo)).toEqual(expect.arrayContaining([main.id, outlet.id]));
      const listed = (await list(staff.dana)).find((a) => a.id === main.id);
      expect(listed).toMatchObject({
        comment: COMMENT,
        contact: { name: CONTACT.name, phone: CONTACT.phone },
        smiley: 1,
        reasons: ['wait-time'],
      });
      // Acting on another location's alert looks like acting on no alert at all.
      expect((await staff.otto.call('POST', `/staff/api/alerts/${main.id}/ack`)).status).toBe(404);
      expect((await staff.dana.call('GET', '/staff/api/alerts?status=bogus')).status).toBe(400);
    });

    it('acknowledges (who, when) then resolves with an outcome and a note', async () => {
      const a = await c.seedAlert('main');
      const ack = await staff.dana.call('POST', `/staff/api/alerts/${a.id}/ack`);
      expect(ack.status).toBe(200);
      const acked = AlertReply.parse(ack.body).alert;
      expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Dana' });
      expect(Date.parse(acked.acknowledgedAt!)).toBeGreaterThan(Date.now() - 5000);
      expect(
        (await staff.dana.call('POST', `/staff/api/alerts/${a.id}/resolve`, { outcome: 'maybe' }))
          .status,
      ).toBe(400);
      const done = await staff.dana.call('POST', `/staff/api/alerts/${a.id}/resolve`, {
        outcome: 'recovered',
        note: 'Gave a voucher',
      });
      expect(done.status).toBe(200);
      expect(AlertReply.parse(done.body).alert).toMatchObject({
        status: 'resolved',
        resolvedBy: 'Dana',
        outcome: 'recovered',
        note: 'Gave a voucher',
      });
      expect(
        (await staff.dana.call('POST', `/staff/api/alerts/${a.id}/resolve`, { outcome: 'other' }))
          .status,
      ).toBe(409);
      const open = await list(staff.dana, '?status=open,acknowledged');
      expect(open.map((x) => x.id)).not.toContain(a.id);
    });

    it('streams a published alert to the screens allowed to see it, and only those', async () => {
      let opened = 0;
      let fresh: StaffAlert | undefined;
      const onOpen = () => {
        if (++opened === 3)
          void c
            .seedAlert('outlet', { kind: 'talk_now', priority: 'urgent' })
            .then((a) => (fresh = a));
      };
      const got = (evs: { event: string; data: string }[]) => evs.some((e) => e.event === 'alert');
      const [forDana, forOtto, forMo] = await Promise.all([
        readEvents(c.url, staff.dana.cookie, got, { timeoutMs: 1500, onOpen }),
        readEvents(c.url, staff.otto.cookie, got, { onOpen }),
        readEvents(c.url, staff.mo.cookie, got, { onOpen }),
      ]);
      expect(forOtto.status).toBe(200);
      expect(forOtto.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(forOtto.headers.get('content-security-policy')).toBe(STAFF_CSP);
      const alertOf = (evs: { event: string; data: string; id?: string }[]) =>
        evs
          .filter((e) => e.event === 'alert')
          .map((e) => StreamData.alert.parse(JSON.parse(e.data)));
      expect(alertOf(forOtto.events).map((a) => a.id)).toEqual([fresh!.id]);
      expect(alertOf(forOtto.events)[0]).toMatchObject({
        kind: 'talk_now',
        waiting: true,
        location: 'Outlet',
      });
      expect(alertOf(forMo.events).map((a) => a.id)).toEqual([fresh!.id]);
      expect(alertOf(forDana.events)).toEqual([]);
      // Each screen starts from a snapshot of what it may see.
      const snapshot = StreamData.snapshot.parse(
        JSON.parse(forOtto.events.find((e) => e.event === 'snapshot')!.data),
      );
      expect(snapshot.every((a) => a.location === 'Outlet')).toBe(true);
      expect(forOtto.events.find((e) => e.event === 'alert')?.id).toMatch(/^\d+$/);
    });

    it('resumes from Last-Event-ID without a snapshot, and sends heartbeats', async () => {
      const first = await readEvents(c.url, staff.mo.cookie, (evs) =>
        evs.some((e) => e.event === 'snapshot'),
      );
      const lastId = first.events.find((e) => e.event === 'snapshot')!.id!;
      const missed = await c.seedAlert('main');
      const resumed = await readEvents(
        c.url,
        staff.mo.cookie,
        (evs) => evs.some((e) => e.event === 'comment'),
        { lastEventId: lastId },
      );
      expect(resumed.events.map((e) => e.event)).not.toContain('snapshot');
      expect(
        resumed.events
          .filter((e) => e.event === 'alert')
          .map((e) => StreamData.alert.parse(JSON.parse(e.data)).id),
      ).toEqual([missed.id]);
      expect(
        resumed.events.some((e) => e.event === 'comment' && e.data.includes('heartbeat')),
      ).toBe(true);
      // An id this database never issued (another database's, say) gets the full list instead.
      const foreign = await readEvents(c.url, staff.mo.cookie, (evs) => evs.length > 0, {
        lastEventId: String(Number(lastId) + 1000),
      });
      expect(foreign.events.map((e) => e.event)).toEqual(['snapshot']);
    });

    it('refuses the stream without a session, and ends it when the session is logged out', async () => {
      expect((await readEvents(c.url, 'lw_staff=nope', () => true)).status).toBe(401);
      const temp = await loginAs(c.url, 'otto');
      const started = Date.now();
      const stream = readEvents(c.url, temp.cookie, () => false, {
        timeoutMs: 5000,
        onOpen: () => void temp.call('POST', '/staff/api/logout'),
      });
      await stream;
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('serves the page and every staff reply with the strict CSP', async () => {
      for (const path of ['/staff/', '/staff/api/me', '/staff/no-such-thing']) {
        const res = await fetch(`${c.url}${path}`);
        expect(res.headers.get('content-security-policy'), path).toBe(STAFF_CSP);
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      }
      expect(STAFF_CSP).toContain("script-src 'self'");
      expect(STAFF_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect((await fetch(`${c.url}/staff/../package.json`)).status).not.toBe(200);
      expect((await fetch(`${c.url}/staff/%2e%2e/package.json`)).status).not.toBe(200);
    });

    it('never writes comment text or contact data to the log', async () => {
      await c.seedAlert('main', { answer: { comment: COMMENT, contact: CONTACT } });
      await staff.dana.call('GET', '/staff/api/alerts');
      await readEvents(c.url, staff.dana.cookie, (evs) => evs.some((e) => e.event === 'snapshot'));
      expect(logs.length).toBeGreaterThan(0);
      expect(logs).not.toContain('SECRET-COMMENT');
      expect(logs).not.toContain('SECRET-NAME');
      expect(logs).not.toContain(CONTACT.phone);
      expect(logs).not.toContain(staff.dana.cookie.split('=')[1]!);
    });
  });
}
