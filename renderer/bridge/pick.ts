// Which transport this page runs on: Electron's preload puts the bridge on window.kiosk; a page
// served over http is the kiosk host's localhost transport (its launch address set the cookie
// that authorises the calls, or they are refused and the page says so).
import type { KioskBridge } from '../../shared/bridge.ts';
import { createHttpBridge } from './http.ts';

declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

export type Transport = { kind: 'electron' | 'http'; bridge: KioskBridge } | { kind: 'none' };

export function pickTransport(win: Window): Transport {
  if (win.kiosk) return { kind: 'electron', bridge: win.kiosk };
  if (win.location.protocol !== 'http:') return { kind: 'none' };
  return { kind: 'http', bridge: createHttpBridge(win.fetch.bind(win)) };
}
