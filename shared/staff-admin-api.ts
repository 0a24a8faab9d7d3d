// The web admin's part of the staff API (/staff/api/users, /staff/api/audit), as both ends see
// it: admins manage accounts without the command line, and read what admins did. The collector
// checks bodies with these schemas and the page parses every reply with them.
import { z } from 'zod';
import { StaffRole, StaffText } from './staff-api.ts';

const Instant = z.iso.datetime();

/** Lower-case letters, digits, ".", "_" and "-", as the CLI has always required. */
export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2-64 characters: a-z, 0-9, ".", "_" or "-"');

const DisplayName = StaffText().trim().min(1).max(80);
const Locations = z.array(StaffText().trim().min(1).max(200)).max(500);
/** Checked against the password policy by the collector (length, common passwords, the name). */
const Password = z.string().min(1).max(1024);

/** An account as the admin pages list it. */
export const AdminUser = z.strictObject({
  username: z.string(),
  displayName: z.string(),
  role: StaffRole,
  locations: z.array(z.string()),
  disabled: z.boolean(),
  /** Sessions that have not expired: the devices signed in now. */
  activeSessions: z.number().int().min(0),
  lastSeenAt: Instant.nullable(),
});
export type AdminUser = z.infer<typeof AdminUser>;

/** GET /staff/api/users: every account, and the locations a staff account can be given. */
export const UserListReply = z.strictObject({
  users: z.array(AdminUser),
  locations: z.array(z.string()),
});
export type UserListReply = z.infer<typeof UserListReply>;

/** POST /staff/api/users. */
export const NewUserBody = z.strictObject({
  username: Username,
  displayName: DisplayName.optional(),
  role: StaffRole,
  locations: Locations.default([]),
  password: Password,
});
export type NewUserBody = z.input<typeof NewUserBody>;

/** PATCH /staff/api/users/:username: what to change; a change of access ends its sessions. */
export const UserChangesBody = z
  .strictObject({
    displayName: DisplayName.optional(),
    role: StaffRole.optional(),
    locations: Locations.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'say what to change');
export type UserChangesBody = z.infer<typeof UserChangesBody>;

/** POST /staff/api/users/:username/password. */
export const PasswordBody = z.strictObject({ password: Password });
export type PasswordBody = z.infer<typeof PasswordBody>;

/** The reply to every change: the account as it is now, and how many sessions ended. */
export const UserReply = z.strictObject({
  user: AdminUser,
  endedSessions: z.number().int().min(0),
});
export type UserReply = z.infer<typeof UserReply>;

export const AuditAction = z.enum([
  'user.create',
  'user.update',
  'user.password',
  'user.end_sessions',
  'enrolment_code.create',
  'enrolment_code.revoke',
  'kiosk.reload',
  'kiosk.resend_dead_letters',
  'kiosk.rotate_token',
  'kiosk.fetch_logs',
  'kiosk.retire',
  'kiosk.replace',
  'survey.create',
  'survey.assign',
  'survey.unassign',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** One line of the admin audit log. */
export const AuditEntry = z.strictObject({
  id: z.number().int(),
  at: Instant,
  /** The admin's name then, or "command line". */
  actor: z.string(),
  action: AuditAction,
  /** The account (or other thing) acted on. */
  target: z.string(),
  /** What changed: { field: { from, to } }; never a password or a customer's text. */
  details: z.record(z.string(), z.unknown()),
  address: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** GET /staff/api/audit?before=<id>: newest first; `next` is the `before` of the next page. */
export const AuditReply = z.strictObject({
  entries: z.array(AuditEntry),
  next: z.number().int().nullable(),
});
export type AuditReply = z.infer<typeof AuditReply>;
