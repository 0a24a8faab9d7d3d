// The survey preview's two constants, zod-free so the kiosk renderer's main bundle can check its
// path without carrying the staff contracts: where the collector serves the kiosk renderer for
// the web admin's editor to frame (server/staff/preview.ts), and the type of the messages the
// editor and the framed kiosk page exchange (renderer/bridge/preview.ts).
export const PREVIEW_PATH = '/staff/preview/';
export const PREVIEW_MESSAGE = 'lastword-preview';
