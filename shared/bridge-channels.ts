// The bridge's channel names: the one list of them. The contract (shared/bridge.ts) must give
// each a schema, and the preload, IPC registration, the localhost transport and the renderer
// client iterate over it. Free of zod so the sandboxed preload and the renderer can import it
// without carrying the schema library.
export const channels = [
  'getConfig',
  'getStatus',
  'startAnswer',
  'updateAnswer',
  'requestHelp',
  'finishAnswer',
  'touchAnswer',
  'unlockAdmin',
  'sendTestAlert',
  'setDefaultLanguage',
  'reloadKiosk',
  'exitKiosk',
  'enrol',
] as const;

export type Channel = (typeof channels)[number];

/** True for a name on the list; for names that arrive from outside (a URL path). */
export function isChannel(name: string): name is Channel {
  return (channels as readonly string[]).includes(name);
}

/** The Electron IPC channel name for a bridge channel. */
export function ipcChannel(channel: Channel): `kiosk:${Channel}` {
  return `kiosk:${channel}`;
}
