// The results rollup with kiosk clocks gone wrong: answers stamped in year 50, year 1000 and year
// 9999 at the same store are kept and rolled up into their own days (year 50 is not 1950), and rolling up does not walk the
// nine thousand years between them (that walk blocked the collector for tens of seconds, so every
// request in flight went unanswered: found by the API fuzz). Walking years 1 to 9999 took 16 s
// for one store; the test gives two stores 20 s.
import { describe, expect, it } from 'vitest';
import { refreshRollup } from '../../server/reports/rollup.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { smallConfig } from '../support/config.ts';
import { postAnswers } from '../support/kiosk-answers.ts';
import { LOCATIONS } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

describe('the results rollup and kiosk clocks far off', () => {
  const { c } = useStaffCollector({}, {});

  it(
    'rolls up answers from years 50, 1000 and 9999 into their own days, at once',
    { timeout: 20_000 },
    async () => {
      for (const where of ['main', 'outlet'] as const) {
        const k = LOCATIONS[where];
        await attachConfig(
          c.storage,
          k.kioskId,
          { ...smallConfig(), kioskId: k.kioskId },
          new Date(),
        );
        await postAnswers(
          c,
          where,
          [
            { finalizedAt: '0050-06-15T12:00:00.000Z', smiley: 4 },
            { finalizedAt: '1000-01-01T12:00:00.000Z', smiley: 5 },
            { finalizedAt: '2026-11-30T12:00:00.000Z', smiley: 3 },
            { finalizedAt: '9999-12-30T12:00:00.000Z', smiley: 1 },
          ],
          1,
        );
      }
      await refreshRollup(c.storage);
      const days = await c.storage.db
        .selectFrom('results_days')
        .select(['day', 'answers'])
        .orderBy('day')
        .execute();
      expect(days).toEqual(
        [
          '0050-06-15',
          '0050-06-15',
          '1000-01-01',
          '1000-01-01',
          '2026-11-30',
          '2026-11-30',
          '9999-12-30',
          '9999-12-30',
        ].map((day) => ({ day, answers: 1 })),
      );
    },
  );
});
