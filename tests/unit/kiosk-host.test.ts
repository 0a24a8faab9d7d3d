import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createKioskHost, type KioskHost } from '../../electron/core/host.ts';
import { DEMO_PIN, smallConfig, writeConfig } from '../support/config.ts';
import { hostCall as call } from '../support/host-call.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
afterAll(() => dir.remove());

let clock = Date.parse('2026-11-23T09:00:00Z');
const now = () => new Date(clock);
const hosts: KioskHost[] = [];

function kiosk(name: string, config: unknown = smallConfig()) {
  const configPath = writeConfig(dir.path, config, `${name}.json`);
  const databasePath = join(dir.path, `${name}.sqlite`);
  const calls: string[] = [];
  const open = () => {
    const host = createKioskHost({
      configPath,
      databasePath,
      appVersion: '1.2.3',
      now,
      actions: { reload: () => calls.push('reload'), exit: () => calls.push('exit') },
    });
    hosts.push(host);
    return host;
  };
  const read = (sql: string, ...params: unknown[]) => {
    const db = new Database(databasePath, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };
  return { open, read, calls };
}

afterEach(() => {
  hosts.splice(0).forEach((h) => h.close());
  clock += 60_000;
});

describe('kiosk host: one answer through its life', () => {
  it('keeps the first tap as a durable draft with the next seq', async () => {
    const k = kiosk('first-tap');
    const host = k.open();
    const a = await call<{ answerId: string; durable: boolean }>(host, 'startAnswer', {
      smiley: 4,
      language: 'en',
    });
    const b = await call<{ answerId: string }>(host, 'startAnswer', { smiley: 3, language: 'et' });
    expect(a.durable).toBe(true);
    // The second first tap finished the first draft (its screen lost it) as partial.
    expect(k.read('SELECT id, seq, status, smiley, language FROM answers ORDER BY seq')).toEqual([
      { id: a.answerId, seq: 1, status: 'partial', smiley: 4, language: 'en' },
      { id: b.answerId, seq: 2, status: 'draft', smiley: 3, language: 'et' },
    ]);
    expect(k.read('SELECT ref_id FROM outbox')).toEqual([{ ref_id: a.answerId }]);
  });

  it('records each step and queues the answer for sync when it is finished', async () => {
    const k = kiosk('happy');
    const host = k.open();
    const { answerId } = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 4,
      language: 'en',
    });
    await call(host, 'updateAnswer', { answerId, step: { reasons: ['fast', 'friendly'] } });
    await call(host, 'updateAnswer', {
      answerId,
      step: { nps: 10, comment: 'Lovely — ütlen aitäh' },
    });
    await call(host, 'finishAnswer', { answerId, status: 'complete' });
    expect(k.read('SELECT status, reasons, nps, comment, finalized_at FROM answers')).toEqual([
      {
        status: 'complete',
        reasons: '["fast","friendly"]',
        nps: 10,
        comment: 'Lovely — ütlen aitäh',
        finalized_at: now().toISOString(),
      },
    ]);
    expect(k.read('SELECT lane, kind, ref_id FROM outbox')).toEqual([
      { lane: 1, kind: 'answer', ref_id: answerId },
    ]);
    expect(k.read('SELECT count(*) AS n FROM alerts')).toEqual([{ n: 0 }]);
  });

  it('raises a priority alert at the first unhappy tap, before the answer is finished', async () => {
    const k = kiosk('unhappy');
    const host = k.open();
    const start = await call<{ answerId: string; alertRaised: boolean }>(host, 'startAnswer', {
      smiley: 1,
      language: 'en',
    });
    expect(start.alertRaised).toBe(true);
    expect(k.read('SELECT kind, answer_id, detail FROM alerts')).toEqual([
      {
        kind: 'low_score',
        answer_id: start.answerId,
        detail: JSON.stringify({
          kioskId: 'test-kiosk',
          location: 'Test store',
          touchpoint: 'Desk 2',
          smiley: 1,
        }),
      },
    ]);
    expect(k.read('SELECT lane, kind FROM outbox')).toEqual([{ lane: 0, kind: 'alert' }]);
    // A low NPS later does not raise a second low-score alert; "talk to someone" does.
    const later = await call<{ alertRaised: boolean }>(host, 'updateAnswer', {
      answerId: start.answerId,
      step: { nps: 2 },
    });
    expect(later.alertRaised).toBe(false);
    await call(host, 'updateAnswer', {
      answerId: start.answerId,
      step: { reasons: ['wait', 'staff'] },
    });
    const help = await call<{ alertRaised: boolean }>(host, 'requestHelp', {
      answerId: start.answerId,
    });
    expect(help.alertRaised).toBe(true);
    // Staff see what went wrong while the customer waits, before the answer is finished.
    expect(k.read(`SELECT detail FROM alerts WHERE kind = 'talk_now'`)).toEqual([
      {
        detail: JSON.stringify({
          kioskId: 'test-kiosk',
          location: 'Test store',
          touchpoint: 'Desk 2',
          smiley: 1,
          reasons: ['wait', 'staff'],
        }),
      },
    ]);
    expect(k.read('SELECT kind FROM alerts ORDER BY created_at, kind')).toEqual([
      { kind: 'low_score' },
      { kind: 'talk_now' },
    ]);
    expect(k.read('SELECT talk_now FROM answers')).toEqual([{ talk_now: 1 }]);
  });

  it('alerts on a low NPS after a happy face', async () => {
    const k = kiosk('low-nps');
    const host = k.open();
    const { answerId } = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 3,
      language: 'en',
    });
    expect(await call(host, 'updateAnswer', { answerId, step: { nps: 7 } })).toMatchObject({
      alertRaised: false,
    });
    expect(await call(host, 'updateAnswer', { answerId, step: { nps: 5 } })).toMatchObject({
      alertRaised: true,
    });
  });

  it('flags a tap within the configured window as a possible repeat and still alerts, marked so', async () => {
    const k = kiosk('repeat', { ...smallConfig(), repeatWindowSeconds: 10 });
    const host = k.open();
    const first = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 1,
      language: 'en',
    });
    clock += 4_000;
    const second = await call<{ answerId: string; possibleRepeat: boolean; alertRaised: boolean }>(
      host,
      'startAnswer',
      { smiley: 1, language: 'en' },
    );
    expect(second).toMatchObject({ possibleRepeat: true, alertRaised: true });
    // "Talk to someone now" is never refused for a possible repeat, and is not marked as one.
    expect(await call(host, 'requestHelp', { answerId: second.answerId })).toMatchObject({
      alertRaised: true,
    });
    clock += 11_000;
    const third = await call<{ possibleRepeat: boolean }>(host, 'startAnswer', {
      smiley: 4,
      language: 'en',
    });
    expect(third.possibleRepeat).toBe(false);
    expect(k.read('SELECT seq, possible_repeat FROM answers ORDER BY seq')).toEqual([
      { seq: 1, possible_repeat: 0 },
      { seq: 2, possible_repeat: 1 },
      { seq: 3, possible_repeat: 0 },
    ]);
    const alerts = k
      .read('SELECT answer_id, kind, detail FROM alerts ORDER BY created_at, kind')
      .map((a) => [a.answer_id, a.kind, JSON.parse(a.detail as string).possibleRepeat]);
    expect(alerts).toEqual([
      [first.answerId, 'low_score', undefined],
      [second.answerId, 'low_score', true],
      [second.answerId, 'talk_now', undefined],
    ]);
  });

  it('by default takes a first tap 3 s after the previous one for the next customer in a queue', async () => {
    const host = kiosk('queue').open();
    await call(host, 'startAnswer', { smiley: 4, language: 'en' });
    clock += 2_999;
    expect(await call(host, 'startAnswer', { smiley: 4, language: 'en' })).toMatchObject({
      possibleRepeat: true,
    });
    clock += 3_000;
    expect(await call(host, 'startAnswer', { smiley: 4, language: 'en' })).toMatchObject({
      possibleRepeat: false,
    });
  });

  it('finalises a walked-away answer as partial and refuses later changes', async () => {
    const k = kiosk('walk-away');
    const host = k.open();
    const { answerId } = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 2,
      language: 'en',
    });
    await call(host, 'finishAnswer', { answerId, status: 'partial' });
    const late = await host.handle('updateAnswer', { answerId, step: { nps: 9 } });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(k.read('SELECT status, nps FROM answers')).toEqual([{ status: 'partial', nps: null }]);
  });

  it('after a crash, finalises leftover drafts as partial at the next start', async () => {
    const k = kiosk('crash');
    const first = k.open();
    const { answerId } = await call<{ answerId: string }>(first, 'startAnswer', {
      smiley: 4,
      language: 'en',
    });
    first.close(); // the process died with the draft open
    hosts.splice(hosts.indexOf(first), 1);
    const second = k.open();
    expect(k.read('SELECT id, status FROM answers')).toEqual([{ id: answerId, status: 'partial' }]);
    expect(k.read('SELECT kind, ref_id FROM outbox')).toEqual([
      { kind: 'answer', ref_id: answerId },
    ]);
    const next = await call<{ answerId: string }>(second, 'startAnswer', {
      smiley: 4,
      language: 'en',
    });
    expect(k.read('SELECT seq FROM answers WHERE id = ?', next.answerId)).toEqual([{ seq: 2 }]);
  });
});

