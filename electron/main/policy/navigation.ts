// Where the kiosk window may go: its own pages on app://kiosk and nowhere else. A customer
// must never reach a browser, a file:// listing or a remote page from the survey screen.
import { isAppOrigin } from './origin.ts';

export function isAllowedNavigation(url: string): boolean {
  return isAppOrigin(url);
}
