// The kiosk window: full screen in OS kiosk mode, no frame or menu, and a renderer with no
// Node, a sandbox, context isolation and web security. DevTools exist only in development.
import type { BrowserWindowConstructorOptions } from 'electron';

export function kioskWindowOptions(opts: {
  preloadPath: string;
  packaged: boolean;
}): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    closable: true, // app.quit() from the admin screen must still close it
    // Shown at once (no ready-to-show wait): a window that never paints must still cover the desktop.
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would ask for a new window; the open handler denies it, this stops the ask.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      // Chromium's spellchecker downloads dictionaries from Google: remote content for no gain.
      spellcheck: false,
      // alert()/confirm() would block the screen until someone finds a mouse.
      disableDialogs: true,
      safeDialogs: true,
      autoplayPolicy: 'user-gesture-required',
      devTools: !opts.packaged,
    },
  };
}

/** Chromium switches set before ready: no pinch zoom, no swipe-to-go-back on touch screens. */
export const KIOSK_COMMAND_LINE_SWITCHES: readonly (
  readonly [string] | readonly [string, string]
)[] = [['disable-pinch'], ['overscroll-history-navigation', '0']];
