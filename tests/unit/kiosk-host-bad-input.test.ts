// What the kiosk host refuses from the screen, against a real host on real SQLite files: a step
// the survey does not allow, an unknown answer, an invalid config. Each is named and writes
// nothing. (One answer's good path: kiosk-host.test.ts.)
import { describe, expect, it } from 'vitest';
import { smallConfig } from '../support/config.ts';
import { hostCall as call } from '../support/host-call.ts';
import { hostHarness } from '../support/kiosk-host.ts';

const h = hostHarness();

describe('kiosk host: bad input writes nothing', () => {
  it.each([
    [
      'a smiley beyond the faces',
      'startAnswer',
      { smiley: 5, language: 'en' },
      /beyond the survey's 4 faces/,
    ],
    [
      'a language the kiosk does not speak',
      'startAnswer',
      { smiley: 2, language: 'fr' },
      /not offered/,
    ],
    [
      'an unknown key',
      'startAnswer',
      { smiley: 2, language: 'en', admin: true },
      /invalid startAnswer request/,
    ],
    [
      'a string score',
      'startAnswer',
      { smiley: '2', language: 'en' },
      /invalid startAnswer request/,
    ],
  ])('rejects %s', async (_what, channel, payload, message) => {
    const k = h.kiosk(`bad-${_what.replace(/\W/g, '')}`);
    const host = k.open();
    const result = await host.handle(channel as 'startAnswer', payload);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringMatching(message) },
    });
    expect(k.read('SELECT count(*) AS n FROM answers')).toEqual([{ n: 0 }]);
  });

  it('names the bad field of a step and leaves the draft as it was', async () => {
    const k = h.kiosk('bad-step');
    const host = k.open();
    const { answerId } = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 1,
      language: 'en',
    });
    const nps = await host.handle('updateAnswer', { answerId, step: { nps: 11 } });
    expect(nps).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', problems: [{ field: 'step.nps' }] },
    });
    const reasons = await host.handle('updateAnswer', { answerId, step: { reasons: ['fast'] } });
    expect(reasons).toMatchObject({
      ok: false,
      error: { message: 'reasons not offered for this score: fast' },
    });
    const consent = await host.handle('updateAnswer', {
      answerId,
      step: { contact: { consentVersion: '2020-01', name: 'Mari', email: 'mari@example.com' } },
    });
    expect(consent).toMatchObject({
      ok: false,
      error: { message: 'consent version "2020-01" is not the current one' },
    });
    expect(k.read('SELECT nps, reasons, contact FROM answers')).toEqual([
      { nps: null, reasons: null, contact: null },
    ]);
  });

  it('answers an unknown answer id with not_found', async () => {
    const host = h.kiosk('unknown').open();
    const result = await host.handle('finishAnswer', {
      answerId: '01935f9e-8d1c-7abc-8def-0123456789ab',
      status: 'complete',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('with an invalid config, serves the problems instead of a survey and takes no answers', async () => {
    const config = smallConfig();
    (config as Record<string, unknown>).collector = { url: 'ftp://x', token: 'short' };
    const host = h.kiosk('bad-config', config).open();
    const got = await host.handle('getConfig', {});
    expect(got).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        problems: expect.arrayContaining([expect.objectContaining({ field: 'collector.url' })]),
      },
    });
    expect(await host.handle('startAnswer', { smiley: 1, language: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(host.status().configError?.map((p) => p.field)).toEqual([
      'collector.url',
      'collector.token',
    ]);
  });
});
