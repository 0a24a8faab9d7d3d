// The one file that touches ipcMain (a lint rule keeps it that way): every bridge channel is
// registered through registerBridgeHandlers, which checks the sending frame first.
import { ipcMain } from 'electron';
import { registerBridgeHandlers, type BridgeHost } from './policy/bridge-handlers.ts';

export function registerKioskIpc(host: BridgeHost, log: (message: string) => void): () => void {
  return registerBridgeHandlers(ipcMain, host, log);
}
