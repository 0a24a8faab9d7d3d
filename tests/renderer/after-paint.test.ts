// Work held back until after the next paint still runs when no frame comes: a hidden page, or a
// test whose DOM is already gone (the fallback once threw there, in CI, after the file ended).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from '../../renderer/after-paint.ts';

describe('afterPaint', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('runs the work once, in a task after the frame, and not at all when cancelled', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const work = vi.fn();
    afterPaint(work);
    const cancelled = vi.fn();
    afterPaint(cancelled)();
    for (const frame of frames) frame(16);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    expect(work).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('runs the work by its fallback when no frame comes, even with the frame API gone', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', () => 1);
    vi.stubGlobal('cancelAnimationFrame', undefined);
    const work = vi.fn();
    afterPaint(work);
    vi.advanceTimersByTime(100);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
