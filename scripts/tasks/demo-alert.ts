// A low score on the demo's staff board: a newcomer who opens the staff page sees what an alert
// looks like (where, what went wrong, the comment, Acknowledge, Resolve, and a follow-up to the
// customer, who left a contact) before tapping a sad face on the kiosk. A second demo kiosk,
// "Service desk 2", sends a real low score with reasons, a comment and a contact through the
// collector's own API, as a kiosk does (the alert at once, the answer after), so the card, its
// routing and the live feed are the real ones. Sent only while that desk has no open card, so
// restarts do not pile cards up; its answers keep their own seq run, apart from the demo kiosk's.
import { v7 as uuidv7 } from 'uuid';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { enrolKiosk, revokeKiosk } from '../../server/kiosk-api/kiosks.ts';
import type { AlertBatch, AnswerBatch } from '../../shared/protocol.ts';

const DESK_2 = { kioskId: 'demo-kiosk-2', touchpoint: 'Service desk 2' } as const;

interface DemoConfig {
  location: string;
  survey: { version: string; contact?: { consentVersion: string } };
}

/** Puts one low score on the staff board unless Service desk 2 already has an open card. */
export async function seedDemoAlert(
  sqlitePath: string,
  collectorUrl: string,
  config: DemoConfig & Record<string, unknown>,
): Promise<void> {
  const storage = await openStorage({ sqlitePath });
  let token: string;
  let seq: number;
  try {
    if (await hasOpenCard(storage)) return;
    const now = new Date();
    await revokeKiosk(storage, DESK_2.kioskId, now);
    ({ token } = await enrolKiosk(
      storage,
      { kioskId: DESK_2.kioskId, location: config.location, touchpoint: DESK_2.touchpoint },
      now,
    ));
    // The same survey, so the card names the reasons by their labels.
    const { collector: _unused, ...survey } = config;
    await attachConfig(storage, DESK_2.kioskId, { ...survey, ...DESK_2 }, now);
    seq = (await lastSeq(storage)) + 1;
  } finally {
    await storage.close();
  }

  const now = new Date();
  const answerId = uuidv7();
  const reasons = ['wait-time', 'advice'];
  const started = new Date(now.getTime() - 40_000).toISOString();
  const alerts: AlertBatch = {
    kioskId: DESK_2.kioskId,
    sentAt: now.toISOString(),
    alerts: [
      {
        id: uuidv7(),
        answerId,
        kind: 'low_score',
        createdAt: now.toISOString(),
        detail: {
          kioskId: DESK_2.kioskId,
          location: config.location,
          touchpoint: DESK_2.touchpoint,
          smiley: 1,
          reasons,
        },
      },
    ],
  };
  const answers: AnswerBatch = {
    kioskId: DESK_2.kioskId,
    sentAt: now.toISOString(),
    answers: [
      {
        id: answerId,
        kioskId: DESK_2.kioskId,
        seq,
        surveyVersion: config.survey.version,
        status: 'complete',
        language: 'en',
        startedAt: started,
        finalizedAt: now.toISOString(),
        smiley: 1,
        reasons,
        nps: 2,
        ces: 2,
        comment: 'Waited twenty minutes and nobody could tell me when my order would be ready.',
        // The customer agreed to be contacted, so the card offers a follow-up; it is mailed to
        // the demo's own mailbox (.demo-data/mail), never out.
        contact: {
          consentVersion: config.survey.contact?.consentVersion ?? 'demo',
          name: 'Ada Demo',
          email: 'ada@demo.example',
          phone: '+372 5555 0100',
        },
        talkNow: false,
        possibleRepeat: false,
      },
    ],
  };
  await post(collectorUrl, token, '/v1/alerts', alerts);
  await post(collectorUrl, token, '/v1/answers', answers);
}

async function hasOpenCard(storage: Storage): Promise<boolean> {
  const row = await storage.db
    .selectFrom('staff_alerts')
    .select('id')
    .where('kiosk_id', '=', DESK_2.kioskId)
    .where('status', '!=', 'resolved')
    .executeTakeFirst();
  return row !== undefined;
}

async function lastSeq(storage: Storage): Promise<number> {
  const row = await storage.db
    .selectFrom('answers')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('kiosk_id', '=', DESK_2.kioskId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

async function post(url: string, token: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`demo alert: ${path} answered ${res.status}: ${await res.text()}`);
}
