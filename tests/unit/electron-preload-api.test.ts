import { describe, expect, it } from 'vitest';
import { channels, ipcChannel } from '../../shared/bridge-channels.ts';
import { createKioskApi } from '../../electron/preload/api.ts';

describe('window.kiosk (preload API)', () => {
  it('has exactly one named function per bridge channel, and nothing else', () => {
    const api = createKioskApi(async () => null);
    expect(Object.keys(api).sort()).toEqual([...channels].sort());
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('sends each call on its own channel with the request as given', async () => {
    const sent: [string, unknown][] = [];
    const api = createKioskApi(async (channel, request) => {
      sent.push([channel, request]);
      return { ok: true, value: {} };
    });
    await api.startAnswer({ smiley: 5, language: 'en' });
    await api.getStatus({});
    expect(sent).toEqual([
      [ipcChannel('startAnswer'), { smiley: 5, language: 'en' }],
      [ipcChannel('getStatus'), {}],
    ]);
  });

  it('hands back whatever envelope the host answered', async () => {
    const api = createKioskApi(async () => ({
      ok: false,
      error: { code: 'unavailable', message: 'out of service' },
    }));
    await expect(api.getConfig({})).resolves.toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'out of service' },
    });
  });

  it('cannot be changed by the page', () => {
    const api = createKioskApi(async () => null);
    expect(Object.isFrozen(api)).toBe(true);
  });
});
