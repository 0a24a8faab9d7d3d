// Ninety days of answers for the demo's results page, so a newcomer sees a populated page at
// once: the demo store (Tallinn, the kiosk on screen stands there) and two more in New York and
// Singapore, each with its own opening hours; a lunchtime queue at the demo store's Service desk 2
// on weekdays (unhappy, "waiting time"); comments in every language the survey speaks; and
// handled alerts for closing the loop. Written once (a marker kiosk says it is there), straight
// into the tables in one transaction, from a seeded generator: the same history on every machine.
// Answers tapped live on the kiosk come on top and show on the page as they arrive.
import { instantOf, localDay, nextDay } from '../../shared/local-time.ts';
import { writeTransaction, type Storage } from '../../server/db/open.ts';
import { enrolKiosk, revokeKiosk } from '../../server/kiosk-api/kiosks.ts';
import { updateLocation } from '../../server/locations/store.ts';
import type { OpeningHours } from '../../server/locations/hours.ts';
import { markDirty } from '../../server/reports/rollup.ts';
import { DEMO_COMMENTS } from './demo-comments.ts';

const DAYS = 90;
const WEEK: OpeningHours = {
  mon: [['09:00', '20:00']],
  tue: [['09:00', '20:00']],
  wed: [['09:00', '20:00']],
  thu: [['09:00', '20:00']],
  fri: [['09:00', '20:00']],
  sat: [['10:00', '18:00']],
};
const PLACES = [
  {
    zone: 'Europe/Tallinn',
    languages: ['et', 'en', 'ru'],
    points: ['Service desk 1', 'Service desk 2'],
  },
  {
    name: 'Lastword New York',
    zone: 'America/New_York',
    languages: ['en', 'en', 'zh-Hans'],
    points: ['Entrance', 'Checkout'],
  },
  {
    name: 'Lastword Singapore',
    zone: 'Asia/Singapore',
    languages: ['en', 'zh-Hans', 'ar'],
    points: ['Checkout'],
  },
];
const LOW = [
  'wait-time',
  'staff-friendliness',
  'price',
  'product',
  'out-of-stock',
  'cleanliness',
  'advice',
];
const HIGH = [
  'fast-service',
  'friendly-staff',
  'helpful-advice',
  'good-prices',
  'good-choice',
  'clean-store',
];

