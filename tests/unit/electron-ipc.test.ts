import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { channels, ipcChannel, type Channel } from '../../shared/bridge-channels.ts';
import { ok, type BridgeResult } from '../../shared/result.ts';
import { createKioskHost } from '../../electron/core/host.ts';
import {
  registerBridgeHandlers,
  type BridgeHost,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../electron/main/policy/bridge-handlers.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const invoke = async (
    channel: string,
    event: InvokeEventLike,
    payload?: unknown,
  ): Promise<BridgeResult<unknown>> => {
    const listener = handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return (await listener(event, payload)) as BridgeResult<unknown>;
  };
  return { ipc, handlers, invoke };
}

const mainFrame = (url: string): InvokeEventLike => ({ senderFrame: { url, parent: null } });
const subFrame = (url: string): InvokeEventLike => ({
  senderFrame: { url, parent: { url: 'app://kiosk/index.html' } },
});
const KIOSK = mainFrame('app://kiosk/index.html');

function spyHost(answer: BridgeResult<unknown> = ok({})) {
  const calls: [Channel, unknown][] = [];
  const host: BridgeHost = {
    handle: async (channel, payload) => {
      calls.push([channel, payload]);
      return answer;
    },
  };
  return { host, calls };
}

describe('IPC registration', () => {
  it('registers one handler per bridge channel and can remove them all', () => {
    const { ipc, handlers } = fakeIpcMain();
    const unregister = registerBridgeHandlers(ipc, spyHost().host);
    expect([...handlers.keys()].sort()).toEqual(channels.map((c) => ipcChannel(c)).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('passes a call from the kiosk page to the host on its channel', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const { host, calls } = spyHost(ok({ answerId: 'x' }));
    registerBridgeHandlers(ipc, host);
    const result = await invoke(ipcChannel('startAnswer'), KIOSK, { smiley: 4, language: 'en' });
    expect(result).toEqual(ok({ answerId: 'x' }));
    expect(calls).toEqual([['startAnswer', { smiley: 4, language: 'en' }]]);
  });

  it.each([
    ['a page from another origin', mainFrame('https://evil.example/')],
    ['a file:// page', mainFrame('file:///tmp/phish.html')],
    ['an iframe inside the kiosk page', subFrame('app://kiosk/index.html')],
    ['a frame that is already gone', { senderFrame: null }],
  ])('gives %s `unauthorized` and never calls the host', async (_name, event) => {
    const { ipc, invoke } = fakeIpcMain();
    const { host, calls } = spyHost();
    const logs: string[] = [];
    registerBridgeHandlers(ipc, host, (m) => logs.push(m));
    for (const channel of channels) {
      const result = await invoke(ipcChannel(channel), event, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(calls).toEqual([]);
    expect(logs.length).toBe(channels.length);
  });

  it('turns a host that throws into an `internal` envelope instead of a rejected invoke', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const host: BridgeHost = {
      handle: async () => {
        throw new Error('boom');
      },
    };
    registerBridgeHandlers(ipc, host, () => {});
    await expect(invoke(ipcChannel('getStatus'), KIOSK, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('IPC with the real kiosk host', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) d.remove();
  });

  function realKiosk() {
    const dir = tempDir('lastword-ipc-');
    dirs.push(dir);
    const databasePath = join(dir.path, 'kiosk.sqlite');
    const host = createKioskHost({
      configPath: writeConfig(dir.path, smallConfig()),
      databasePath,
      appVersion: 'test',
      actions: { reload: () => {}, exit: () => {} },
      log: () => {},
    });
    dirs.push({ remove: () => host.close() });
    const { ipc, invoke } = fakeIpcMain();
    registerBridgeHandlers(ipc, host);
    const countAnswers = (): number => {
      const db = new Database(databasePath, { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    return { invoke, countAnswers };
  }

  it('a tap from the kiosk page writes an answer', async () => {
    const k = realKiosk();
    const language = smallConfig().languages.default;
    const result = await k.invoke(ipcChannel('startAnswer'), KIOSK, { smiley: 4, language });
    expect(result).toMatchObject({ ok: true, value: { durable: true } });
    expect(k.countAnswers()).toBe(1);
  });

  it('a malformed payload gets `invalid_request` and writes nothing', async () => {
    const k = realKiosk();
    const result = await k.invoke(ipcChannel('startAnswer'), KIOSK, {
      smiley: 99,
      language: 'en',
      extra: true,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(k.countAnswers()).toBe(0);
  });

  it('the same tap from another origin gets `unauthorized` and writes nothing', async () => {
    const k = realKiosk();
    const language = smallConfig().languages.default;
    const result = await k.invoke(ipcChannel('startAnswer'), mainFrame('https://evil.example/'), {
      smiley: 1,
      language,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(k.countAnswers()).toBe(0);
  });
});
