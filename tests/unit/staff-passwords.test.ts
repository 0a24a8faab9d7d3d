// The staff password policy as the CLI and updateStaffUser apply it, on a real store: length over
// composition (15 to 128 characters, anything goes), and the commonest passwords refused, also
// when dressed up. NIST SP 800-63B / OWASP ASVS 5.0 V6.2, for accounts with a password alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { MAX_PASSWORD_LENGTH } from '../../server/staff/password-policy.ts';
import { StaffUserError, createStaffUser, updateStaffUser } from '../../server/staff/users.ts';
import { PASSWORD_WORK_MS } from '../support/staff.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-staff-passwords-');
let storage: Storage;
beforeAll(async () => {
  storage = await openStorage({ sqlitePath: `${dir.path}/collector.sqlite` });
});
afterAll(async () => {
  await storage.close();
  dir.remove();
});

const create = (username: string, password: string) =>
  createStaffUser(storage, { username, password, role: 'manager' }, new Date());

describe('staff password policy', () => {
  it.each([
    ['fourteen chars', /at least 15 characters/],
    ['x'.repeat(MAX_PASSWORD_LENGTH + 1), /at most 128 characters/],
    ['Password2024!!!!', /most common passwords/],
    ['passwordpassword', /most common passwords/],
    ['iloveyouiloveyou!', /most common passwords/],
    ['1qaz2wsx3edc4rfv', /most common passwords/],
    ['1234567890123456', /run along the keyboard or the alphabet/],
    ['qwertyuiopasdfgh', /run along the keyboard or the alphabet/],
    ['abababababababab', /too few different characters/],
    ['my-lastword-password', /must not contain "lastword"/],
    ['kadri-likes-long-ones', /must not contain "kadri"/],
  ])('refuses %j', async (password, reason) => {
    await expect(create('kadri', password)).rejects.toThrow(StaffUserError);
    await expect(create('kadri', password)).rejects.toThrow(reason);
  });

  it(
    'takes any 15 to 128 characters without rules about digits or symbols, counted as characters',
    async () => {
      await create('ann', 'plain lower case words');
      await create('ben', 'ü'.repeat(5) + 'ö'.repeat(5) + 'äßéèê'); // 15 characters, 30 bytes
      await create('cyd', 'Tr0ub4dor&3 horse ' + 'x'.repeat(MAX_PASSWORD_LENGTH - 18));
      await expect(
        updateStaffUser(storage, 'ann', { password: 'passwordpassword' }),
      ).rejects.toThrow(/most common passwords/);
    },
    PASSWORD_WORK_MS,
  );
});
