// `create-admin` and `add-staff` for server/cli.ts. The password is read from stdin (piped, or
// typed at a prompt that does not echo), never from an argument: arguments land in shell history
// and in `ps` output.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Storage } from '../db/open.ts';
import { StaffRole } from '../../shared/staff-api.ts';
import { ROLES, type Role } from './tables.ts';
import { StaffUserError, createStaffUser } from './users.ts';

export interface StaffFlags {
  role?: string;
  locations?: string;
  name?: string;
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
  const role = StaffRole.safeParse(forced ?? flags.role ?? 'staff');
  if (!role.success) throw new StaffUserError(`--role must be one of ${ROLES.join(', ')}`);
  const locations = (flags.locations ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const password = await readPassword();
  const user = await createStaffUser(
    storage,
    { username, displayName: flags.name ?? username, password, role: role.data, locations },
    new Date(),
  );
  const where = user.role === 'staff' ? `locations: ${user.locations.join(', ')}` : 'all locations';
  out(`created ${user.role} "${user.username}" (${where}); they log in at <collector URL>/staff/`);
}
