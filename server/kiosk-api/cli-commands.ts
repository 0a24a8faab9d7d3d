// The kiosk commands of server/cli.ts: enrol (token printed once), enrolment codes, the kiosk
// list, revoke, set-config, and the remote actions of the web admin's kiosk page (kiosk-action,
// kiosk-orders). Each prints one plain line per fact, for people and scripts alike.
import type { Storage } from '../db/open.ts';
import { readJsonFile } from '../json-file.ts';
import { COMMAND_LINE } from '../staff/audit.ts';
import { formatSkew } from './device-clock.ts';
import { createEnrolmentCode } from './enrolment-codes.ts';
import { attachConfig } from './kiosk-configs.ts';
import { KioskError, enrolKiosk, listKiosks, revokeKiosk } from './kiosks.ts';
import { KioskActionBody } from '../../shared/staff-kiosk-api.ts';
import { describeIssues } from '../../shared/config.ts';
import { listCommands } from './commands.ts';
import { takeAction } from './kiosk-actions.ts';

type Out = (line: string) => void;

export interface KioskFlags {
  location?: string;
  touchpoint?: string;
  'valid-hours'?: string;
  lines?: string;
}

export async function enrolCommand(
  storage: Storage,
  kioskId: string,
  flags: KioskFlags,
  out: Out,
): Promise<void> {
  const location = flags.location!;
  const touchpoint = flags.touchpoint!;
  const { token, reenrolled, createdLocation } = await enrolKiosk(
    storage,
    { kioskId, location, touchpoint },
    new Date(),
  );
  out(
    `${reenrolled ? 're-enrolled' : 'enrolled'} kiosk "${kioskId}" (${location} / ${touchpoint}) in ${storage.location}`,
  );
  if (createdLocation)
    out(
      `note: new location "${location}" is in UTC; set its zone: set-location "${location}" --time-zone <Area/City>`,
    );
  out('device token, shown only now (put it in the kiosk config as collector.token):');
  out(token);
}

export async function createEnrolmentCodeCommand(
  storage: Storage,
  flags: KioskFlags,
  out: Out,
): Promise<void> {
  const valid = flags['valid-hours'];
  const hours = valid === undefined ? undefined : Number(valid);
  const made = await createEnrolmentCode(
    storage,
    { location: flags.location!, touchpoint: flags.touchpoint!, hours, by: COMMAND_LINE },
    new Date(),
  );
  out(`enrolment code for ${made.location} / ${made.touchpoint}, valid until ${made.expiresAt}:`);
  out(made.code);
  out(
    `on the kiosk: its setup screen, or npm run kiosk -- enrol --collector <url> --code ${made.code}`,
  );
}

export async function revokeCommand(storage: Storage, id: string, out: Out): Promise<void> {
  const result = await revokeKiosk(storage, id, new Date(), COMMAND_LINE);
  if (result === 'unknown') throw new KioskError(`no kiosk "${id}"`);
  out(
    result === 'already'
      ? `kiosk "${id}" was already revoked`
      : `revoked kiosk "${id}": its token is refused from now on`,
  );
}

export async function setConfigCommand(
  storage: Storage,
  id: string,
  file: string,
  out: Out,
): Promise<void> {
  const json = readJsonFile(file, (message) => new KioskError(message));
  const { version, droppedCollector } = await attachConfig(storage, id, json, new Date());
  if (droppedCollector)
    out('note: the "collector" block was left out; the kiosk keeps its own URL and token');
  out(`config ${version} attached to kiosk "${id}"; the kiosk picks it up at its next heartbeat`);
}

export async function listCommand(storage: Storage, json: boolean, out: Out): Promise<void> {
  const kiosks = await listKiosks(storage);
  if (json) return out(JSON.stringify(kiosks, null, 2));
  if (!kiosks.length) return out('no kiosks enrolled');
  const rows = kiosks.map((k) => [
    k.id,
    k.revokedAt ? 'revoked' : 'active',
    `${k.location} / ${k.touchpoint}`,
    k.lastSeenAt ?? 'never',
    String(k.highestContiguousSeq),
    k.queueDepth === null ? '-' : String(k.queueDepth),
    k.clockSkewMs === null ? '-' : k.clockFlagged ? `OFF ${formatSkew(k.clockSkewMs)}` : 'ok',
    k.configVersion?.slice(0, 12) ?? '-',
  ]);
  const header = [
    'KIOSK',
    'STATUS',
    'LOCATION / TOUCHPOINT',
    'LAST SEEN',
    'SEQ',
    'QUEUE',
    'CLOCK',
    'CONFIG',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows])
    out(
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}

/** kiosk-action <kioskId> <action>: what the kiosk page's buttons do, audited as the command line. */
export async function kioskActionCommand(
  storage: Storage,
  id: string,
  action: string,
  flags: KioskFlags,
  out: Out,
): Promise<void> {
  const body = KioskActionBody.safeParse({
    action: action.replaceAll('-', '_'),
    ...(flags.lines !== undefined && { lines: Number(flags.lines) }),
    ...(flags['valid-hours'] !== undefined && { validHours: Number(flags['valid-hours']) }),
  });
  if (!body.success)
    throw new KioskError(
      describeIssues(body.error)
        .map((p) => `${p.field}: ${p.reason}`)
        .join('; '),
    );
  const { code } = await takeAction(storage, id, body.data, COMMAND_LINE, new Date());
  if (code) {
    out(
      `kiosk "${id}" is retired; the device that replaces it enrols with this code, valid until ${code.expiresAt}:`,
    );
    out(code.code);
  } else if (body.data.action === 'retire')
    out(`retired kiosk "${id}": its token is refused from now on`);
  else
    out(
      `ordered ${body.data.action} for kiosk "${id}": it goes out with the kiosk's next heartbeat`,
    );
}

/** kiosk-orders <kioskId>: the orders given to a kiosk, newest first, and what became of them. */
export async function kioskOrdersCommand(storage: Storage, id: string, json: boolean, out: Out) {
  const orders = await listCommands(storage, id, new Date());
  if (json) return out(JSON.stringify(orders, null, 2));
  if (!orders.length) return out(`no orders for kiosk "${id}"`);
  for (const o of orders) {
    out(`${o.id}\t${o.kind}\t${o.status}\t${o.orderedAt}\t${o.orderedBy}\t${o.message ?? ''}`);
    for (const line of o.logLines ?? []) out(`  ${line}`);
  }
}
