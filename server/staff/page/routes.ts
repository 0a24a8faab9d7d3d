// Every page of the staff app, in the order the navigation shows them. The first is the live
// board, which is also what an unknown path shows. `roles` limits who sees the link and may open
// the page (the API checks again: this only keeps the navigation honest).
import type { SignedIn, StaffRole } from '../../../shared/staff-api.ts';
import { renderAccounts } from './accounts.ts';
import { renderAuditLog } from './audit-log.ts';
import { renderBoard } from './board.ts';
import { renderComments } from './comments.ts';
import { renderDigest } from './digest.ts';
import { renderEnrolKiosks } from './enrol-kiosks.ts';
import { renderKiosks } from './kiosks.ts';
import { renderKiosk } from './kiosk.ts';
import { renderRecognition } from './recognition.ts';
import { renderResults } from './results.ts';
import { renderSurveyEditor } from './survey-editor.ts';
import { renderSurveys } from './surveys.ts';

export interface PageEnv {
  /** Where the page goes: below the navigation, emptied for each page. */
  root: HTMLElement;
  who: SignedIn;
  /** Goes to another staff page (a path under /staff/, with its query string). */
  navigate(href: string): void;
  /** Logs out and shows the login form. */
  logout(): void;
}

/** Fills env.root; returns what stops the page (streams, timers) when another takes over. */
export type Page = (env: PageEnv) => (() => void) | void;

export interface Route {
  path: string;
  /** The link's text and the document title. */
  title: string;
  roles?: readonly StaffRole[];
  /** False: a page reached from another (the survey editor, one kiosk), not in the navigation. */
  nav?: boolean;
  page: Page;
  /** A page whose path holds an id (one kiosk): the paths it answers. */
  match?: (path: string) => boolean;
}

export const ROUTES: readonly Route[] = [
  { path: '/staff/', title: 'Live alerts', page: renderBoard },
  { path: '/staff/results', title: 'Results', page: renderResults },
  { path: '/staff/digest', title: 'Weekly digest', page: renderDigest },
  { path: '/staff/comments', title: 'Comments', page: renderComments },
  { path: '/staff/recognition', title: 'Recognition', page: renderRecognition },
  { path: '/staff/users', title: 'Accounts', roles: ['admin'], page: renderAccounts },
  { path: '/staff/audit', title: 'Audit log', roles: ['admin'], page: renderAuditLog },
  { path: '/staff/kiosks', title: 'Kiosks', roles: ['admin'], page: renderKiosks },
  {
    path: '/staff/kiosks/enrol',
    title: 'Enrol kiosks',
    roles: ['admin'],
    page: renderEnrolKiosks,
  },
  {
    path: '/staff/kiosks/:id',
    title: 'Kiosk',
    roles: ['admin'],
    nav: false,
    page: renderKiosk,
    match: (path) => /^\/staff\/kiosks\/[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(path),
  },
  { path: '/staff/surveys', title: 'Surveys', roles: ['admin'], page: renderSurveys },
  {
    path: '/staff/surveys/edit',
    title: 'Edit survey',
    roles: ['admin'],
    nav: false,
    page: renderSurveyEditor,
  },
];

export function mayOpen(route: Route, who: SignedIn): boolean {
  return !route.roles || route.roles.includes(who.user.role);
}

/** The route for a path, or the live board for anything unknown or not allowed (as the server
 * answers any unknown path under /staff/ with the app). */
export function routeFor(path: string, who: SignedIn): Route {
  const wanted = ROUTES.find(
    (r) => r.path === path || r.path === `${path}/` || (r.match?.(path) ?? false),
  );
  return wanted && mayOpen(wanted, who) ? wanted : ROUTES[0]!;
}
