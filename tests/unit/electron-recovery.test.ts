import { describe, expect, it } from 'vitest';
import { createCrashBudget } from '../../electron/main/policy/crash-budget.ts';
import { createRecovery, type RecoveryActions } from '../../electron/main/policy/recovery.ts';
import { fakeClock } from '../support/fake-clock.ts';

const MINUTE = 60_000;

describe('crash budget', () => {
  it('absorbs five crashes in ten minutes and is exhausted by the sixth', () => {
    const c = fakeClock();
    const budget = createCrashBudget({ max: 5, windowMs: 10 * MINUTE, now: c.nowMs });
    for (let i = 0; i < 5; i++) {
      budget.record();
      c.advance(MINUTE);
    }
    expect(budget.exhausted()).toBe(false);
    budget.record();
    expect(budget.exhausted()).toBe(true);
  });

  it('never runs out when crashes are eleven minutes apart', () => {
    const c = fakeClock();
    const budget = createCrashBudget({ max: 5, windowMs: 10 * MINUTE, now: c.nowMs });
    for (let i = 0; i < 50; i++) {
      budget.record();
      expect(budget.exhausted()).toBe(false);
      c.advance(11 * MINUTE);
    }
  });

  it('forgets old crashes: six crashes spread over more than ten minutes are fine', () => {
    const c = fakeClock();
    const budget = createCrashBudget({ max: 5, windowMs: 10 * MINUTE, now: c.nowMs });
    for (let i = 0; i < 6; i++) {
      budget.record();
      c.advance(2.5 * MINUTE);
    }
    expect(budget.recent()).toBeLessThanOrEqual(5);
    expect(budget.exhausted()).toBe(false);
  });
});

function harness(hangMs = 30_000) {
  const c = fakeClock();
  const calls: string[] = [];
  const outReasons: string[] = [];
  const actions: RecoveryActions = {
    reload: () => calls.push('reload'),
    killRenderer: () => calls.push('kill'),
    outOfService: (reason) => {
      calls.push('out-of-service');
      outReasons.push(reason);
    },
    log: () => {},
  };
  const recovery = createRecovery({
    budget: createCrashBudget({ max: 5, windowMs: 10 * MINUTE, now: c.nowMs }),
    actions,
    timers: c.timers,
    hangMs,
  });
  return { recovery, calls, advance: c.advance, outReasons, pendingTimers: c.pending };
}

describe('renderer recovery', () => {
  it('reloads the page when the renderer crashes', () => {
    const h = harness();
    h.recovery.rendererGone('crashed');
    expect(h.calls).toEqual(['reload']);
  });

  it('kills and then reloads a page that stays unresponsive for 30 s', () => {
    const h = harness();
    h.recovery.unresponsive();
    h.advance(29_000);
    expect(h.calls).toEqual([]);
    h.advance(1_000);
    expect(h.calls).toEqual(['kill']);
    // Killing the renderer is what emits render-process-gone.
    h.recovery.rendererGone('killed');
    expect(h.calls).toEqual(['kill', 'reload']);
  });

  it('leaves a page alone that becomes responsive again within 30 s', () => {
    const h = harness();
    h.recovery.unresponsive();
    h.advance(20_000);
    h.recovery.responsive();
    h.advance(60_000);
    expect(h.calls).toEqual([]);
    expect(h.pendingTimers()).toBe(0);
  });

  it('counts a hang only once even if unresponsive fires repeatedly', () => {
    const h = harness();
    h.recovery.unresponsive();
    h.advance(10_000);
    h.recovery.unresponsive();
    h.advance(20_000);
    expect(h.calls).toEqual(['kill']);
  });

  it('shows the out-of-service page on the 6th failure in 10 minutes and stops reloading', () => {
    const h = harness();
    for (let i = 0; i < 5; i++) {
      h.recovery.rendererGone('crashed');
      h.advance(MINUTE);
    }
    expect(h.calls).toEqual(['reload', 'reload', 'reload', 'reload', 'reload']);
    h.recovery.rendererGone('oom');
    expect(h.calls.at(-1)).toBe('out-of-service');
    expect(h.recovery.isOutOfService()).toBe(true);
    expect(h.outReasons[0]).toMatch(/6 times.*renderer oom/);

    // No crash loop: further failures of whatever is on screen do nothing.
    h.recovery.rendererGone('crashed');
    h.recovery.unresponsive();
    h.advance(60_000);
    expect(h.calls.filter((c) => c === 'out-of-service')).toHaveLength(1);
    expect(h.calls.filter((c) => c === 'reload')).toHaveLength(5);
    expect(h.calls).not.toContain('kill');
  });

  it('keeps reloading a kiosk whose crashes are eleven minutes apart', () => {
    const h = harness();
    for (let i = 0; i < 20; i++) {
      h.recovery.rendererGone('crashed');
      h.advance(11 * MINUTE);
    }
    expect(h.calls).toEqual(Array(20).fill('reload'));
  });

  it('names the hang in the out-of-service reason when a hang is the last straw', () => {
    const h = harness();
    for (let i = 0; i < 5; i++) h.recovery.rendererGone('crashed');
    h.recovery.unresponsive();
    h.advance(30_000);
    h.recovery.rendererGone('killed');
    expect(h.outReasons[0]).toMatch(/unresponsive for 30 s/);
  });

  it('does nothing once disposed (the app is quitting)', () => {
    const h = harness();
    h.recovery.unresponsive();
    h.recovery.dispose();
    h.advance(60_000);
    h.recovery.rendererGone('crashed');
    expect(h.calls).toEqual([]);
  });
});