/** mulberry32: small, seeded, good enough for demo data. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoHistory(
  storage: Storage,
  store: string,
  surveyVersion: string,
  now = new Date(),
): Promise<boolean> {
  const marker = `demo-history-${PLACES.length}-1`;
  if (
    await storage.db.selectFrom('kiosks').select('id').where('id', '=', marker).executeTakeFirst()
  )
    return false;
  const rnd = random(20261202);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const survey = await storage.db
    .selectFrom('surveys')
    .select('id')
    .where('version', '=', surveyVersion)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const kiosks: { id: string; place: (typeof PLACES)[number]; point: string; location: string }[] =
    [];
  for (const [i, place] of PLACES.entries()) {
    const location = place.name ?? store;
    for (const [j, point] of place.points.entries()) {
      const id = `demo-history-${i + 1}-${j + 1}`;
      await revokeKiosk(storage, id, now);
      await enrolKiosk(storage, { kioskId: id, location, touchpoint: point }, now);
      await revokeKiosk(storage, id, now);
      kiosks.push({ id, place, point, location });
    }
    await updateLocation(storage, location, { timeZone: place.zone, hours: WEEK });
  }
  const ids = new Map(
    (await storage.db.selectFrom('kiosks').select(['id', 'touchpoint_id']).execute()).map((k) => [
      k.id,
      k.touchpoint_id,
    ]),
  );
  const points = new Map(
    (await storage.db.selectFrom('touchpoints').select(['id', 'location_id']).execute()).map(
      (t) => [t.id, t.location_id],
    ),
  );
  const answers: Record<string, unknown>[] = [];
  const alerts: Record<string, unknown>[] = [];
  for (const k of kiosks) {
    const touchpointId = ids.get(k.id)!;
    const locationId = points.get(touchpointId!)!;
    const today = localDay(now, k.place.zone);
    let seq = 0;
    for (let day = nextDay(today, -DAYS); day <= today; day = nextDay(day)) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      for (let hour = 9; hour < (weekday === 6 ? 18 : 20); hour++) {
        if (weekday === 0 || (weekday === 6 && hour < 10)) continue;
        const lunch = hour >= 12 && hour < 14;
        const queue = lunch && weekday >= 1 && weekday <= 5 && k.point === 'Service desk 2';
        const count = Math.floor(rnd() * (lunch ? 5 : 3));
        for (let n = 0; n < count; n++) {
          const at = new Date(
            instantOf(day, k.place.zone, hour, Math.floor(rnd() * 60)).getTime() +
              Math.floor(rnd() * 60_000),
          );
          if (at > now) continue;
          const r = rnd();
          const smiley = queue
            ? r < 0.35
              ? 1
              : r < 0.65
                ? 2
                : r < 0.8
                  ? 3
                  : r < 0.92
                    ? 4
                    : 5
            : r < 0.05
              ? 1
              : r < 0.12
                ? 2
                : r < 0.25
                  ? 3
                  : r < 0.6
                    ? 4
                    : 5;
          const unhappy = smiley <= 2;
          const nps =
            rnd() < 0.75
              ? Math.min(
                  10,
                  Math.max(
                    0,
                    [0, 1, 4, 7, 8, 9][smiley]! + Math.floor(rnd() * 3) - (smiley === 5 ? 0 : 1),
                  ),
                )
              : null;
          const ces =
            rnd() < 0.5
              ? Math.min(7, Math.max(1, [0, 2, 3, 4, 5, 6][smiley]! + Math.floor(rnd() * 2)))
              : null;
          const reasons = unhappy
            ? [...new Set([queue ? 'wait-time' : pick(LOW), ...(rnd() < 0.3 ? [pick(LOW)] : [])])]
            : smiley >= 4 && rnd() < 0.6
              ? [pick(HIGH)]
              : [];
          const language = pick(k.place.languages);
          const comments = DEMO_COMMENTS[language]!;
          const comment =
            rnd() < 0.06 && smiley !== 3 ? pick(unhappy ? comments.unhappy : comments.happy) : null;
          const id = crypto.randomUUID();
          const iso = at.toISOString();
          answers.push({
            id,
            kiosk_id: k.id,
            seq: ++seq,
            survey_version: surveyVersion,
            status: rnd() < 0.08 ? 'partial' : 'complete',
            language,
            started_at: new Date(at.getTime() - 45_000).toISOString(),
            finalized_at: iso,
            smiley,
            reasons: JSON.stringify(reasons),
            nps,
            ces,
            comment,
            contact: null,
            talk_now: 0,
            possible_repeat: rnd() < 0.02 ? 1 : 0,
            device_sent_at: iso,
            received_at: iso,
            location_id: locationId,
            touchpoint_id: touchpointId,
            survey_id: survey?.id ?? null,
          });
          if (smiley === 1 && day < today) alerts.push(handledAlert(rnd, id, k, smiley, nps, at));
        }
      }
    }
  }
  await writeTransaction(storage, async (trx) => {
    for (let i = 0; i < answers.length; i += 500)
      await trx
        .insertInto('answers')
        .values(answers.slice(i, i + 500) as never)
        .execute();
    for (let i = 0; i < alerts.length; i += 500)
      await trx
        .insertInto('staff_alerts')
        .values(alerts.slice(i, i + 500) as never)
        .execute();
    await markDirty(trx, answers as { location_id: number; finalized_at: string }[]);
  });
  return true;
}

/** A low score staff handled: acknowledged within minutes, mostly recovered. */
function handledAlert(
  rnd: () => number,
  answerId: string,
  k: { id: string; point: string; location: string },
  smiley: number,
  nps: number | null,
  at: Date,
): Record<string, unknown> {
  const ack = 20 + Math.floor(rnd() * 280);
  const resolve = ack + 60 + Math.floor(rnd() * 900);
  const r = rnd();
  const iso = (s: number) => new Date(at.getTime() + s * 1000).toISOString();
  return {
    id: crypto.randomUUID(),
    source_alert_id: null,
    kiosk_id: k.id,
    location: k.location,
    touchpoint: k.point,
    kind: 'low_score',
    priority: 'high',
    created_at: at.toISOString(),
    received_at: at.toISOString(),
    late: 0,
    answer_id: answerId,
    smiley,
    nps,
    ces: null,
    status: 'resolved',
    acknowledged_by: 'Demo Manager',
    acknowledged_at: iso(ack),
    resolved_by: 'Demo Manager',
    resolved_at: iso(resolve),
    outcome: r < 0.6 ? 'recovered' : r < 0.85 ? 'not_reachable' : 'other',
    note: null,
    ack_seconds: ack,
    resolve_seconds: resolve,
    aggregated_into: null,
    suppressed: null,
  };
}
