// Maps an app://kiosk URL to a file of the built renderer. On top of the checks the localhost
// transport shares (core/static-files.ts: stay under root, known file types only), anything
// that smells of traversal is refused outright rather than normalised: dot segments, encoded
// or not, encoded slashes or backslashes, NUL bytes, drive letters, another host. A real page
// never asks for one.
import { resolveStaticPath } from '../../core/static-files.ts';
import { APP_HOST, APP_SCHEME } from './origin.ts';

export function resolveAppPath(rootDir: string, url: string): string | null {
  const prefix = `${APP_SCHEME}://${APP_HOST}`;
  if (url.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  const rest = url.slice(prefix.length);
  if (rest !== '' && !/^[/?#]/.test(rest)) return null; // app://kiosk.evil, app://kiosk:80, app://kiosk@x

  const pathname = rest.split(/[?#]/, 1)[0] || '/';
  for (const raw of pathname.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
  }
  // "/assets/" would be a folder: the renderer has no index pages below its root.
  if (pathname !== '/' && pathname.endsWith('/')) return null;
  return resolveStaticPath(rootDir, pathname);
}
