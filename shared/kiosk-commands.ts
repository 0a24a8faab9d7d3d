// Remote actions on one kiosk, as the collector and the kiosk see them (sync protocol v1). An
// admin's order travels in the heartbeat reply (HeartbeatReply.commands, optional so a kiosk that
// predates it keeps working), and the kiosk reports what became of it at
// POST /v1/commands/:id/result. A UI reload, a re-send of the dead letters, a new device token
// and a fetch of recent log lines are the kiosk's to carry out; retiring and replacing a kiosk are
// the collector's alone (shared/staff-kiosk-api.ts).
import { z } from 'zod';

export const COMMAND_KINDS = [
  'reload',
  'resend_dead_letters',
  'rotate_token',
  'fetch_logs',
] as const;
export const CommandKind = z.enum(COMMAND_KINDS);
export type CommandKind = z.infer<typeof CommandKind>;

/** Log lines one fetch may ask for and send; each line is cut to MAX_LOG_LINE characters. */
export const MAX_LOG_LINES = 200;
export const MAX_LOG_LINE = 1000;

export const CommandId = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

const Instant = z.iso.datetime({ offset: true });
const base = { id: CommandId, expiresAt: Instant };

/** One order as the kiosk receives it. */
export const KioskCommand = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('reload') }),
  z.strictObject({ ...base, kind: z.literal('resend_dead_letters') }),
  /** The new device token, in this reply only; the old one works until the kiosk uses it. */
  z.strictObject({ ...base, kind: z.literal('rotate_token'), token: z.string().min(22).max(200) }),
  z.strictObject({
    ...base,
    kind: z.literal('fetch_logs'),
    lines: z.int().min(1).max(MAX_LOG_LINES),
  }),
]);
export type KioskCommand = z.infer<typeof KioskCommand>;

/**
 * The heartbeat header a kiosk that carries out orders sends (`commands`). A kiosk built before
 * them parses the reply strictly and would take a `commands` field for a broken reply, so the
 * collector sends orders only to a kiosk that says it takes them; HeartbeatRequest is unchanged.
 */
export const FEATURES_HEADER = 'x-lastword-features';
export const COMMANDS_FEATURE = 'commands';

/** At most this many orders ride one heartbeat reply; the rest follow with the next. */
export const MAX_COMMANDS_PER_REPLY = 10;

/** POST /v1/commands/:id/result: done or failed, in words, with the log lines of a fetch. */
export const CommandResult = z.strictObject({
  status: z.enum(['done', 'failed']),
  message: z.string().max(500),
  logLines: z.array(z.string().max(MAX_LOG_LINE)).max(MAX_LOG_LINES).optional(),
});
export type CommandResult = z.infer<typeof CommandResult>;

export const CommandResultReply = z.strictObject({ recorded: z.boolean() });
export type CommandResultReply = z.infer<typeof CommandResultReply>;
