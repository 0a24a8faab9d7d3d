// The audit log page (/staff/audit, admins): what admins did, newest first, a page at a time.
// Each line says who, when, from where, to which account, and what changed, in words.
import { AuditReply, type AuditEntry } from '../../../shared/staff-admin-api.ts';
import { getJson } from './api.ts';
import { el, sentence } from './dom.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';

const ACTION: Record<AuditEntry['action'], string> = {
  'user.create': 'added the account',
  'user.update': 'changed the account',
  'user.password': 'set a new password for',
  'user.end_sessions': 'signed out everywhere:',
  'enrolment_code.create': 'made an enrolment code for',
  'enrolment_code.revoke': 'revoked an enrolment code for',
  'kiosk.reload': 'ordered a UI reload of',
  'kiosk.resend_dead_letters': 'ordered a re-send of the dead letters of',
  'kiosk.rotate_token': 'ordered a new device token for',
  'kiosk.fetch_logs': 'fetched the log of',
  'kiosk.retire': 'retired',
  'kiosk.replace': 'ordered a replacement for',
  'survey.create': 'saved the survey version',
  'survey.assign': 'assigned a survey version to',
  'survey.unassign': 'removed the survey assignment of',
};

const FIELD: Record<string, string> = { displayName: 'name', ended: 'sessions ended' };

function shown(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** { role: { from, to } } as "role: staff → manager"; a plain value as "role: staff". */
function changes(details: Record<string, unknown>): string[] {
  return Object.entries(details).map(([field, value]) => {
    const key = FIELD[field] ?? field;
    if (value && typeof value === 'object' && 'from' in value && 'to' in value)
      return `${key}: ${shown(value.from)} → ${shown(value.to)}`;
    return `${key}: ${shown(value)}`;
  });
}

function line(entry: AuditEntry): HTMLElement {
  const details = changes(entry.details);
  return el(
    'li',
    { class: 'audit-entry' },
    el('time', { datetime: entry.at }, new Date(entry.at).toLocaleString()),
    el(
      'p',
      {},
      el('strong', {}, entry.actor),
      ` ${ACTION[entry.action]} `,
      el('strong', {}, entry.target),
    ),
    details.length
      ? el('ul', { class: 'audit-changes' }, ...details.map((d) => el('li', {}, d)))
      : null,
    entry.address && el('p', { class: 'field-hint' }, `from ${entry.address}`),
  );
}

export function renderAuditLog({ root, who, logout }: PageEnv): void {
  const list = el('ol', { class: 'audit-list' });
  const status = el('p', { class: 'page-status', role: 'status' });
  const more = el('button', { class: 'secondary', type: 'button' }, 'Show older');
  let before: number | null = null;
  const load = () => {
    more.disabled = true;
    getJson(AuditReply, before ? `audit?before=${before}` : 'audit')
      .then((page) => {
        list.append(...page.entries.map(line));
        before = page.next;
        more.hidden = before === null;
        if (!list.childElementCount) status.textContent = 'Nothing recorded yet.';
      })
      .catch((e: Error) => {
        status.textContent = sentence(e.message);
      })
      .finally(() => (more.disabled = false));
  };
  more.addEventListener('click', load);
  root.replaceChildren(
    pageHeader(who, 'Audit log', logout),
    el('main', { class: 'admin-page' }, el('h1', {}, 'Audit log'), status, list, more),
  );
  load();
}
