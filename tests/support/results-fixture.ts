// The results page's hand-computed fixture: answers at two locations in different zones (Berlin,
// open Mon-Fri 08:00-20:00; New York, hours not set), across New York's fall-back, posted
// through /v1/answers as kiosks post them. The figures in RESULTS were worked out by hand from
// the table below, not by running the code; the unit and e2e tests compare against them.
import type { AnswerUpload } from '../../shared/protocol.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { updateLocation } from '../../server/locations/store.ts';
import { smallConfig } from './config.ts';
import { postAnswers } from './kiosk-answers.ts';
import { LOCATIONS, type StaffCollector } from './staff.ts';

type A = Partial<AnswerUpload> & { finalizedAt: string };

// Berlin is UTC+1 in November; New York UTC-4 until 06:00 UTC on 1 November, then UTC-5.
const MAIN: A[] = [
  // Monday 2 November, 09:15-09:45 in Berlin.
  { finalizedAt: '2026-11-02T08:15:00.000Z', smiley: 5, nps: 10, ces: 6, reasons: ['fast'] },
  { finalizedAt: '2026-11-02T08:30:00.000Z', smiley: 4, nps: 9, reasons: ['friendly'] },
  { finalizedAt: '2026-11-02T08:45:00.000Z', smiley: 2, nps: 3, ces: 2, reasons: ['wait'] },
  // 12:10 and 12:20, and the same faces again at 12:21: a possible repeat.
  { finalizedAt: '2026-11-02T11:10:00.000Z', smiley: 1, nps: 0, reasons: ['wait', 'staff'] },
  { finalizedAt: '2026-11-02T11:20:00.000Z', smiley: 3, nps: 7, reasons: [] },
  {
    finalizedAt: '2026-11-02T11:21:00.000Z',
    smiley: 1,
    nps: 0,
    reasons: ['staff'],
    possibleRepeat: true,
  },
  // 22:30: after closing (counted in the tiles, not in the heat map). No NPS given.
  { finalizedAt: '2026-11-02T21:30:00.000Z', smiley: 5, nps: undefined, reasons: [] },
  // Tuesday 13:00, a partial answer.
  {
    finalizedAt: '2026-11-03T12:00:00.000Z',
    smiley: 4,
    nps: 8,
    reasons: ['fast'],
    status: 'partial',
  },
  // Sunday 1 November 11:00: the previous period.
  { finalizedAt: '2026-11-01T10:00:00.000Z', smiley: 1, nps: 2, reasons: ['wait'] },
];
const OUTLET: A[] = [
  // Monday 10:00 in New York, in Estonian.
  {
    finalizedAt: '2026-11-02T15:00:00.000Z',
    smiley: 5,
    nps: 10,
    reasons: ['friendly'],
    language: 'et',
  },
  // Monday 22:00 in New York, though Tuesday in UTC.
  { finalizedAt: '2026-11-03T03:00:00.000Z', smiley: 2, nps: 6, reasons: ['wait'] },
  // Tuesday 23:30 in New York, Wednesday in UTC.
  { finalizedAt: '2026-11-04T04:30:00.000Z', smiley: 4, nps: 9, reasons: ['fast'] },
  // Sunday 1 November, 01:30 twice (EDT, then EST after the fall-back), and 23:00: previous period.
  { finalizedAt: '2026-11-01T05:30:00.000Z', smiley: 5, nps: 10, reasons: [] },
  { finalizedAt: '2026-11-01T06:30:00.000Z', smiley: 4, nps: 9, reasons: [] },
  { finalizedAt: '2026-11-02T04:00:00.000Z', smiley: 5, nps: 10, reasons: [] },
];

/** The view the figures are for, as a query string. */
export const FIXTURE_VIEW = 'period=custom&from=2026-11-02&to=2026-11-03';

/** Hand-computed: 10 answers (7 Berlin, 3 New York), the repeat left out. */
export const RESULTS = {
  answers: 10,
  previousAnswers: 4,
  // 6 of 10 smiley 4-5; previous 3 of 4.
  happy: 60,
  happyChange: -15,
  // 4 promoters, 2 passives, 3 detractors of 9: 100 × (4 − 3) / 9.
  nps: 11.1,
  promoters: 4,
  passives: 2,
  detractors: 3,
  // 1.96 × 100 × √((4/9 + 3/9 − (1/9)²) / 9) = 57.16.
  margin: 57.2,
  // previous: 3 promoters, 1 detractor of 4 → 50.
  npsChange: -38.9,
  // (6 + 2) / 2.
  ces: 4,
  trend: [
    { start: '2026-11-02', answers: 8, happy: 50 },
    { start: '2026-11-03', answers: 2, happy: 100 },
  ],
  // weekday (1 Monday), hour, answers, happy; every other open cell empty. 22:30 in Berlin is
  // after closing, so Monday 22 holds only New York's answer.
  heat: [
    [1, 9, 3, 2],
    [1, 10, 1, 1],
    [1, 12, 2, 0],
    [1, 22, 1, 0],
    [2, 13, 1, 1],
    [2, 23, 1, 1],
  ],
  unhappyReasons: [
    { id: 'wait', label: 'Waiting time', count: 3, share: 100, cumulative: 75 },
    { id: 'staff', label: 'Staff', count: 1, share: 33.3, cumulative: 100 },
  ],
  happyReasons: [
    { id: 'fast', label: 'Fast service', count: 3, share: 50, cumulative: 60 },
    { id: 'friendly', label: 'Friendly staff', count: 2, share: 33.3, cumulative: 100 },
  ],
  // Berlin: 7 answers, 4 happy, NPS (2 − 2) / 6; New York: 3, 2 happy, (2 − 1) / 3.
  ranking: [
    { name: LOCATIONS.main.location, answers: 7, happy: 57.1, nps: 0 },
    { name: LOCATIONS.outlet.location, answers: 3, happy: 66.7, nps: 33.3 },
  ],
};

/** Sets the two locations' zones and hours and posts every fixture answer. */
export async function seedResultsFixture(c: StaffCollector): Promise<Record<string, number>> {
  await updateLocation(c.storage, LOCATIONS.main.location, {
    timeZone: 'Europe/Berlin',
    hours: {
      mon: [['08:00', '20:00']],
      tue: [['08:00', '20:00']],
      wed: [['08:00', '20:00']],
      thu: [['08:00', '20:00']],
      fri: [['08:00', '20:00']],
    },
  });
  await updateLocation(c.storage, LOCATIONS.outlet.location, { timeZone: 'America/New_York' });
  for (const [where, list] of [
    ['main', MAIN],
    ['outlet', OUTLET],
  ] as const) {
    const k = LOCATIONS[where];
    await attachConfig(c.storage, k.kioskId, { ...smallConfig(), kioskId: k.kioskId }, new Date());
    await postAnswers(c, where, list, 1);
  }
  const rows = await c.storage.db.selectFrom('locations').select(['id', 'name']).execute();
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

export const FIXTURE_SEQS = { main: MAIN.length, outlet: OUTLET.length };
