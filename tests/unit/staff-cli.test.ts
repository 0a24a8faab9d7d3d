// `node server/cli.ts create-admin` and `add-staff` as real processes, the password on stdin;
// the accounts they make log in to the collector over HTTP.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCollector } from '../../server/app.ts';
import { openStorage } from '../../server/db/open.ts';
import { adminCli } from '../support/admin-cli.ts';
import { PASSWORD_WORK_MS, loginAs } from '../support/staff.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-staff-cli-');
const dbPath = join(dir.path, 'collector.sqlite');
const env = { ...process.env, LASTWORD_DB: dbPath, DATABASE_URL: '' };
afterAll(() => dir.remove());

const cli = (stdin: string, ...args: string[]) => adminCli(env, args, stdin);

// Each command is a fresh node process, and most of them run scrypt at the production cost.
describe('staff accounts from the CLI', { timeout: 2 * PASSWORD_WORK_MS }, () => {
  it('creates the first admin and staff with locations; refuses short passwords, duplicates and staff without a location', () => {
    expect(cli('admin-password-1\n', 'create-admin', 'Root', '--name', 'Rita Root')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('created admin "root"'),
    });
    expect(
      cli(
        'staff-password-1\n',
        'add-staff',
        'dana',
        '--role',
        'staff',
        '--locations',
        'Main store, Outlet',
      ),
    ).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('locations: Main store, Outlet'),
    });
    expect(cli('short\n', 'add-staff', 'sam', '--role', 'manager')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('at least 15 characters'),
    });
    expect(
      cli('staff-password-2\n', 'add-staff', 'dana', '--role', 'staff', '--locations', 'X'),
    ).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists') });
    expect(cli('staff-password-2\n', 'add-staff', 'lone', '--role', 'staff')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('at least one location'),
    });
    expect(cli('staff-password-2\n', 'add-staff', 'boss', '--role', 'owner')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--role must be one of'),
    });
    // The password never shows in the output.
    expect(cli('admin-password-2\n', 'add-staff', 'mo', '--role', 'manager').stdout).not.toContain(
      'admin-password-2',
    );
  });

  it('stores scrypt hashes, and the accounts log in', async () => {
    const storage = await openStorage({ sqlitePath: dbPath });
    const app = buildCollector({ storage });
    try {
      const rows = await storage.db
        .selectFrom('staff_users')
        .select(['username', 'display_name', 'role', 'locations', 'password_hash'])
        .orderBy('username')
        .execute();
      expect(rows.map((r) => [r.username, r.role])).toEqual([
        ['dana', 'staff'],
        ['mo', 'manager'],
        ['root', 'admin'],
      ]);
      expect(rows.find((r) => r.username === 'root')?.display_name).toBe('Rita Root');
      expect(JSON.parse(String(rows.find((r) => r.username === 'dana')?.locations))).toEqual([
        'Main store',
        'Outlet',
      ]);
      for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$/);
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const root = await loginAs(url, 'root', 'admin-password-1');
      expect((await root.call('GET', '/staff/api/me')).body).toMatchObject({
        user: { role: 'admin', locations: 'all', displayName: 'Rita Root' },
      });
      await loginAs(url, 'dana', 'staff-password-1');
    } finally {
      await app.close();
      await storage.close();
    }
  });

  it('changes an account with set-staff, and a change of access logs it out everywhere', async () => {
    const storage = await openStorage({ sqlitePath: dbPath });
    const app = buildCollector({ storage });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const dana = await loginAs(url, 'dana', 'staff-password-1');
      expect(cli('', 'set-staff', 'dana', '--locations', 'Outlet')).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(
          /^updated staff "dana" \(locations: Outlet\); \d sessions? ended/,
        ),
      });
      expect((await dana.call('GET', '/staff/api/alerts')).status).toBe(401);
      expect(cli('', 'set-staff', 'dana', '--disable').stdout).toContain(', disabled;');
      await expect(loginAs(url, 'dana', 'staff-password-1')).rejects.toThrow(/401/);
      expect(
        cli('a-new-staff-password-9\n', 'set-staff', 'dana', '--enable', '--password').code,
      ).toBe(0);
      await expect(loginAs(url, 'dana', 'staff-password-1')).rejects.toThrow(/401/);
      await loginAs(url, 'dana', 'a-new-staff-password-9');
      expect(cli('', 'set-staff', 'nobody', '--disable')).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('no staff account "nobody"'),
      });
    } finally {
      await app.close();
      await storage.close();
    }
  });
});
