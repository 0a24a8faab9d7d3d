// One kiosk as the web admin shows it, and the actions an admin takes on it (the staff API's
// /staff/api/kiosks/:id, the CLI's kiosk commands). Orders for the kiosk to carry out go through
// commands.ts; retiring is revokeKiosk; replacing makes an enrolment code bound to the kiosk's
// touchpoint that names the kiosk it replaces, then retires that kiosk. Every action is in the
// admin audit log.
import type { KioskActionBody, KioskDetail } from '../../shared/staff-kiosk-api.ts';
import type { CreatedEnrolmentCode } from '../../shared/staff-api.ts';
import type { Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import { recordAudit, type AuditActor } from '../staff/audit.ts';
import { writeTransaction } from '../db/open.ts';
import { CommandError, orderCommand } from './commands.ts';
import { createEnrolmentCode } from './enrolment-codes.ts';
import { revokeKiosk } from './kiosks.ts';

export async function kioskDetail(storage: Storage, id: string): Promise<KioskDetail | null> {
  const row = await storage.db
    .selectFrom('kiosks')
    .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .select([
      'kiosks.id',
      'kiosks.enrolled_at',
      'kiosks.revoked_at',
      'kiosks.app_version',
      'kiosks.last_heartbeat_at',
      'kiosks.queue_depth',
      'kiosks.last_error',
      'locations.name as location',
      'touchpoints.name as touchpoint',
    ])
    .where('kiosks.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  // Who replaced whom is on the code the new device enrolled with.
  const lineage = await storage.db
    .selectFrom('enrolment_codes')
    .select(['used_by_kiosk', 'replaces_kiosk'])
    .where('used_at', 'is not', null)
    .where((w) => w.or([w('used_by_kiosk', '=', id), w('replaces_kiosk', '=', id)]))
    .execute();
  return {
    id: row.id,
    location: row.location,
    touchpoint: row.touchpoint,
    enrolledAt: toIso(row.enrolled_at)!,
    retiredAt: toIso(row.revoked_at),
    replaces: lineage.find((l) => l.used_by_kiosk === id)?.replaces_kiosk ?? null,
    replacedBy: lineage.find((l) => l.replaces_kiosk === id)?.used_by_kiosk ?? null,
    appVersion: row.app_version,
    lastHeartbeatAt: toIso(row.last_heartbeat_at),
    queueDepth: row.queue_depth,
    lastError: row.last_error,
  };
}

type Code = CreatedEnrolmentCode['code'];

/** Carries out an admin's action; for `replace`, returns the new device's code (shown once). */
export async function takeAction(
  storage: Storage,
  id: string,
  body: KioskActionBody,
  by: AuditActor,
  now: Date,
): Promise<{ code?: Code }> {
  const kiosk = await kioskDetail(storage, id);
  if (!kiosk) throw new CommandError(404, `no kiosk "${id}"`);
  if (body.action === 'retire') {
    if ((await revokeKiosk(storage, id, now, by)) === 'already')
      throw new CommandError(409, `kiosk "${id}" is retired already`);
    return {};
  }
  if (body.action === 'replace') {
    if (kiosk.replacedBy) throw new CommandError(409, `kiosk "${id}" was replaced already`);
    const code = await createEnrolmentCode(
      storage,
      {
        location: kiosk.location,
        touchpoint: kiosk.touchpoint,
        hours: body.validHours,
        by,
        replaces: id,
      },
      now,
    );
    if (!kiosk.retiredAt) await revokeKiosk(storage, id, now, by);
    await writeTransaction(storage, (trx) =>
      recordAudit(
        trx,
        by,
        { action: 'kiosk.replace', target: id, details: { code: code.id } },
        now,
      ),
    );
    return { code };
  }
  await orderCommand(storage, { kioskId: id, kind: body.action, lines: body.lines, by }, now);
  return {};
}
