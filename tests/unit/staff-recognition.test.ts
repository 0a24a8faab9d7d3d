// Duty and recognition on both engines, against a real collector over HTTP with a clock the test
// moves: staff check in only at their own locations' touchpoints; answers given at a desk while
// someone is on duty there are credited to them (shared when two are on duty, none before the
// check-in, after the check-out, past the 12 h limit, or for a possible repeat); customers
// recovered count for whoever resolved the alert; the team view names nobody below the minimum
// sample, and only the person themself sees their low scores.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { DutyReply, RecognitionReply } from '../../shared/staff-duty-api.ts';
import { LOCATIONS, PASSWORD_WORK_MS, loginAs, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

const T0 = Date.parse('2026-11-30T09:00:00.000Z');
const min = (m: number) => new Date(T0 + m * 60_000);

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(
    `duty and recognition on ${engine.name}`,
    { timeout: PASSWORD_WORK_MS },
    () => {
      let clock = min(0);
      const { c, staff } = useStaffCollector(
        { postgresUrl: engine.postgresUrl, now: () => clock },
        {
          dana: ['staff', [LOCATIONS.main.location]],
          otto: ['staff', [LOCATIONS.main.location]],
          mo: 'manager',
        },
        ['dana', 'otto', 'mo'],
      );
      let seq = 1000;
      const touchpoint = async (location: string) =>
        (
          await sql<{ id: number }>`select t.id from touchpoints t join locations l
            on l.id = t.location_id where l.name = ${location}`.execute(c.storage.db)
        ).rows[0]!.id;
      /** Answers straight into the table at the main desk, `at` minutes after T0. */
      const answers = async (at: number, smileys: number[], repeat = false) => {
        const desk = await touchpoint(LOCATIONS.main.location);
        for (const smiley of smileys) {
          const when = min(at).toISOString();
          await c.storage.db
            .insertInto('answers')
            .values({
              id: uuidv7(),
              kiosk_id: LOCATIONS.main.kioskId,
              seq: ++seq,
              survey_version: 's1',
              status: 'complete',
              language: 'en',
              started_at: when,
              finalized_at: when,
              smiley,
              reasons: '[]',
              talk_now: 0,
              possible_repeat: repeat ? 1 : 0,
              device_sent_at: when,
              received_at: when,
              touchpoint_id: desk,
            })
            .execute();
        }
      };
      const recognitionOf = async (who: 'dana' | 'otto' | 'mo') =>
        (await staff[who].call('GET', '/staff/api/recognition?days=7')).body as RecognitionReply;

      it('checks staff in only at their own locations', async () => {
        const before = (await staff.dana.call('GET', '/staff/api/duty')).body as DutyReply;
        expect(before.onDuty).toBeNull();
        expect(before.touchpoints.map((t) => t.location)).toEqual([LOCATIONS.main.location]);
        const outlet = await touchpoint(LOCATIONS.outlet.location);
        const refused = await staff.dana.call('POST', '/staff/api/duty', { touchpointId: outlet });
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({ message: `you are not on the staff of Outlet` });
        const unknown = await staff.dana.call('POST', '/staff/api/duty', { touchpointId: 9999 });
        expect(unknown.status).toBe(400);
        const bad = await staff.dana.call('POST', '/staff/api/duty', { touchpointId: 'desk 2' });
        expect(bad.status).toBe(400);
        expect(
          ((await staff.dana.call('GET', '/staff/api/duty')).body as DutyReply).onDuty,
        ).toBeNull();
      });

      it('credits the answers given while on duty, shared between the people on duty', async () => {
        const desk = await touchpoint(LOCATIONS.main.location);
        await answers(-10, [5, 5]); // before anyone checked in
        clock = min(0);
        const on = await staff.dana.call('POST', '/staff/api/duty', { touchpointId: desk });
        expect((on.body as DutyReply).onDuty).toMatchObject({
          touchpoint: LOCATIONS.main.touchpoint,
          location: LOCATIONS.main.location,
          since: min(0).toISOString(),
        });
        await answers(5, [...Array<number>(18).fill(5), 1, 1]); // dana alone: 20
        await answers(6, [5], true); // a possible repeat: nobody's
        clock = min(30);
        // A session ends after 30 min unused: sign in again after moving the clock.
        staff.otto = await loginAs(c.url, 'otto');
        await staff.otto.call('POST', '/staff/api/duty', { touchpointId: desk });
        await answers(40, [4, 4, 1]); // both on duty
        clock = min(60);
        staff.dana = await loginAs(c.url, 'dana');
        const off = await staff.dana.call('DELETE', '/staff/api/duty');
        expect(off.status, JSON.stringify(off.body)).toBe(200);
        expect((off.body as DutyReply).onDuty).toBeNull();
        await answers(70, [5]); // otto alone
        await answers(13 * 60, [5]); // otto never checked out: past his 12 h, nobody's
        clock = min(14 * 60);
        for (const who of ['dana', 'otto', 'mo'] as const) staff[who] = await loginAs(c.url, who);

        const dana = await recognitionOf('dana');
        expect(dana.me).toEqual({
          name: 'Dana',
          answers: 23,
          praise: 20,
          happyShare: 20 / 23,
          recovered: 0,
          lowScores: 3,
        });
        expect(dana.team).toBeNull();
        const otto = await recognitionOf('otto');
        expect(otto.me).toMatchObject({ answers: 4, praise: 3, happyShare: null, lowScores: 1 });
      });

      it('names the team to managers by recoveries and praise, nobody on a handful of answers', async () => {
        const alert = await c.seedAlert('main');
        await staff.mo.call('POST', `/staff/api/alerts/${alert.id}/ack`);
        await staff.mo.call('POST', `/staff/api/alerts/${alert.id}/resolve`, {
          outcome: 'recovered',
        });
        clock = min(14 * 60 + 1);
        const mo = await recognitionOf('mo');
        expect(mo.me).toMatchObject({ recovered: 1, answers: 0 });
        expect(mo.team).toEqual({
          people: [
            { name: 'Mo', answers: 0, praise: 0, happyShare: null, recovered: 1 },
            { name: 'Dana', answers: 23, praise: 20, happyShare: 20 / 23, recovered: 0 },
          ],
          others: 1, // Otto: 4 answers, not named
        });
        expect(JSON.stringify(mo.team)).not.toContain('lowScores');
      });

      it('refuses an unknown period', async () => {
        const r = await staff.dana.call('GET', '/staff/api/recognition?days=365');
        expect(r.status).toBe(400);
      });
    },
  );
}
