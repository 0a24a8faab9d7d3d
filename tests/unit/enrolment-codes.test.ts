// Enrolment codes over real HTTP on both engines: an admin makes a code for a touchpoint (staff
// API), a new kiosk trades it at POST /v1/enrol for a working device token and its config, and
// every refusal is clear: used, expired (the collector's clock moved on), revoked, wrong,
// throttled per address after 10 wrong codes, and a code that two kiosks send at once enrols
// exactly one. Only admins manage codes; staff and managers get 403. Making and revoking a code
// is in the audit log, without the code.
import { describe, expect, it } from 'vitest';
import { ConfigReply, ErrorReply } from '../../shared/protocol.ts';
import { EnrolReply } from '../../shared/enrolment.ts';
import { CreatedEnrolmentCode, EnrolmentCodeListReply } from '../../shared/staff-api.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { MAX_WRONG_CODES } from '../../server/kiosk-api/enrol-throttle.ts';
import { call } from '../support/collector.ts';
import { smallConfig } from '../support/config.ts';
import { LOCATIONS, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

const HOUR = 3_600_000;
const main = { location: LOCATIONS.main.location, touchpoint: LOCATIONS.main.touchpoint };

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`enrolment codes on ${engine.name}`, () => {
    let offsetMs = 0;
    const { c, staff } = useStaffCollector(
      {
        postgresUrl: engine.postgresUrl,
        now: () => new Date(Date.now() + offsetMs),
        // Each test enrols from its own (forwarded) address, so throttling stays within it.
        trustProxy: '127.0.0.1',
      },
      { dana: ['staff', [LOCATIONS.main.location]], mo: 'manager', ada: 'admin' },
      ['dana', 'mo', 'ada'],
    );

    const enrol = async (code: unknown, from: string) => {
      const res = await fetch(`${c.url}/v1/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ code }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
    };
    const newCode = async (body: object = main) => {
      const res = await staff.ada.call('POST', '/staff/api/enrolment-codes', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return CreatedEnrolmentCode.parse(res.body).code;
    };
    const errorOf = (reply: { body: unknown }) => ErrorReply.parse(reply.body).error;

    it('refuses a code while no kiosk has a config to copy', async () => {
      const res = await staff.ada.call('POST', '/staff/api/enrolment-codes', main);
      expect(res.status).toBe(400);
      expect(ErrorReply.parse(res.body).message).toMatch(/set-config/);
      await attachConfig(
        c.storage,
        LOCATIONS.main.kioskId,
        { ...smallConfig(), kioskId: LOCATIONS.main.kioskId },
        new Date(),
      );
    });

    it('trades a code once for a working token and the touchpoint config', async () => {
      const made = await newCode();
      expect(made.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(Date.parse(made.expiresAt) - Date.parse(made.createdAt)).toBe(24 * HOUR);
      const listed = EnrolmentCodeListReply.parse(
        (await staff.ada.call('GET', '/staff/api/enrolment-codes')).body,
      );
      expect(listed.codes).toContainEqual({
        id: made.id,
        location: main.location,
        touchpoint: main.touchpoint,
        createdAt: made.createdAt,
        expiresAt: made.expiresAt,
      });
      expect(JSON.stringify(listed)).not.toContain(made.code);
      expect(listed.places).toContainEqual(main);

      // As typed on a kiosk: lower case, no hyphen.
      const res = await enrol(made.code.replace('-', '').toLowerCase(), '10.0.0.1');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const reply = EnrolReply.parse(res.body);
      expect(reply.config).toMatchObject({ kioskId: reply.kioskId, ...main });
      expect(reply.config.adminPinHash).toBeUndefined();
      const config = await call({ url: c.url, token: reply.token }, 'GET', '/v1/config');
      expect(config.status).toBe(200);
      expect(ConfigReply.parse(config.body).version).toBe(reply.configVersion);

      const again = await enrol(made.code, '10.0.0.1');
      expect([again.status, errorOf(again)]).toEqual([410, 'enrolment_code_used']);
      const after = EnrolmentCodeListReply.parse(
        (await staff.ada.call('GET', '/staff/api/enrolment-codes')).body,
      );
      expect(after.codes.map((x) => x.id)).not.toContain(made.id);
    });

    it('enrols exactly one kiosk when two send the same code at once', async () => {
      const made = await newCode();
      const before = await c.storage.db.selectFrom('kiosks').select('id').execute();
      const replies = await Promise.all([
        enrol(made.code, '10.0.0.2'),
        enrol(made.code, '10.0.0.3'),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 410]);
      expect(errorOf(replies.find((r) => r.status === 410)!)).toBe('enrolment_code_used');
      const after = await c.storage.db.selectFrom('kiosks').select('id').execute();
      expect(after.length).toBe(before.length + 1);
    });

    it('refuses an expired code, then a revoked one, and says which', async () => {
      const made = await newCode({ ...main, expiresInHours: 1 });
      offsetMs = HOUR + 1000;
      try {
        const late = await enrol(made.code, '10.0.0.4');
        expect([late.status, errorOf(late)]).toEqual([410, 'enrolment_code_expired']);
        expect(ErrorReply.parse(late.body).message).toMatch(/expired/);
      } finally {
        offsetMs = 0;
      }
      const revoked = await newCode();
      const del = await staff.ada.call('DELETE', `/staff/api/enrolment-codes/${revoked.id}`);
      expect(del.status).toBe(200);
      const res = await enrol(revoked.code, '10.0.0.4');
      expect([res.status, errorOf(res)]).toEqual([410, 'enrolment_code_expired']);
      const twice = await staff.ada.call('DELETE', `/staff/api/enrolment-codes/${revoked.id}`);
      expect(twice.status).toBe(409);
      const none = await staff.ada.call('DELETE', '/staff/api/enrolment-codes/nosuchcode');
      expect(none.status).toBe(404);
      const audit = await staff.ada.call('GET', '/staff/api/audit');
      const actions = (
        audit.body as {
          entries: { action: string; actor: string; target: string; details: object }[];
        }
      ).entries
        .filter((e) => e.action.startsWith('enrolment_code.'))
        .map((e) => [e.action, e.actor, e.target]);
      expect(actions.slice(0, 2)).toEqual([
        ['enrolment_code.revoke', 'ada', `${main.location} / ${main.touchpoint}`],
        ['enrolment_code.create', 'ada', `${main.location} / ${main.touchpoint}`],
      ]);
      expect(JSON.stringify(audit.body)).not.toContain(revoked.code);
    });

    it('throttles an address after 10 wrong codes; a right one gives its count back', async () => {
      const good = await newCode();
      const other = await newCode();
      for (let i = 0; i < MAX_WRONG_CODES - 1; i++) {
        const wrong = await enrol('ZZZZ-ZZZ' + String(i), '10.0.0.5');
        expect([wrong.status, errorOf(wrong)]).toEqual([404, 'enrolment_code_unknown']);
      }
      expect((await enrol(good.code, '10.0.0.5')).status).toBe(200);
      const tenth = await enrol('ZZZZ-ZZZZ', '10.0.0.5');
      expect(errorOf(tenth)).toBe('enrolment_code_unknown');
      const locked = await enrol(other.code, '10.0.0.5');
      expect([locked.status, errorOf(locked)]).toEqual([429, 'rate_limited']);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address is not held back by this one's guesses.
      expect((await enrol(other.code, '10.0.0.6')).status).toBe(200);
    });

    it('names the field of a malformed code', async () => {
      const res = await enrol('ABC', '10.0.0.7');
      expect(res.status).toBe(400);
      expect(ErrorReply.parse(res.body).problems).toEqual([
        { field: 'code', reason: expect.stringMatching(/ABCD-EFGH/) },
      ]);
    });

    it('lets only admins manage codes, with the CSRF token', async () => {
      for (const who of [staff.dana, staff.mo]) {
        expect((await who.call('GET', '/staff/api/enrolment-codes')).status).toBe(403);
        expect((await who.call('POST', '/staff/api/enrolment-codes', main)).status).toBe(403);
        expect((await who.call('DELETE', '/staff/api/enrolment-codes/x')).status).toBe(403);
      }
      const noCsrf = await staff.ada.call('POST', '/staff/api/enrolment-codes', main, {
        'x-csrf-token': null,
      });
      expect([noCsrf.status, errorOf(noCsrf)]).toEqual([403, 'csrf']);
      const anon = await fetch(`${c.url}/staff/api/enrolment-codes`);
      expect(anon.status).toBe(401);
    });

    it('answers 400 naming the field or place that is wrong', async () => {
      const far = await staff.ada.call('POST', '/staff/api/enrolment-codes', {
        ...main,
        expiresInHours: 500,
      });
      expect(far.status).toBe(400);
      expect(ErrorReply.parse(far.body).problems?.[0]?.field).toBe('expiresInHours');
      const nowhere = await staff.ada.call('POST', '/staff/api/enrolment-codes', {
        location: main.location,
        touchpoint: 'Roof',
      });
      expect(nowhere.status).toBe(400);
      expect(ErrorReply.parse(nowhere.body).message).toContain('"Roof"');
    });
  });
}