describe('kiosk host: the counter settings the screen needs', () => {
  it('serves the thank-you lock and the idle screen, by default 3 s and the faces', async () => {
    const plain = await call(kiosk('counter-default').open(), 'getConfig', {});
    expect(plain).toMatchObject({ thankYouLockSeconds: 3, survey: { attract: 'faces' } });
    const config = smallConfig();
    const custom = {
      ...config,
      thankYouLockSeconds: 5,
      survey: { ...config.survey, attract: 'tapAnywhere' },
    };
    expect(await call(kiosk('counter-custom', custom).open(), 'getConfig', {})).toMatchObject({
      thankYouLockSeconds: 5,
      survey: { attract: 'tapAnywhere' },
    });
  });
});

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
    const k = kiosk(`bad-${_what.replace(/\W/g, '')}`);
    const host = k.open();
    const result = await host.handle(channel as 'startAnswer', payload);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringMatching(message) },
    });
    expect(k.read('SELECT count(*) AS n FROM answers')).toEqual([{ n: 0 }]);
  });

  it('names the bad field of a step and leaves the draft as it was', async () => {
    const k = kiosk('bad-step');
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
    const host = kiosk('unknown').open();
    const result = await host.handle('finishAnswer', {
      answerId: '01935f9e-8d1c-7abc-8def-0123456789ab',
      status: 'complete',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('with an invalid config, serves the problems instead of a survey and takes no answers', async () => {
    const config = smallConfig();
    (config as Record<string, unknown>).collector = { url: 'ftp://x', token: 'short' };
    const host = kiosk('bad-config', config).open();
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

describe('kiosk host: admin access', () => {
  it('locks the PIN pad for 5 minutes after 5 wrong PINs, across a restart', async () => {
    const k = kiosk('admin-lock');
    let host = k.open();
    for (let left = 4; left >= 1; left--) {
      expect(await call(host, 'unlockAdmin', { pin: '000000' })).toEqual({
        session: null,
        attemptsLeft: left,
        lockedUntil: null,
      });
    }
    const locked = await call<{ lockedUntil: string }>(host, 'unlockAdmin', { pin: '000000' });
    expect(locked.lockedUntil).toBe(new Date(clock + 5 * 60_000).toISOString());
    host.close();
    host = k.open();
    expect(await call(host, 'unlockAdmin', { pin: DEMO_PIN })).toMatchObject({
      session: null,
      attemptsLeft: 0,
    });
    clock += 5 * 60_000 + 1;
    const unlocked = await call<{ session: string }>(host, 'unlockAdmin', { pin: DEMO_PIN });
    expect(unlocked.session).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // The right PIN starts the count again.
    expect(await call(host, 'unlockAdmin', { pin: '000000' })).toMatchObject({ attemptsLeft: 4 });
  });

  it('doubles the lock for each further wrong PIN, up to a day, across a restart', async () => {
    const k = kiosk('admin-escalate');
    let host = k.open();
    for (let i = 0; i < 4; i++) await call(host, 'unlockAdmin', { pin: '000000' });
    const fifth = await call<{ lockedUntil: string }>(host, 'unlockAdmin', { pin: '000000' });
    let until = Date.parse(fifth.lockedUntil);
    const locks: number[] = [];
    for (let i = 0; i < 10; i++) {
      // Locked across a restart: even the right PIN is refused until the lock ends.
      host.close();
      host = k.open();
      clock = until - 1;
      expect(await call(host, 'unlockAdmin', { pin: DEMO_PIN })).toMatchObject({ session: null });
      // Once it ends, a single wrong PIN locks it again, for twice as long.
      clock = until;
      const next = await call<{ lockedUntil: string }>(host, 'unlockAdmin', { pin: '000000' });
      until = Date.parse(next.lockedUntil);
      locks.push((until - clock) / 60_000);
    }
    expect(locks).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 1440, 1440]);
    clock = until;
    const { session } = await call<{ session: string | null }>(host, 'unlockAdmin', {
      pin: DEMO_PIN,
    });
    expect(session).not.toBeNull();
  });

  it('refuses a PIN shorter than 6 digits without checking it', async () => {
    const host = kiosk('admin-short').open();
    expect(await host.handle('unlockAdmin', { pin: '2468' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        problems: [{ field: 'pin', reason: 'must be 6-12 digits' }],
      },
    });
  });

  it('runs admin actions only with a valid session', async () => {
    const k = kiosk('admin-actions');
    const host = k.open();
    expect(await host.handle('reloadKiosk', { session: 'x'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    const { session } = await call<{ session: string }>(host, 'unlockAdmin', { pin: DEMO_PIN });
    await call(host, 'reloadKiosk', { session });
    await call(host, 'sendTestAlert', { session });
    await call(host, 'setDefaultLanguage', { session, language: 'et' });
    expect(k.calls).toEqual(['reload']);
    expect(k.read('SELECT kind, answer_id FROM alerts')).toEqual([
      { kind: 'test', answer_id: null },
    ]);
    expect(await call(host, 'getConfig', {})).toMatchObject({ languages: { default: 'et' } });
    const status = await call<Record<string, unknown>>(host, 'getStatus', {});
    expect(status).toMatchObject({
      kioskId: 'test-kiosk',
      appVersion: '1.2.3',
      queueDepth: 1,
      storage: { ok: true },
    });
  });
});
