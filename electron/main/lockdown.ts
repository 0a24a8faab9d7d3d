// Electron's security checklist, applied to every webContents and the session: no navigation
// away from app://kiosk, no new windows, no <webview>, no permissions, no escape keys, no
// zoom, no context menu. Registered for all webContents so nothing created later escapes it.
import type { App, Session, WebContents } from 'electron';
import { shouldBlockInput } from './policy/input.ts';
import { isAllowedNavigation } from './policy/navigation.ts';
import { isPermissionAllowed } from './policy/permissions.ts';

export function lockDownSession(session: Session, log: (message: string) => void): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl);
    if (!allowed) log(`denied permission request ${permission} from ${details.requestingUrl}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.setSpellCheckerEnabled(false);
}

export function lockDownContents(
  contents: WebContents,
  platform: NodeJS.Platform,
  log: (message: string) => void,
): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string): void => {
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    log(`blocked navigation to ${url}`);
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url));
  // will-navigate covers the main frame; this covers subframes (CSP forbids them, belt and braces).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuseNavigation(event, event.url);
  });
  contents.on('will-redirect', (event) => refuseNavigation(event, event.url));
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked window.open of ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.on('before-input-event', (event, input) => {
    if (shouldBlockInput(input, platform)) event.preventDefault();
  });
  contents.on('context-menu', (event) => event.preventDefault());
  contents.on('did-finish-load', () => {
    contents.setVisualZoomLevelLimits(1, 1).catch(() => {});
    contents.setZoomFactor(1);
  });
  // Ctrl+wheel asks for zoom; the answer is always 100 %.
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
}

export function lockDownAllContents(
  app: App,
  platform: NodeJS.Platform,
  log: (message: string) => void,
): void {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, platform, log));
}
