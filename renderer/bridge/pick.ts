// Which transport this page runs on: Electron's preload puts the bridge on window.kiosk; the
// collector's survey preview path is the editor's frame (its draft, no host); any other page
// served over http is the kiosk host's localhost transport (its launch address set the cookie
// that authorises the calls, or they are refused and the page says so).
import type { KioskBridge } from '../../shared/bridge.ts';
import { createHttpBridge } from './http.ts';
import { createPreviewBridge, isPreviewPage } from './preview.ts';

declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

export type Transport =
  { kind: 'electron' | 'http' | 'preview'; bridge: KioskBridge } | { kind: 'none' };

export function pickTransport(win: Window): Transport {
  if (win.kiosk) return { kind: 'electron', bridge: win.kiosk };
  if (isPreviewPage(win)) return { kind: 'preview', bridge: createPreviewBridge(win) };
  if (win.location.protocol !== 'http:') return { kind: 'none' };
  return { kind: 'http', bridge: createHttpBridge(win.fetch.bind(win)) };
}
