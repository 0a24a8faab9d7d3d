// Assigning survey versions to places (migration 022). An assignment is kept per location,
// touchpoint or kiosk; changing one re-serves the config of every kiosk it reaches, in the same
// transaction, through storeConfig (which puts the most specific assigned version in). A kiosk
// takes the new config at its next heartbeat and shows it once its current customer is done
// (electron/core/host/config-source.ts). Removing an assignment lets the next less specific
// one apply; with none left, kiosks keep the version they have.
import type {
  AssignReply,
  AssignmentTarget,
  SurveyAssignment,
  SurveyPlaces,
} from '../../shared/survey-admin-api.ts';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import { storeConfig, type ServedConfig } from '../kiosk-api/kiosk-configs.ts';
import { recordAudit, type AuditActor } from '../staff/audit.ts';
import { mostSpecific } from './effective.ts';
import { SurveyVersionError } from './versions.ts';

interface PlaceRow {
  kiosk: string;
  touchpoint: number | null;
  touchpointName: string | null;
  location: number | null;
  locationName: string | null;
}

/** Every kiosk not revoked, where it stands. */
function kioskPlaces(db: CollectorDb) {
  return db
    .selectFrom('kiosks')
    .leftJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
    .leftJoin('locations', 'locations.id', 'touchpoints.location_id')
    .select([
      'kiosks.id as kiosk',
      'touchpoints.id as touchpoint',
      'touchpoints.name as touchpointName',
      'locations.id as location',
      'locations.name as locationName',
    ])
    .where('kiosks.revoked_at', 'is', null);
}

/** The target's name for people, or null when there is no such place. */
async function targetName(trx: CollectorDb, target: AssignmentTarget): Promise<string | null> {
  if (target.scope === 'location') {
    const row = await trx
      .selectFrom('locations')
      .select('name')
      .where('id', '=', target.id)
      .executeTakeFirst();
    return row?.name ?? null;
  }
  if (target.scope === 'touchpoint') {
    const row = await trx
      .selectFrom('touchpoints')
      .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
      .select(['locations.name as location', 'touchpoints.name as touchpoint'])
      .where('touchpoints.id', '=', target.id)
      .executeTakeFirst();
    return row ? `${row.location} / ${row.touchpoint}` : null;
  }
  const row = await kioskPlaces(trx).where('kiosks.id', '=', target.id).executeTakeFirst();
  return row ? kioskName(row) : null;
}

const kioskName = (p: PlaceRow) =>
  p.locationName ? `${p.kiosk} (${p.locationName} / ${p.touchpointName})` : p.kiosk;

/** Re-serves the config of every kiosk `target` reaches; counts what changed. */
async function reserve(
  trx: CollectorDb,
  target: AssignmentTarget,
  now: Date,
): Promise<Omit<AssignReply, 'assignment'>> {
  const q = kioskPlaces(trx);
  const reached = await (
    target.scope === 'kiosk'
      ? q.where('kiosks.id', '=', target.id)
      : target.scope === 'touchpoint'
        ? q.where('touchpoints.id', '=', target.id)
        : q.where('locations.id', '=', target.id)
  ).execute();
  let kiosksChanged = 0;
  let kiosksWithoutConfig = 0;
  for (const { kiosk } of reached) {
    const stored = await trx
      .selectFrom('kiosk_configs')
      .select(['version', 'body'])
      .where('kiosk_id', '=', kiosk)
      .executeTakeFirst();
    if (!stored) {
      kiosksWithoutConfig++;
      continue;
    }
    const next = await storeConfig(trx, kiosk, JSON.parse(stored.body) as ServedConfig, now);
    if (next.version !== stored.version) kiosksChanged++;
  }
  return { kiosksChanged, kiosksWithoutConfig };
}

const targetKey = (t: AssignmentTarget) => String(t.id);

async function assignmentRow(trx: CollectorDb, target: AssignmentTarget) {
  return trx
    .selectFrom('survey_assignments')
    .selectAll()
    .where('scope', '=', target.scope)
    .where('target', '=', targetKey(target))
    .executeTakeFirst();
}

