// One IPC handler per bridge channel, each checking who is calling before the kiosk host sees
// anything. Takes an ipcMain-like object so the check is tested with a fake; electron/main/ipc.ts
// passes the real one. Payloads are parsed by the host, which answers `invalid_request`.
import { channels, ipcChannel, type Channel } from '../../../shared/bridge-channels.ts';
import { fail, type BridgeResult } from '../../../shared/result.ts';
import { isTrustedSender } from './sender.ts';

/** The parts of Electron's IpcMainInvokeEvent the check reads. senderFrame is null once the frame is gone. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface BridgeHost {
  handle(channel: Channel, payload: unknown): Promise<BridgeResult<unknown>>;
}

/** Registers every channel; returns a function that removes them again. */
export function registerBridgeHandlers(
  ipc: IpcMainLike,
  host: BridgeHost,
  log: (message: string) => void = () => {},
): () => void {
  for (const channel of channels) {
    ipc.handle(ipcChannel(channel), async (event, payload) => {
      const frame = event.senderFrame;
      if (!frame || !isTrustedSender(frame.url, frame.parent === null)) {
        log(`refused ${channel} from ${frame ? frame.url || '(blank frame)' : '(gone frame)'}`);
        return fail('unauthorized', 'this page may not talk to the kiosk');
      }
      try {
        return await host.handle(channel, payload);
      } catch (error) {
        // The host answers with envelopes; a throw is a bug, and a rejected invoke would lose the code.
        log(
          `${channel} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        return fail('internal', 'the kiosk could not do that');
      }
    });
  }
  return () => {
    for (const channel of channels) ipc.removeHandler(ipcChannel(channel));
  };
}
