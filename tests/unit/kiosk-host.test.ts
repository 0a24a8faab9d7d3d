// One answer through the kiosk host, against a real host on real SQLite files: the first tap,
// steps, alerts, possible repeats, walk-aways and crash recovery, and the counter settings the
// screen reads. (What the host refuses: kiosk-host-bad-input.test.ts.)
import { describe, expect, it } from 'vitest';
import { smallConfig } from '../support/config.ts';
import { hostCall as call } from '../support/host-call.ts';
import { hostHarness } from '../support/kiosk-host.ts';

const h = hostHarness();

describe('kiosk host: one answer through its life', () => {
  it('keeps the first tap as a durable draft with the next seq', async () => {
    const k = h.kiosk('first-tap');
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
    const k = h.kiosk('happy');
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
        finalized_at: h.now().toISOString(),
      },
    ]);
    expect(k.read('SELECT lane, kind, ref_id FROM outbox')).toEqual([
      { lane: 1, kind: 'answer', ref_id: answerId },
    ]);
    expect(k.read('SELECT count(*) AS n FROM alerts')).toEqual([{ n: 0 }]);
  });

  it('raises a priority alert at the first unhappy tap, before the answer is finished', async () => {
    const k = h.kiosk('unhappy');
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
    const k = h.kiosk('low-nps');
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
    const k = h.kiosk('repeat', { ...smallConfig(), repeatWindowSeconds: 10 });
    const host = k.open();
    const first = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 1,
      language: 'en',
    });
    h.clock += 4_000;
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
    h.clock += 11_000;
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
    const host = h.kiosk('queue').open();
    await call(host, 'startAnswer', { smiley: 4, language: 'en' });
    h.clock += 2_999;
    expect(await call(host, 'startAnswer', { smiley: 4, language: 'en' })).toMatchObject({
      possibleRepeat: true,
    });
    h.clock += 3_000;
    expect(await call(host, 'startAnswer', { smiley: 4, language: 'en' })).toMatchObject({
      possibleRepeat: false,
    });
  });

  it('finalises a walked-away answer as partial and refuses later changes', async () => {
    const k = h.kiosk('walk-away');
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
    const k = h.kiosk('crash');
    const first = k.open();
    const { answerId } = await call<{ answerId: string }>(first, 'startAnswer', {
      smiley: 4,
      language: 'en',
    });
    first.close(); // the process died with the draft open
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
    const plain = await call(h.kiosk('counter-default').open(), 'getConfig', {});
    expect(plain).toMatchObject({ thankYouLockSeconds: 3, survey: { attract: 'faces' } });
    const config = smallConfig();
    const custom = {
      ...config,
      thankYouLockSeconds: 5,
      survey: { ...config.survey, attract: 'tapAnywhere' },
    };
    expect(await call(h.kiosk('counter-custom', custom).open(), 'getConfig', {})).toMatchObject({
      thankYouLockSeconds: 5,
      survey: { attract: 'tapAnywhere' },
    });
  });
});
