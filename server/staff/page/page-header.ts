// The header every staff page starts with: the product and the page's name, who is signed in
// and which locations they see, the page's own status and controls, and log out.
import type { SignedIn } from '../../../shared/staff-api.ts';
import { el } from './dom.ts';

export function pageHeader(
  who: SignedIn,
  title: string,
  onLogout: () => void,
  extra: { status?: HTMLElement[]; controls?: HTMLElement[] } = {},
): HTMLElement {
  const { locations } = who.user;
  const out = el('button', { class: 'ghost', type: 'button' }, 'Log out');
  out.addEventListener('click', onLogout);
  // The live board fills the count and connection areas; other pages leave them out.
  const status = extra.status ?? [];
  return el(
    'header',
    { class: status.length ? 'top' : 'top plain' },
    el('div', { class: 'brand' }, el('strong', {}, 'Lastword'), el('span', {}, title)),
    el(
      'div',
      { class: 'scope' },
      el('span', { class: 'who' }, who.user.displayName),
      el('span', {}, locations === 'all' ? 'All locations' : locations.join(', ')),
    ),
    ...status,
    el('div', { class: 'controls' }, ...(extra.controls ?? []), out),
  );
}
