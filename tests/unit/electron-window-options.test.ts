import { describe, expect, it } from 'vitest';
import {
  KIOSK_COMMAND_LINE_SWITCHES,
  kioskWindowOptions,
} from '../../electron/main/policy/window-options.ts';

describe('kiosk window options', () => {
  const packaged = kioskWindowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    packaged: true,
  });
  const dev = kioskWindowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    packaged: false,
  });

  it('covers the screen in kiosk mode without frame or menu', () => {
    expect(packaged).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      autoHideMenuBar: true,
    });
    expect(packaged.show).not.toBe(false);
  });

  it('gives the page no Node, a sandbox, context isolation and web security', () => {
    expect(packaged.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('turns off middle-click new windows, dialogs and the spellchecker download', () => {
    expect(packaged.webPreferences).toMatchObject({
      disableBlinkFeatures: 'Auxclick',
      disableDialogs: true,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
  });

  it('has no DevTools in packaged builds, and has them in development', () => {
    expect(packaged.webPreferences?.devTools).toBe(false);
    expect(dev.webPreferences?.devTools).toBe(true);
  });

  it('turns off pinch zoom and swipe-to-go-back in Chromium', () => {
    expect(KIOSK_COMMAND_LINE_SWITCHES).toContainEqual(['disable-pinch']);
    expect(KIOSK_COMMAND_LINE_SWITCHES).toContainEqual(['overscroll-history-navigation', '0']);
  });
});
