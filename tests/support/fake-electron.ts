// A stand-in for the 'electron' module, for tests of the kiosk's main process in plain Node: it
// records what the entry point asks of Electron (switches, the window, handlers, the power-save
// blocker) so a test can check the wiring without an Electron binary. The test mocks 'electron'
// with `electron` from fakeElectron().
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/** What a test reads back from the fake kiosk window. */
export type FakeWindow = {
  options: Record<string, unknown>;
  loaded: string[];
  webContents: EventEmitter & { openHandler: null | ((d: { url: string }) => { action: string }) };
};

export function fakeElectron() {
  const calls: string[] = [];
  const state = {
    appPath: '',
    userData: '',
    appEvents: new EventEmitter(),
    ipcHandlers: new Map<string, Listener>(),
    windows: [] as FakeBrowserWindow[],
    protocolHandler: null as null | ((request: Request) => Promise<Response>),
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    blockerStarted: '' as string,
    privileged: [] as unknown[],
  };
  class FakeContents extends EventEmitter {
    openHandler: null | ((details: { url: string }) => { action: string }) = null;
    setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
      this.openHandler = h;
    }
    setVisualZoomLevelLimits() {
      return Promise.resolve();
    }
    setZoomFactor() {}
    reload() {
      calls.push('contents.reload');
    }
    forcefullyCrashRenderer() {
      calls.push('contents.kill');
    }
    openDevTools() {}
  }
  class FakeBrowserWindow extends EventEmitter {
    webContents = new FakeContents();
    loaded: string[] = [];
    options: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      state.windows.push(this);
      // Electron emits web-contents-created for every new webContents.
      state.appEvents.emit('web-contents-created', {}, this.webContents);
    }
    removeMenu() {}
    isDestroyed() {
      return false;
    }
    focus() {}
    reload() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      commandLine: {
        appendSwitch: (name: string, value?: string) =>
          calls.push(`switch ${name}${value === undefined ? '' : `=${value}`}`),
      },
      enableSandbox: () => calls.push('enableSandbox'),
      setPath: (name: string, value: string) => {
        if (name === 'userData') state.userData = value;
      },
      getPath: () => state.userData,
      getAppPath: () => state.appPath,
      getVersion: () => '0.0.0-test',
      isPackaged: true,
      requestSingleInstanceLock: () => {
        calls.push('requestSingleInstanceLock');
        return true;
      },
      on: (event: string, fn: Listener) => state.appEvents.on(event, fn),
      whenReady: () => {
        calls.push('whenReady');
        return Promise.resolve();
      },
      quit: () => calls.push('app.quit'),
      exit: (code: number) => calls.push(`app.exit ${code}`),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        calls.push('registerSchemesAsPrivileged');
        state.privileged.push(...schemes);
      },
    },
    session: {
      defaultSession: {
        protocol: {
          handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
            calls.push(`protocol.handle ${scheme}`);
            state.protocolHandler = handler;
          },
        },
        setPermissionRequestHandler: (h: Listener) => (state.permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => (state.permissionCheck = h),
        setDevicePermissionHandler: () => {},
        setDisplayMediaRequestHandler: () => {},
        setSpellCheckerEnabled: () => {},
      },
    },
    Menu: {
      setApplicationMenu: (menu: unknown) => calls.push(`setApplicationMenu ${String(menu)}`),
    },
    powerSaveBlocker: {
      start: (type: string) => {
        state.blockerStarted = type;
        return 7;
      },
      isStarted: () => true,
      stop: () => calls.push('powerSaveBlocker.stop'),
    },
    ipcMain: {
      handle: (channel: string, fn: Listener) => state.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    BrowserWindow: FakeBrowserWindow,
  };
  return { calls, state, electron };
}
