// The weekly digest's small fixture for the API and page tests: a week of answers with comments
// at the main store (Berlin), one in the week before, and a collector clock fixed on the Tuesday
// after, so the newest due week (Monday 08:00 local) is the fixture's. The figures in DIGEST were
// worked out by hand from the table below.
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { updateLocation } from '../../server/locations/store.ts';
import { smallConfig } from './config.ts';
import { postAnswers } from './kiosk-answers.ts';
import { LOCATIONS, type StaffCollector } from './staff.ts';

/** Tuesday 10 November 2026, 13:00 in Berlin: the week from Monday 2 November is due. */
export const DIGEST_NOW = new Date('2026-11-10T12:00:00.000Z');

export const WORST_TEXT =
  'Waited ages at the till. Call me on +49 170 1234567 or write to eve.customer@example.com';

// Berlin is UTC+1 in November.
const WEEK = [
  {
    finalizedAt: '2026-11-02T09:00:00.000Z',
    smiley: 5,
    nps: 10,
    reasons: ['friendly'],
    comment: 'Lovely staff, thank you!',
  },
  {
    finalizedAt: '2026-11-03T10:00:00.000Z',
    smiley: 4,
    nps: 9,
    reasons: ['fast'],
    comment: 'Quick and friendly',
  },
  {
    finalizedAt: '2026-11-04T11:00:00.000Z',
    smiley: 1,
    nps: 0,
    reasons: ['wait'],
    comment: WORST_TEXT,
  },
  {
    finalizedAt: '2026-11-05T12:00:00.000Z',
    smiley: 2,
    nps: 4,
    reasons: ['wait', 'staff'],
    comment: 'Too slow today',
  },
  { finalizedAt: '2026-11-06T13:00:00.000Z', smiley: 3, nps: 7, reasons: [] },
  // The week before: Wednesday 28 October.
  { finalizedAt: '2026-10-28T10:00:00.000Z', smiley: 5, nps: 10, reasons: ['fast'] },
];

export const DIGEST = {
  week: { from: '2026-11-02', to: '2026-11-08' },
  previous: { from: '2026-10-26', to: '2026-11-01' },
  answers: 5,
  previousAnswers: 1,
  // Smiley 4-5: 2 of 5; the week before 1 of 1.
  happy: 40,
  happyChange: -60,
  // 2 promoters, 1 passive (7), 2 detractors (0, 4) of 5: 100 × (2 − 2) / 5.
  nps: 0,
  best: ['Lovely staff, thank you!', 'Quick and friendly'],
  worst: [
    'Waited ages at the till. Call me on [contact removed] or write to [contact removed]',
    'Too slow today',
  ],
  // Wednesday 4 November, 12:00 in Berlin.
  worstAt: '2026-11-04T12:00',
  // 2 unhappy answers: both chose waiting time, one staff.
  problems: [
    { label: 'Waiting time', count: 2, share: 100 },
    { label: 'Staff', count: 1, share: 50 },
  ],
};

/** Puts the main store in Berlin and posts the fixture's answers from its kiosk. */
export async function seedDigestFixture(c: StaffCollector): Promise<Record<string, number>> {
  await updateLocation(c.storage, LOCATIONS.main.location, { timeZone: 'Europe/Berlin' });
  const k = LOCATIONS.main;
  await attachConfig(c.storage, k.kioskId, { ...smallConfig(), kioskId: k.kioskId }, new Date());
  await postAnswers(c, 'main', WEEK, 1);
  const rows = await c.storage.db.selectFrom('locations').select(['id', 'name']).execute();
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}
