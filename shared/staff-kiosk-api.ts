// One kiosk in the web admin (/staff/api/kiosks/:id, admins only): what it is, what was ordered
// and what became of each order, and the actions an admin may take. Four actions are orders the
// kiosk carries out (shared/kiosk-commands.ts); `retire` and `replace` are the collector's own:
// a retired kiosk's token is refused at once and its history stays; `replace` retires it and
// makes an enrolment code for the new device, which takes over its touchpoint and config.
import { z } from 'zod';
import { FleetStatus } from './fleet-api.ts';
import { COMMAND_KINDS, MAX_LOG_LINES } from './kiosk-commands.ts';
import { KioskId } from './protocol.ts';
import { CreatedEnrolmentCode } from './staff-api.ts';

const Instant = z.iso.datetime();

export const KIOSK_ACTIONS = [...COMMAND_KINDS, 'retire', 'replace'] as const;
export const KioskAction = z.enum(KIOSK_ACTIONS);
export type KioskAction = z.infer<typeof KioskAction>;

/** The kiosk in the address: its id, as the protocol allows it. */
export const KioskParams = z.strictObject({ id: KioskId });

/** POST /staff/api/kiosks/:id/actions. */
export const KioskActionBody = z
  .strictObject({
    action: KioskAction,
    /** fetch_logs only: how many of the newest lines (50 by default). */
    lines: z.int().min(1).max(MAX_LOG_LINES).optional(),
    /** replace only: how long the new device's enrolment code is valid (24 h by default). */
    validHours: z.int().min(1).max(168).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.lines !== undefined && b.action !== 'fetch_logs')
      ctx.addIssue({ code: 'custom', path: ['lines'], message: 'only for fetch_logs' });
    if (b.validHours !== undefined && b.action !== 'replace')
      ctx.addIssue({ code: 'custom', path: ['validHours'], message: 'only for replace' });
  });
export type KioskActionBody = z.input<typeof KioskActionBody>;

/** expired: pending or sent, and past its expiry without a result. */
export const CommandStatus = z.enum(['pending', 'sent', 'done', 'failed', 'expired']);
export type CommandStatus = z.infer<typeof CommandStatus>;

export const KioskCommandView = z.strictObject({
  id: z.int().min(1),
  kind: z.enum(COMMAND_KINDS),
  status: CommandStatus,
  orderedBy: z.string(),
  orderedAt: Instant,
  expiresAt: Instant,
  sentAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  message: z.string().nullable(),
  /** A fetch_logs result: the kiosk's log lines, filtered on the kiosk, shown as text. */
  logLines: z.array(z.string()).nullable(),
});
export type KioskCommandView = z.infer<typeof KioskCommandView>;

export const KioskDetail = z.strictObject({
  id: z.string(),
  location: z.string(),
  touchpoint: z.string(),
  enrolledAt: Instant,
  /** When it was retired (or revoked); its token is refused from then on. */
  retiredAt: Instant.nullable(),
  /** The retired kiosk this one took over from, and the one that took over from it. */
  replaces: z.string().nullable(),
  replacedBy: z.string().nullable(),
  appVersion: z.string().nullable(),
  lastHeartbeatAt: Instant.nullable(),
  queueDepth: z.int().nullable(),
  lastError: z.string().nullable(),
});
export type KioskDetail = z.infer<typeof KioskDetail>;

/** The status the Kiosks list shows for an active kiosk (server/fleet/status.ts), judged now. */
export const KioskFleetStatus = z.strictObject({
  status: FleetStatus,
  /** When that status began; null when nothing says. */
  since: Instant.nullable(),
  /** Every status but ok that holds now, worst first. */
  problems: z.array(FleetStatus),
});
export type KioskFleetStatus = z.infer<typeof KioskFleetStatus>;

/** GET /staff/api/kiosks/:id: the kiosk, its fleet status and its orders, newest first. */
export const KioskDetailReply = z.strictObject({
  kiosk: KioskDetail,
  /** Null once retired: a retired kiosk is out of the fleet and is not judged. */
  fleet: KioskFleetStatus.nullable(),
  commands: z.array(KioskCommandView),
});
export type KioskDetailReply = z.infer<typeof KioskDetailReply>;

/** The reply to an action: the kiosk as it is now; for `replace`, the code shown only now. */
export const KioskActionReply = KioskDetailReply.extend({
  code: CreatedEnrolmentCode.shape.code.optional(),
});
export type KioskActionReply = z.infer<typeof KioskActionReply>;
