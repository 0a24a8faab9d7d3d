// Runs the staff app's pages (routes.ts) under /staff/. Links are real <a href>, so a page can be
// opened in a new tab, bookmarked or shared with its filters in the query string; plain clicks
// on them are taken over with pushState, and back and forward work. Each page returns how to
// stop it (close its stream, clear its timers), which runs before the next page or the login
// form takes the screen.
import type { SignedIn } from '../../../shared/staff-api.ts';
import { logout, onSignedOut } from './api.ts';
import { el } from './dom.ts';
import { siteNav } from './nav.ts';
import { routeFor, type PageEnv } from './routes.ts';

/** Shows pages until the user logs out or the session ends; then calls `signedOut`. */
export function startRouter(root: HTMLElement, who: SignedIn, signedOut: () => void): void {
  const pageRoot = el('div', { class: 'page' });
  let stopPage: () => void = () => {};
  let running = true;

  const show = () => {
    stopPage();
    const route = routeFor(location.pathname, who);
    document.title = `Lastword · ${route.title}`;
    pageRoot.replaceChildren();
    root.replaceChildren(siteNav(who, route.path), pageRoot);
    stopPage = route.page(env) ?? (() => {});
  };
  const end = () => {
    if (!running) return;
    running = false;
    stopPage();
    removeEventListener('popstate', show);
    document.removeEventListener('click', follow);
    unsubscribe();
    signedOut();
  };
  const navigate = (href: string) => {
    const url = new URL(href, location.href);
    if (url.pathname + url.search !== location.pathname + location.search)
      history.pushState(null, '', url);
    show();
  };
  // A plain left click on a link to another staff page stays in the app; a click with a
  // modifier (new tab, new window) or on any other link is the browser's.
  const follow = (event: MouseEvent) => {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/staff/')) return;
    if (url.pathname.startsWith('/staff/api/')) return;
    event.preventDefault();
    navigate(url.href);
  };
  const env: PageEnv = {
    root: pageRoot,
    who,
    navigate,
    logout: () => void logout().finally(end),
  };
  const unsubscribe = onSignedOut(end);

  addEventListener('popstate', show);
  document.addEventListener('click', follow);
  show();
}
