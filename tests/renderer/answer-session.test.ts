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
    await vi.advanceTimersByTimeAsync(2.5 * KEEP_ALIVE_MS);
    expect(touches(fake)).toEqual([{ answerId }, { answerId }]);
    const finished = session.finish('complete');
    await vi.advanceTimersByTimeAsync(10 * KEEP_ALIVE_MS);
    await finished;
    expect(touches(fake)).toHaveLength(2);
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