/** Makes `versionId` the version of `target` (an older one: a roll-back). */
export async function assignVersion(
  storage: Storage,
  target: AssignmentTarget,
  versionId: number,
  by: AuditActor,
  now: Date,
): Promise<AssignReply> {
  return writeTransaction(storage, async (trx) => {
    const name = await targetName(trx, target);
    if (name === null)
      throw new SurveyVersionError(404, 'target', `no ${target.scope} ${target.id}`);
    const version = await trx
      .selectFrom('survey_versions')
      .select('id')
      .where('id', '=', versionId)
      .executeTakeFirst();
    if (!version) throw new SurveyVersionError(404, 'versionId', `no survey version ${versionId}`);
    const before = await assignmentRow(trx, target);
    const row = {
      version_id: versionId,
      assigned_by: by.id,
      assigned_by_name: by.name,
      assigned_at: now.toISOString(),
    };
    await trx
      .insertInto('survey_assignments')
      .values({ scope: target.scope, target: targetKey(target), ...row })
      .onConflict((oc) => oc.columns(['scope', 'target']).doUpdateSet(row))
      .execute();
    const counts = await reserve(trx, target, now);
    await recordAudit(
      trx,
      by,
      {
        action: 'survey.assign',
        target: `${target.scope} ${name}`,
        details: {
          version: { from: before ? `#${before.version_id}` : 'none', to: `#${versionId}` },
          kiosksChanged: counts.kiosksChanged,
        },
      },
      now,
    );
    const assignment: SurveyAssignment = {
      scope: target.scope,
      target: targetKey(target),
      targetName: name,
      versionId,
      assignedBy: by.name,
      assignedAt: row.assigned_at,
    };
    return { assignment, ...counts };
  });
}

/** Removes `target`'s assignment; its kiosks get the next less specific one, if any. */
export async function removeAssignment(
  storage: Storage,
  target: AssignmentTarget,
  by: AuditActor,
  now: Date,
): Promise<AssignReply> {
  return writeTransaction(storage, async (trx) => {
    const before = await assignmentRow(trx, target);
    if (!before)
      throw new SurveyVersionError(404, 'target', `no assignment for ${target.scope} ${target.id}`);
    const name = (await targetName(trx, target)) ?? targetKey(target);
    await trx
      .deleteFrom('survey_assignments')
      .where('scope', '=', target.scope)
      .where('target', '=', targetKey(target))
      .execute();
    const counts = await reserve(trx, target, now);
    await recordAudit(
      trx,
      by,
      {
        action: 'survey.unassign',
        target: `${target.scope} ${name}`,
        details: {
          version: { from: `#${before.version_id}`, to: 'none' },
          kiosksChanged: counts.kiosksChanged,
        },
      },
      now,
    );
    return { assignment: null, ...counts };
  });
}

/** Every assignment with its place's name, most specific scope first. */
export async function listAssignments(storage: Storage): Promise<SurveyAssignment[]> {
  const rows = await storage.db.selectFrom('survey_assignments').selectAll().execute();
  const out: SurveyAssignment[] = [];
  for (const r of rows) {
    const id = r.scope === 'kiosk' ? r.target : Number(r.target);
    const target = { scope: r.scope, id } as AssignmentTarget;
    out.push({
      scope: r.scope,
      target: r.target,
      targetName: (await targetName(storage.db, target)) ?? r.target,
      versionId: r.version_id,
      assignedBy: r.assigned_by_name,
      assignedAt: toIso(r.assigned_at)!,
    });
  }
  const order = { kiosk: 0, touchpoint: 1, location: 2 };
  return out.sort(
    (a, b) => order[a.scope] - order[b.scope] || a.targetName.localeCompare(b.targetName),
  );
}

/** Every location and touchpoint, with each kiosk's assigned version. */
export async function surveyPlaces(storage: Storage): Promise<SurveyPlaces> {
  const [locations, touchpoints, kiosks, assignments, configured] = await Promise.all([
    storage.db.selectFrom('locations').select(['id', 'name']).orderBy('name').execute(),
    storage.db
      .selectFrom('touchpoints')
      .select(['id', 'location_id', 'name'])
      .orderBy('name')
      .execute(),
    kioskPlaces(storage.db).orderBy('kiosks.id').execute(),
    storage.db.selectFrom('survey_assignments').select(['scope', 'target', 'version_id']).execute(),
    storage.db.selectFrom('kiosk_configs').select('kiosk_id').execute(),
  ]);
  const hasConfig = new Set(configured.map((c) => c.kiosk_id));
  return locations.map((l) => ({
    id: l.id,
    name: l.name,
    touchpoints: touchpoints
      .filter((t) => t.location_id === l.id)
      .map((t) => ({
        id: t.id,
        name: t.name,
        kiosks: kiosks
          .filter((k) => k.touchpoint === t.id)
          .map((k) => ({
            id: k.kiosk,
            versionId: mostSpecific(
              { kiosk: k.kiosk, touchpoint: String(t.id), location: String(l.id) },
              assignments,
            ),
            configured: hasConfig.has(k.kiosk),
          })),
      })),
  }));
}
