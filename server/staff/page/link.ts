// The one way the staff app makes a link: only to a path of its own. dom.ts refuses href, so a
// customer's text can never become a link.
import { el } from './dom.ts';

/** An <a> to a staff page: `href` must be a path under /staff/ (with any query string). */
export function staffLink(
  href: string,
  text: string,
  attrs: Record<string, string> = {},
): HTMLAnchorElement {
  if (!href.startsWith('/staff/') || href.startsWith('/staff/api/') || href.includes('//'))
    throw new Error(`staffLink(): "${href}" is not a staff page`);
  const link = el('a', attrs, text);
  link.setAttribute('href', href);
  return link;
}
