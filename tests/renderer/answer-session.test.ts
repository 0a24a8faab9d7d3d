// While an answer is open the screen tells the host it is still there, so the host's deadline for
// abandoned drafts never finishes the answer of a customer taking their time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEEP_ALIVE_MS, openAnswer } from '../../renderer/state/answer-session.ts';
import { createFakeBridge, fakeAnswerId } from './support/fake-bridge.ts';

afterEach(() => vi.useRealTimers());

const touches = (fake: ReturnType<typeof createFakeBridge>) =>
  fake.calls.filter(([c]) => c === 'touchAnswer').map(([, r]) => r);

describe('an open answer', () => {
  it('is kept alive on the host every few seconds until it is finished', async () => {
    vi.useFakeTimers();
    const answerId = fakeAnswerId();
    const fake = createFakeBridge({
      startAnswer: async () => ({
        answerId,
        durable: true,
        possibleRepeat: false,
        alertRaised: false,
      }),
    });
    const session = openAnswer(fake.client, { smiley: 4, language: 'en' }, () => {});
    // The first tick after the start sends nothing: the start told the host.
    await vi.advanceTimersByTimeAsync(1.5 * KEEP_ALIVE_MS);
    expect(touches(fake)).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * KEEP_ALIVE_MS);
    expect(touches(fake)).toEqual([{ answerId }, { answerId }]);
    const finished = session.finish('complete');
    await vi.advanceTimersByTimeAsync(10 * KEEP_ALIVE_MS);
    await finished;
    expect(touches(fake)).toHaveLength(2);
  });

  it('sends no keep-alive while the customer is answering, and one once they stop', async () => {
    vi.useFakeTimers();
    const fake = createFakeBridge();
    const session = openAnswer(fake.client, { smiley: 2, language: 'en' }, () => {});
    for (let i = 0; i < 8; i++) {
      void session.update({ nps: i });
      await vi.advanceTimersByTimeAsync(0.6 * KEEP_ALIVE_MS);
    }
    expect(touches(fake)).toEqual([]);
    expect(fake.calls.filter(([c]) => c === 'updateAnswer')).toHaveLength(8);
    // Reading the next question, or typing a long comment: the host hears from the screen within
    // two ticks of the last write.
    await vi.advanceTimersByTimeAsync(2 * KEEP_ALIVE_MS);
    expect(touches(fake)).toHaveLength(1);
  });

  it('is not kept alive when it could not be started', async () => {
    vi.useFakeTimers();
    const fake = createFakeBridge({
      startAnswer: async () => {
        throw new Error('disk gone');
      },
    });
    openAnswer(fake.client, { smiley: 4, language: 'en' }, () => {});
    await vi.advanceTimersByTimeAsync(10 * KEEP_ALIVE_MS);
    expect(touches(fake)).toEqual([]);
  });
});
