// window.kiosk: one named function per bridge channel, derived from the contract so the two
// cannot drift. No generic invoke(channel) is exposed: a script injected into the page gets
// exactly the survey's verbs and nothing that reaches other IPC channels.
import { channels, ipcChannel } from '../../shared/bridge-channels.ts';
import type { KioskBridge } from '../../shared/bridge.ts';

export type Invoke = (ipcChannelName: string, request: unknown) => Promise<unknown>;

export function createKioskApi(invoke: Invoke): KioskBridge {
  const api: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const channel of channels) {
    // A fresh closure per channel: the channel name is fixed here, never taken from the caller.
    api[channel] = (request: unknown) => invoke(ipcChannel(channel), request);
  }
  return Object.freeze(api) as unknown as KioskBridge;
}
