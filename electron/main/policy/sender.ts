// Which frames may call the kiosk host over IPC: only the main frame of our own app://kiosk
// page. Iframes (there should be none; CSP forbids them) and any page that somehow got loaded
// from elsewhere are refused, whatever they send.
import { isAppOrigin } from './origin.ts';

export function isTrustedSender(
  frameUrl: string | null | undefined,
  isMainFrame: boolean,
): boolean {
  return isMainFrame && typeof frameUrl === 'string' && isAppOrigin(frameUrl);
}
