// `create-admin` and `add-staff` for server/cli.ts. The password is read from stdin (piped, or
// typed at a prompt that does not echo), never from an argument: arguments land in shell history
// and in `ps` output.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Storage } from '../db/open.ts';
import { StaffRole } from '../../shared/staff-api.ts';
import { ROLES, type Role } from './tables.ts';
import { StaffUserError, createStaffUser, updateStaffUser } from './users.ts';

export interface StaffFlags {
  role?: string;
  locations?: string;
  name?: string;
  disable?: boolean;
  enable?: boolean;
  password?: boolean;
}

function roleFlag(role: string): Role {
  const parsed = StaffRole.safeParse(role);
  if (!parsed.success) throw new StaffUserError(`--role must be one of ${ROLES.join(', ')}`);
  return parsed.data;
}

function locationsFlag(locations: string): string[] {
  return locations
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
}

export async function readPassword(
  input: NodeJS.ReadStream = process.stdin,
  prompt = 'password: ',
): Promise<string> {
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

export async function addStaff(
  storage: Storage,
  username: string,
  flags: StaffFlags,
  forced: Role | null,
  out: (line: string) => void,
): Promise<void> {
  const role = roleFlag(forced ?? flags.role ?? 'staff');
  const locations = locationsFlag(flags.locations ?? '');
  const password = await readPassword();
  const user = await createStaffUser(
    storage,
    { username, displayName: flags.name ?? username, password, role, locations },
    new Date(),
  );
  const where = user.role === 'staff' ? `locations: ${user.locations.join(', ')}` : 'all locations';
  out(`created ${user.role} "${user.username}" (${where}); they log in at <collector URL>/staff/`);
}

/**
 * `set-staff`: role, locations, name, --disable/--enable, --password (a new one from stdin). A
 * change to what the account may do or see logs it out everywhere at once.
 */
export async function setStaff(
  storage: Storage,
  username: string,
  flags: StaffFlags,
  out: (line: string) => void,
): Promise<void> {
  if (flags.disable && flags.enable) throw new StaffUserError('--disable or --enable, not both');
  const { user, endedSessions } = await updateStaffUser(storage, username, {
    ...(flags.role !== undefined && { role: roleFlag(flags.role) }),
    ...(flags.locations !== undefined && { locations: locationsFlag(flags.locations) }),
    ...(flags.name !== undefined && { displayName: flags.name }),
    ...((flags.disable || flags.enable) && { disabled: flags.disable === true }),
    ...(flags.password && { password: await readPassword(process.stdin, 'new password: ') }),
  });
  const where = user.role === 'staff' ? `locations: ${user.locations.join(', ')}` : 'all locations';
  out(
    `updated ${user.role} "${user.username}" (${where})${user.disabled ? ', disabled' : ''}; ` +
      `${endedSessions} session${endedSessions === 1 ? '' : 's'} ended`,
  );
}
