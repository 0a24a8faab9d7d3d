// The Electron entry point run against a fake 'electron' module: no binary needed, and it shows
// that index.ts wires the tested policies to the right Electron hooks (the e2e suite in
// tests/electron repeats the important parts against a real Electron where one is installed).
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels, ipcChannel } from '../../shared/bridge-channels.ts';
import type { BridgeResult } from '../../shared/result.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import type { FakeWindow } from '../support/fake-electron.ts';
import { tempDir } from '../support/tmp.ts';

// vi.hoisted runs before the imports above, so it imports the fake itself.
const fake = await vi.hoisted(async () =>
  (await import('../support/fake-electron.ts')).fakeElectron(),
);

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
// electron-updater loads the real 'electron' from node_modules, past the mock above; its wiring
// is tested with a stand-in in electron-updates.test.ts.
vi.mock('electron-updater', () => ({
  default: {
    autoUpdater: new Proxy({}, { get: () => () => fake.calls.push('electron-updater') }),
  },
}));

const KIOSK_EVENT = { senderFrame: { url: 'app://kiosk/index.html', parent: null } };
const data = tempDir('lastword-main-wiring-');
const appDir = tempDir('lastword-main-app-');
const savedEnv = { LASTWORD_DATA_DIR: process.env.LASTWORD_DATA_DIR };

async function invoke(
  channel: string,
  event: unknown,
  payload: unknown = {},
): Promise<BridgeResult<unknown>> {
  const handler = fake.state.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return (await handler(event, payload)) as BridgeResult<unknown>;
}

function win(): FakeWindow {
  const w = fake.state.windows[0];
  if (!w) throw new Error('no window was created');
  return w as unknown as FakeWindow;
}

describe('Electron main process wiring (fake Electron)', () => {
  beforeAll(async () => {
    fake.state.appPath = appDir.path; // no dist/renderer here: the kiosk must say so on screen
    process.env.LASTWORD_DATA_DIR = data.path;
    writeConfig(data.path, smallConfig());
    // The kiosk log echoes each line to the console (electron-log's console transport).
    for (const method of ['info', 'warn', 'error'] as const)
      vi.spyOn(console, method).mockImplementation(() => {});
    await import('../../electron/main/index.ts');
    await vi.waitFor(() => expect(fake.state.windows[0]?.loaded.length).toBeGreaterThan(0));
  });

  afterAll(() => {
    fake.state.appEvents.emit('will-quit');
    vi.restoreAllMocks();
    process.env.LASTWORD_DATA_DIR = savedEnv.LASTWORD_DATA_DIR;
    if (savedEnv.LASTWORD_DATA_DIR === undefined) delete process.env.LASTWORD_DATA_DIR;
    data.remove();
    appDir.remove();
  });

  it('declares app:// privileged and takes the single-instance lock before ready', () => {
    const order = fake.calls.filter((c) =>
      ['registerSchemesAsPrivileged', 'requestSingleInstanceLock', 'whenReady'].includes(c),
    );
    expect(order).toEqual([
      'registerSchemesAsPrivileged',
      'requestSingleInstanceLock',
      'whenReady',
    ]);
    expect(fake.state.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.calls).toContain('enableSandbox');
    expect(fake.calls).toContain('switch disable-pinch');
  });

  it('writes the kiosk log in the data folder through electron-log', () => {
    const lines = readFileSync(join(data.path, 'logs', 'kiosk.log'), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).toContain(
      'kiosk host started',
    );
  });

  it('keeps Chromium profile and kiosk data in LASTWORD_DATA_DIR', () => {
    expect(fake.state.userData).toBe(join(data.path, 'chromium'));
  });

  it('opens one kiosk window with the bundled preload, no menu, and keeps the display awake', () => {
    expect(fake.state.windows).toHaveLength(1);
    expect(win().options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      webPreferences: {
        preload: join(appDir.path, 'dist', 'electron', 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        devTools: false,
      },
    });
    expect(fake.calls).toContain('setApplicationMenu null');
    expect(fake.state.blockerStarted).toBe('prevent-display-sleep');
    expect(fake.calls).toContain('protocol.handle app');
  });

  it('shows the out-of-service page, and says why in the status, when the renderer is not built', async () => {
    expect(win().loaded).toEqual(['app://kiosk/_shell/out-of-service.html']);
    const status = await invoke(ipcChannel('getStatus'), KIOSK_EVENT);
    expect(status).toMatchObject({ ok: true, value: { outOfService: true } });
    const page = await fake.state.protocolHandler!(
      new Request('app://kiosk/_shell/out-of-service.html'),
    );
    expect(page.status).toBe(200);
  });

  it('registers every bridge channel and refuses callers from other origins', async () => {
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual(
      channels.map((c) => ipcChannel(c)).sort(),
    );
    const foreign = await invoke(ipcChannel('getStatus'), {
      senderFrame: { url: 'https://evil.example/', parent: null },
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('locks down the window contents: navigation, new windows, escape keys, context menu', () => {
    const contents = win().webContents;
    const event = (extra: Record<string, unknown> = {}) => ({
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
      ...extra,
    });

    const away = event({ url: 'https://evil.example/' });
    contents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const home = event({ url: 'app://kiosk/index.html' });
    contents.emit('will-navigate', home);
    expect(home.defaultPrevented).toBe(false);

    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });

    const webview = event();
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);

    const reload = event();
    contents.emit('before-input-event', reload, {
      type: 'keyDown',
      key: 'r',
      control: true,
      alt: false,
      meta: false,
      shift: false,
    });
    expect(reload.defaultPrevented).toBe(true);
    const typing = event();
    contents.emit('before-input-event', typing, {
      type: 'keyDown',
      key: 'a',
      control: false,
      alt: false,
      meta: false,
      shift: false,
    });
    expect(typing.defaultPrevented).toBe(false);

    const menu = event();
    contents.emit('context-menu', menu);
    expect(menu.defaultPrevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    fake.state.permissionRequest!({}, 'media', (allowed: boolean) => answers.push(allowed), {
      requestingUrl: 'app://kiosk/index.html',
    });
    expect(answers).toEqual([false]);
    expect(fake.state.permissionCheck!({}, 'notifications', 'app://kiosk')).toBe(false);
  });

  it('reloads the entry page after a renderer crash', () => {
    const before = win().loaded.length;
    win().webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(win().loaded.slice(before)).toEqual(['app://kiosk/index.html']);
  });

  it('refuses to close the window unless the app is quitting', () => {
    const attempt = () => {
      const e = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      (win() as unknown as EventEmitter).emit('close', e);
      return e.defaultPrevented;
    };
    expect(attempt()).toBe(true);
    fake.state.appEvents.emit('before-quit');
    expect(attempt()).toBe(false);
  });

  it('closes the kiosk host and releases the display on quit', () => {
    fake.state.appEvents.emit('will-quit');
    expect(fake.calls).toContain('powerSaveBlocker.stop');
  });
});
