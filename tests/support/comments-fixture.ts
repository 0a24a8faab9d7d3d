// The comment feed's fixture: answers at two locations in different zones (Berlin and New
// York) from the last few hours and one from last month, with comments to search by stem and
// prefix, a partial answer, a possible repeat and one without a comment, posted as kiosks post
// them. staff-comments.test.ts reads them back.
import { beforeAll } from 'vitest';
import { answerPoster, storeIds, twoZonesWithSurvey } from './kiosk-answers.ts';
import type { StaffCollector } from './staff.ts';

export const HOUR = 3_600_000;
export const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/**
 * Call it in the describe block that owns `c`: posts the fixture before the block's first test.
 * `post` posts more answers after it; `place` holds the location and touchpoint ids.
 */
export function useCommentsFixture(c: StaffCollector) {
  const { ids, post } = answerPoster(c);
  const place = { main: 0, outlet: 0, checkout: 0, outletDoor: 0 };

  beforeAll(async () => {
    await twoZonesWithSurvey(c);
    await post('main', [
      [
        'queue',
        {
          finalizedAt: ago(5),
          smiley: 1,
          nps: 2,
          ces: 6,
          reasons: ['wait', 'staff'],
          comment: 'We were waiting forever at the till',
        },
      ],
      [
        'praise',
        { finalizedAt: ago(4), smiley: 4, reasons: ['friendly'], comment: 'Lovely staff, quick' },
      ],
      ['partial', { finalizedAt: ago(3), status: 'partial', comment: 'Waited a bit' }],
      ['repeat', { finalizedAt: ago(3), possibleRepeat: true, comment: 'Waiting again' }],
      ['estonian', { finalizedAt: ago(2), language: 'et', comment: 'Järjekord oli pikk' }],
      ['silent', { finalizedAt: ago(2) }],
      ['old', { finalizedAt: ago(24 * 20), comment: 'Waiting last month' }],
    ]);
    await post('outlet', [
      [
        'door',
        { finalizedAt: ago(1), smiley: 2, reasons: ['wait'], comment: 'Door queue waiting' },
      ],
    ]);
    Object.assign(place, await storeIds(c));
  });
  return { ids, post, place };
}
