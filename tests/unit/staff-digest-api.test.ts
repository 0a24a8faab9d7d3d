// The weekly digest's staff API over real HTTP on both engines, on a hand-computed week
// (tests/support/digest-fixture.ts) with the collector's clock fixed: the week's figures and
// comments with contact details blanked, the weeks a digest may be asked for, staff kept to their
// own locations, and who may change who gets it (409 for an address that already does).
import { beforeAll, describe, expect, it } from 'vitest';
import { DigestReply, SubscriptionsReply } from '../../shared/digest-api.ts';
import { DIGEST, DIGEST_NOW, seedDigestFixture } from '../support/digest-fixture.ts';
import { LOCATIONS, staffEngines, type StaffClient } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`the digest API on ${engine.name}`, () => {
    const { c, staff } = useStaffCollector(
      { postgresUrl: engine.postgresUrl, now: () => DIGEST_NOW },
      { dana: ['staff', [LOCATIONS.main.location]], mo: 'manager' },
      ['dana', 'mo'],
    );
    let main = 0;
    let outlet = 0;
    beforeAll(async () => {
      const ids = await seedDigestFixture(c);
      main = ids[LOCATIONS.main.location]!;
      outlet = ids[LOCATIONS.outlet.location]!;
    });

    const digest = async (who: StaffClient, query: string) => {
      const reply = await who.call('GET', `/staff/api/digest?${query}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return DigestReply.parse(reply.body);
    };

    it('gives the newest due week’s figures, comments and problems', async () => {
      const r = await digest(staff.dana, `location=${main}`);
      expect(r.week).toEqual(DIGEST.week);
      expect(r.previous).toEqual(DIGEST.previous);
      expect(r.weeks[0]).toBe(DIGEST.week.from);
      expect(r.tiles.answers).toMatchObject({
        value: DIGEST.answers,
        previous: DIGEST.previousAnswers,
      });
      expect(r.tiles.happy).toMatchObject({ value: DIGEST.happy, change: DIGEST.happyChange });
      expect(r.tiles.nps.value).toBe(DIGEST.nps);
      expect(r.comments.best.map((x) => x.text)).toEqual(DIGEST.best);
      expect(r.comments.worst.map((x) => x.text)).toEqual(DIGEST.worst);
      expect(r.comments.worst[0]!.at.startsWith(DIGEST.worstAt)).toBe(true);
      expect(r.problems.items.map(({ label, count, share }) => ({ label, count, share }))).toEqual(
        DIGEST.problems,
      );
      expect(r.schedule).toEqual({ weekday: 1, time: '08:00' });
      // The same week asked for by its date is the same digest.
      expect(await digest(staff.dana, `location=${main}&week=${DIGEST.week.from}`)).toEqual(r);
    });

    it('never shows a contact detail typed into a comment', async () => {
      const r = await digest(staff.mo, `location=${main}`);
      const text = JSON.stringify(r);
      expect(text).not.toContain('eve.customer@example.com');
      expect(text).not.toContain('1234567');
      expect(r.comments.worst[0]!.text).toContain('[contact removed]');
    });

    it('refuses a week that does not start on the send weekday, or is not due yet', async () => {
      const tuesday = await staff.mo.call(
        'GET',
        `/staff/api/digest?location=${main}&week=2026-11-03`,
      );
      expect(tuesday.status).toBe(400);
      expect(JSON.stringify(tuesday.body)).toContain('week: ');
      const future = await staff.mo.call(
        'GET',
        `/staff/api/digest?location=${main}&week=2026-11-09`,
      );
      expect(future.status).toBe(400);
      expect(JSON.stringify(future.body)).toContain('not due yet');
    });

    it('keeps staff to their own locations, naming the one refused', async () => {
      for (const path of [
        `/staff/api/digest?location=${outlet}`,
        `/staff/api/digest/subscriptions?location=${outlet}`,
      ]) {
        const reply = await staff.dana.call('GET', path);
        expect(reply.status, path).toBe(403);
        expect(JSON.stringify(reply.body)).toContain(LOCATIONS.outlet.location);
      }
      const mine = await staff.dana.call('PUT', '/staff/api/digest/subscriptions/mine', {
        location: outlet,
        email: 'dana@example.com',
      });
      expect(mine.status).toBe(403);
    });

    it('lets anyone subscribe themselves, with a clear error for a bad address', async () => {
      const bad = await staff.dana.call('PUT', '/staff/api/digest/subscriptions/mine', {
        location: main,
        email: 'not an address',
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('email');
      const ok = await staff.dana.call('PUT', '/staff/api/digest/subscriptions/mine', {
        location: main,
        email: 'dana@example.com',
      });
      expect(ok.status).toBe(204);
      const subs = await staff.dana.call('GET', `/staff/api/digest/subscriptions?location=${main}`);
      expect(SubscriptionsReply.parse(subs.body)).toEqual({
        mine: { email: 'dana@example.com' },
        all: null,
      });
    });

    it('lets managers, not staff, add and remove addresses without an account', async () => {
      const add = (who: StaffClient, email: string) =>
        who.call('POST', '/staff/api/digest/subscribers', { location: main, email });
      expect((await add(staff.dana, 'team@example.com')).status).toBe(403);

      const added = await add(staff.mo, 'team@example.com');
      expect(added.status).toBe(201);
      const list = SubscriptionsReply.shape.all.parse(added.body)!;
      const team = list.find((s) => s.email === 'team@example.com')!;
      expect(team.user).toBeNull();
      expect(list.find((s) => s.email === 'dana@example.com')?.user).toBe('Dana');

      const twice = await add(staff.mo, 'Team@Example.com');
      expect(twice.status).toBe(409);
      expect(JSON.stringify(twice.body)).toContain('already gets this digest');

      const path = `/staff/api/digest/subscribers/${team.id}?location=${main}`;
      expect((await staff.dana.call('DELETE', path)).status).toBe(403);
      expect((await staff.mo.call('DELETE', path)).status).toBe(204);
      const after = await staff.mo.call('GET', `/staff/api/digest/subscriptions?location=${main}`);
      expect(SubscriptionsReply.parse(after.body).all!.map((s) => s.email)).toEqual([
        'dana@example.com',
      ]);
    });
  });
}
