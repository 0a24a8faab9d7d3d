// Answers posted as the staff tests' kiosks (LOCATIONS in staff.ts) post them: through
// /v1/answers with the kiosk's own token, on the survey the fixtures attach, each batch checked
// stored. Also the set-up the comment, export and results fixtures share: the two stores in
// different time zones with the survey attached, and their ids.
import { expect } from 'vitest';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { updateLocation } from '../../server/locations/store.ts';
import { BatchReply, type AnswerUpload } from '../../shared/protocol.ts';
import { answer, call } from './collector.ts';
import { smallConfig } from './config.ts';
import { LOCATIONS, type StaffCollector } from './staff.ts';

/** Posts answers from the kiosk at `where`, seqs from `firstSeq`, and checks each was stored. */
export async function postAnswers(
  c: StaffCollector,
  where: keyof typeof LOCATIONS,
  list: Partial<AnswerUpload>[],
  firstSeq: number,
): Promise<AnswerUpload[]> {
  const k = LOCATIONS[where];
  const answers = list.map((over, i) =>
    answer(k.kioskId, firstSeq + i, {
      surveyVersion: smallConfig().survey.version,
      startedAt: over.finalizedAt!,
      ...over,
    }),
  );
  const reply = await call({ url: c.url, token: c.tokens[k.kioskId]! }, 'POST', '/v1/answers', {
    kioskId: k.kioskId,
    sentAt: new Date().toISOString(),
    answers,
  });
  expect(BatchReply.parse(reply.body).results.map((r) => r.status)).toEqual(
    answers.map(() => 'stored'),
  );
  return answers;
}

/** postAnswers with each kiosk's seqs running on from 1, each answer's id kept under a name. */
export function answerPoster(c: StaffCollector) {
  const ids: Record<string, string> = {};
  const seqs: Record<string, number> = {};
  /** Posts answers as the kiosk at `where` does; `name` keys each answer's id. */
  const post = async (where: keyof typeof LOCATIONS, list: [string, Partial<AnswerUpload>][]) => {
    const { kioskId } = LOCATIONS[where];
    const first = (seqs[kioskId] ?? 0) + 1;
    seqs[kioskId] = first + list.length - 1;
    const posted = await postAnswers(
      c,
      where,
      list.map(([, over]) => over),
      first,
    );
    list.forEach(([name], i) => (ids[name] = posted[i]!.id));
  };
  return { ids, post };
}

/** The main store in Berlin, the outlet in New York, and the small survey on every kiosk. */
export async function twoZonesWithSurvey(c: StaffCollector): Promise<void> {
  await updateLocation(c.storage, LOCATIONS.main.location, { timeZone: 'Europe/Berlin' });
  await updateLocation(c.storage, LOCATIONS.outlet.location, { timeZone: 'America/New_York' });
  for (const k of Object.values(LOCATIONS))
    await attachConfig(c.storage, k.kioskId, { ...smallConfig(), kioskId: k.kioskId }, new Date());
}

/** The two stores' location ids, the main store's touchpoint and the outlet's. */
export async function storeIds(c: StaffCollector) {
  const locations = await c.storage.db.selectFrom('locations').select(['id', 'name']).execute();
  const locationId = (where: keyof typeof LOCATIONS) =>
    locations.find((l) => l.name === LOCATIONS[where].location)!.id;
  const touchpointOf = async (location: number) =>
    (
      await c.storage.db
        .selectFrom('touchpoints')
        .select('id')
        .where('location_id', '=', location)
        .executeTakeFirstOrThrow()
    ).id;
  const main = locationId('main');
  const outlet = locationId('outlet');
  return {
    main,
    outlet,
    checkout: await touchpointOf(main),
    outletDoor: await touchpointOf(outlet),
  };
}
