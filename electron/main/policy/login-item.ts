// Start at login, behind the kiosk config's `startAtLogin`: for a kiosk PC that runs a normal
// desktop session, the app registers itself to start when the kiosk user logs in (Windows: the
// user's Run key; macOS: a login item). Electron has no such setting on Linux, where the session
// itself starts the kiosk (deploy/linux), as Shell Launcher does on a locked-down Windows
// (deploy/windows). A development run is never registered: it would be the bare Electron binary.

/** What to hand app.setLoginItemSettings, or why nothing is. */
export type LoginItemPlan = { set: { openAtLogin: boolean } } | { skip: string };

export function loginItemPlan(opts: {
  /** The config's startAtLogin; null when there is no valid config to read it from. */
  startAtLogin: boolean | null;
  platform: NodeJS.Platform;
  packaged: boolean;
}): LoginItemPlan {
  if (!opts.packaged) return { skip: 'not a packaged app' };
  if (opts.platform !== 'win32' && opts.platform !== 'darwin')
    return { skip: 'start at login comes from the session on this platform (deploy/linux)' };
  // Without a valid config the setting is left as it was: a typo must not unregister the kiosk.
  if (opts.startAtLogin === null) return { skip: 'no valid kiosk config' };
  return { set: { openAtLogin: opts.startAtLogin } };
}
