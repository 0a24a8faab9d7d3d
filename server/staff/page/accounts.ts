// The accounts page (/staff/users, admins): every account with its access and signed-in
// devices; add one; change its name, role, locations or whether it may log in; set a new
// password; sign it out everywhere. The collector checks everything again and its refusals are
// shown beside the form that caused them.
import {
  UserListReply,
  UserReply,
  type AdminUser,
  type NewUserBody,
} from '../../../shared/staff-admin-api.ts';
import type { StaffRole } from '../../../shared/staff-api.ts';
import { getJson, sendJson } from './api.ts';
import { el, sentence } from './dom.ts';
import { checkboxes, field, onSubmit, select } from './form.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';

const ROLE_OPTIONS: [StaffRole, string][] = [
  ['staff', 'Staff: their own locations'],
  ['manager', 'Manager: all locations'],
  ['admin', 'Admin: all locations, accounts and kiosks'],
];
const ROLE_NAME: Record<StaffRole, string> = { staff: 'Staff', manager: 'Manager', admin: 'Admin' };

function devices(user: AdminUser): string {
  if (!user.activeSessions) return 'Not signed in';
  const where = user.activeSessions === 1 ? 'one device' : `${user.activeSessions} devices`;
  const seen = user.lastSeenAt ? `, last active ${new Date(user.lastSeenAt).toLocaleString()}` : '';
  return `Signed in on ${where}${seen}`;
}

function ended(n: number): string {
  return n ? ` Signed out on ${n === 1 ? 'one device' : `${n} devices`}.` : '';
}

/** Role and locations, the locations shown only for a staff account (the others see all). */
function accessFields(
  locations: string[],
  user?: AdminUser,
): { nodes: HTMLElement[]; role(): StaffRole; places(): string[] } {
  const role = select('role', ROLE_OPTIONS, user?.role ?? 'staff');
  const places = checkboxes('Locations', locations, user?.locations ?? []);
  const sync = () => (places.node.hidden = role.value !== 'staff');
  role.addEventListener('change', sync);
  sync();
  return {
    nodes: [field('Role', role), places.node],
    role: () => role.value as StaffRole,
    places: () => (role.value === 'staff' ? places.checked() : []),
  };
}

function newAccountForm(locations: string[], done: (message: string) => void): HTMLElement {
  const username = el('input', {
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: '',
  });
  const name = el('input', { autocomplete: 'off' });
  const password = el('input', { type: 'password', autocomplete: 'new-password', required: '' });
  const access = accessFields(locations);
  const form = el(
    'form',
    { class: 'admin-form', 'aria-label': 'New account' },
    field('Username', username, 'Lower-case letters, digits, ".", "_" or "-"'),
    field('Name shown on cards', name),
    ...access.nodes,
    field('Password', password, 'At least 12 characters; tell it to the person in private'),
    el('button', { class: 'primary', type: 'submit' }, 'Add account'),
  );
  onSubmit(form, async () => {
    const body: NewUserBody = {
      username: username.value.trim(),
      role: access.role(),
      locations: access.places(),
      password: password.value,
      ...(name.value.trim() && { displayName: name.value.trim() }),
    };
    const { user } = await sendJson(UserReply, 'POST', 'users', body);
    done(`Added ${user.displayName} (${user.username}).`);
  });
  return el('details', { class: 'fold' }, el('summary', {}, 'Add an account'), form);
}

function accountCard(user: AdminUser, locations: string[], done: (m: string) => void): HTMLElement {
  const path = `users/${encodeURIComponent(user.username)}`;
  const name = el('input', { autocomplete: 'off', required: '' });
  name.value = user.displayName;
  const access = accessFields(locations, user);
  const disabled = el('input', { type: 'checkbox' });
  disabled.checked = user.disabled;
  const change = el(
    'form',
    { class: 'admin-form', 'aria-label': `Change ${user.username}` },
    field('Name shown on cards', name),
    ...access.nodes,
    el('label', { class: 'check-row' }, disabled, 'Disabled: may not log in'),
    el('button', { class: 'primary', type: 'submit' }, 'Save'),
  );
  onSubmit(change, async () => {
    const r = await sendJson(UserReply, 'PATCH', path, {
      displayName: name.value.trim(),
      role: access.role(),
      locations: access.places(),
      disabled: disabled.checked,
    });
    done(`Saved ${r.user.username}.${ended(r.endedSessions)}`);
  });

  const password = el('input', { type: 'password', autocomplete: 'new-password', required: '' });
  const reset = el(
    'form',
    { class: 'admin-form', 'aria-label': `New password for ${user.username}` },
    field('New password', password, 'Ends every session of this account'),
    el('button', { class: 'primary', type: 'submit' }, 'Set password'),
  );
  onSubmit(reset, async () => {
    const r = await sendJson(UserReply, 'POST', `${path}/password`, { password: password.value });
    done(`New password set for ${r.user.username}.${ended(r.endedSessions)}`);
  });

  const signOut = el(
    'form',
    { class: 'inline-form', 'aria-label': `Sign out ${user.username}` },
    el('button', { class: 'secondary', type: 'submit' }, 'Sign out everywhere'),
  );
  onSubmit(signOut, async () => {
    const r = await sendJson(UserReply, 'POST', `${path}/end-sessions`);
    done(`${r.user.username}:${ended(r.endedSessions) || ' was not signed in.'}`);
  });

  return el(
    'article',
    { class: `account${user.disabled ? ' off' : ''}`, 'aria-label': user.username },
    el(
      'h2',
      {},
      el('span', {}, user.displayName),
      el('span', { class: 'username' }, user.username),
    ),
    el(
      'p',
      { class: 'badges' },
      el('span', { class: `badge role-${user.role}` }, ROLE_NAME[user.role]),
      user.disabled && el('span', { class: 'badge disabled' }, 'Disabled'),
    ),
    el(
      'p',
      { class: 'places' },
      user.role === 'staff' ? user.locations.join(', ') || 'No location' : 'All locations',
    ),
    el('p', { class: 'devices' }, devices(user)),
    el('details', { class: 'fold' }, el('summary', {}, 'Change'), change),
    el('details', { class: 'fold' }, el('summary', {}, 'New password'), reset),
    signOut,
  );
}

export function renderAccounts({ root, who, logout }: PageEnv): void {
  const status = el('p', { class: 'page-status', role: 'status' });
  const body = el('div', { class: 'accounts' });
  const load = (message = '') =>
    getJson(UserListReply, 'users')
      .then(({ users, locations }) => {
        status.textContent = message;
        const done = (m: string) => void load(m);
        body.replaceChildren(
          newAccountForm(locations, done),
          el(
            'div',
            { class: 'account-list' },
            ...users.map((u) => accountCard(u, locations, done)),
          ),
        );
      })
      .catch((e: Error) => {
        status.textContent = sentence(e.message);
      });
  root.replaceChildren(
    pageHeader(who, 'Accounts', logout),
    el('main', { class: 'admin-page' }, el('h1', {}, 'Accounts'), status, body),
  );
  void load();
}
