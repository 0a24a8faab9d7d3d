// The bridge's channel names, apart from their schemas: the sandboxed preload needs only these,
// and importing the zod contract would put the whole schema library into the preload bundle.
export const channels = [
  'getConfig',
  'getStatus',
  'startAnswer',
  'updateAnswer',
  'requestHelp',
  'finishAnswer',
  'unlockAdmin',
  'sendTestAlert',
  'setDefaultLanguage',
  'reloadKiosk',
  'exitKiosk',
] as const;

export type Channel = (typeof channels)[number];

/** The Electron IPC channel name for a bridge channel. */
export function ipcChannel(channel: Channel): `kiosk:${Channel}` {
  return `kiosk:${channel}`;
}
