// The strip of links to the staff app's pages, above every page: the ones the user's role may
// open, the current one marked for screen readers and the eye.
import type { SignedIn } from '../../../shared/staff-api.ts';
import { el } from './dom.ts';
import { staffLink } from './link.ts';
import { mayOpen, ROUTES } from './routes.ts';

export function siteNav(who: SignedIn, currentPath: string): HTMLElement {
  const links = ROUTES.filter((route) => route.nav !== false && mayOpen(route, who)).map((route) =>
    staffLink(
      route.path,
      route.title,
      route.path === currentPath ? { 'aria-current': 'page' } : {},
    ),
  );
  return el('nav', { class: 'site-nav', 'aria-label': 'Pages' }, ...links);
}
