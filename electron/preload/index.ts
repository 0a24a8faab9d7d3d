// The preload of the kiosk window. Sandboxed, so it is bundled into one CommonJS file that
// requires nothing but 'electron' (see vite.electron.config.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { createKioskApi } from './api.ts';

contextBridge.exposeInMainWorld(
  'kiosk',
  createKioskApi((channel, request) => ipcRenderer.invoke(channel, request)),
);
