// Which transport this page runs on: Electron's preload puts the bridge on window.kiosk; in a
// plain browser the page must have been opened by the kiosk host with a token.
import type { KioskBridge } from '../../shared/bridge.ts';
import { createHttpBridge, takeToken } from './http.ts';

declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

export type Transport = { kind: 'electron' | 'http'; bridge: KioskBridge } | { kind: 'none' };

export function pickTransport(win: Window): Transport {
  if (win.kiosk) return { kind: 'electron', bridge: win.kiosk };
  const token = takeToken({
    location: win.location,
    history: win.history,
    storage: win.sessionStorage,
  });
  if (!token) return { kind: 'none' };
  return { kind: 'http', bridge: createHttpBridge(token, win.fetch.bind(win)) };
}
