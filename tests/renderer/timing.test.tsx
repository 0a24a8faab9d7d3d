// Time-driven behaviour: the idle countdown that ends an abandoned answer, and the thank-you
// screen's input lock, after which the faces are back for the next customer.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BridgeError } from '../../renderer/bridge/errors.ts';
import { FAREWELL_MS } from '../../renderer/components/Greeting.tsx';
import { exampleConfig } from './support/config.ts';
import { createFakeBridge, fakeAnswerId } from './support/fake-bridge.ts';
import { idleScreen, renderKiosk, startWith } from './support/render.tsx';

describe('a customer who walks away', () => {
  it('sees "Still there?" for the last five seconds, then the answer is kept as partial', async () => {
    const { user, answerCalls } = await renderKiosk({ fakeTimers: true });
    await startWith(user, 'Good');
    await user.click(screen.getByRole('button', { name: 'Русский' }));
    await screen.findByRole('button', { name: 'Готово' });

    act(() => vi.advanceTimersByTime(24_000));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => vi.advanceTimersByTime(1_500));
    const dialog = screen.getByRole('alertdialog', { name: 'Вы ещё здесь?' });
    expect(dialog.textContent).toContain('Начинаем заново через 5 секунд');
    act(() => vi.advanceTimersByTime(3_000));
    expect(dialog.textContent).toContain('Начинаем заново через 2 секунды');

    act(() => vi.advanceTimersByTime(2_500));
    await idleScreen();
    // Back in the default language for the next customer.
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await waitFor(() => expect(answerCalls().at(-1)?.[0]).toBe('finishAnswer'));
    expect(answerCalls().at(-1)?.[1]).toMatchObject({ status: 'partial' });
  });

  it('keeps going when the customer taps during the countdown', async () => {
    const { user, answerCalls } = await renderKiosk({ fakeTimers: true });
    await startWith(user, 'Good');
    act(() => vi.advanceTimersByTime(27_000));
    await user.click(screen.getByRole('button', { name: "I'm still here" }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => vi.advanceTimersByTime(20_000));
    expect(screen.getByRole('button', { name: 'Done' })).toBeTruthy();
    expect(answerCalls().map(([c]) => c)).not.toContain('finishAnswer');
  });

  it('gives every new screen the full time again', async () => {
    const { user } = await renderKiosk({ fakeTimers: true });
    await startWith(user, 'Good');
    act(() => vi.advanceTimersByTime(20_000));
    await user.click(screen.getByRole('button', { name: 'Done' }));
    act(() => vi.advanceTimersByTime(20_000));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('button', { name: '7' })).toBeTruthy();
  });

  it('leaves the idle faces alone, but puts a changed language back after the timeout', async () => {
    const { user, calls } = await renderKiosk({ fakeTimers: true });
    act(() => vi.advanceTimersByTime(120_000));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Eesti' }));
    act(() => vi.advanceTimersByTime(31_000));
    await idleScreen();
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // Nothing was written: the only calls read the config (at start, and again at idle).
    expect(calls.map(([c]) => c).filter((c) => c !== 'getConfig')).toEqual([]);
  });
});

describe('the thank-you screen', () => {
  async function finish(user: Awaited<ReturnType<typeof renderKiosk>>['user']) {
    await startWith(user, 'Excellent');
    await user.click(await screen.findByRole('button', { name: 'Done' }));
    await user.click(await screen.findByRole('button', { name: '10' }));
    await user.click(await screen.findByRole('button', { name: '7' }));
    await user.click(await screen.findByRole('button', { name: 'Skip' }));
    await screen.findByRole('heading', { name: 'Thank you!' });
  }

  it('ignores taps for three seconds, then the faces are back with the thanks still shown', async () => {
    const { user } = await renderKiosk({ fakeTimers: true });
    await finish(user);
    expect(screen.getByTestId('input-lock')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Excellent' })).toBeNull();
    act(() => vi.advanceTimersByTime(2_900));
    expect(screen.getByTestId('input-lock')).toBeTruthy();
    act(() => vi.advanceTimersByTime(100));
    const faces = (await idleScreen()).closest('section')!;
    expect(screen.queryByTestId('input-lock')).toBeNull();
    // The customer who answered still sees the goodbye over the faces, for a few seconds.
    expect(within(faces).getByText('Thank you!')).toBeTruthy();
    act(() => vi.advanceTimersByTime(FAREWELL_MS));
    expect(screen.queryByText('Thank you!')).toBeNull();
    expect(screen.getByText(exampleConfig().branding.welcome.en!)).toBeTruthy();
  });

  it('lets the next customer answer with one tap as soon as the faces are back', async () => {
    const { user, answerCalls } = await renderKiosk({ fakeTimers: true });
    await finish(user);
    act(() => vi.advanceTimersByTime(3_300)); // the lock, then the double-tap guard
    await user.click(screen.getByRole('button', { name: 'Bad' }));
    const reasons = await screen.findByRole('heading', { name: 'What influenced your rating?' });
    // The goodbye went with the faces (their screen is gone after the next frame).
    expect(within(reasons.closest('.slot')!).queryByText('Thank you!')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'How was your visit today?' })).toBeNull();
    expect(answerCalls().filter(([c]) => c === 'startAnswer')).toHaveLength(2);
  });

  it("brings back the faces without the last customer's goodbye when a tap is not saved", async () => {
    let refuse = false;
    const fake = createFakeBridge({
      startAnswer: async () => {
        if (refuse) throw new BridgeError({ code: 'unavailable', message: 'out of service' });
        return {
          answerId: fakeAnswerId(),
          durable: true,
          possibleRepeat: false,
          alertRaised: false,
        };
      },
    });
    const { user } = await renderKiosk({ fake, fakeTimers: true });
    await finish(user);
    act(() => vi.advanceTimersByTime(3_300));
    expect(within((await idleScreen()).closest('section')!).getByText('Thank you!')).toBeTruthy();
    refuse = true;
    await user.click(screen.getByRole('button', { name: 'Bad' }));
    const faces = (await screen.findByRole('alert')).closest('section')!;
    expect(within(faces).queryByText('Thank you!')).toBeNull();
    expect(within(faces).getByText(exampleConfig().branding.welcome.en!)).toBeTruthy();
  });

  it("stores the next customer's tap after the last answer, never cutting that one short", async () => {
    let finished: () => void = () => undefined;
    const fake = createFakeBridge({
      // A slow host: the last customer's finish is still on its way when the faces are back.
      finishAnswer: () =>
        new Promise((resolve) => {
          finished = () => resolve({ durable: true });
        }),
    });
    const { user, answerCalls } = await renderKiosk({ fake, fakeTimers: true });
    await finish(user);
    act(() => vi.advanceTimersByTime(3_300));
    await user.click(screen.getByRole('button', { name: 'Bad' }));
    await screen.findByRole('heading', { name: 'What influenced your rating?' });
    expect(answerCalls().filter(([c]) => c === 'startAnswer')).toHaveLength(1);
    act(() => finished());
    await waitFor(() =>
      expect(answerCalls().map(([c]) => c)).toEqual([
        'startAnswer',
        'updateAnswer',
        'updateAnswer',
        'finishAnswer',
        'startAnswer',
      ]),
    );
  });

  it('keeps the lock as long as the config asks', async () => {
    const config = exampleConfig((c) => {
      c.thankYouLockSeconds = 5;
    });
    const { user } = await renderKiosk({ fake: createFakeBridge({}, config), fakeTimers: true });
    await finish(user);
    act(() => vi.advanceTimersByTime(4_900));
    expect(screen.getByTestId('input-lock')).toBeTruthy();
    act(() => vi.advanceTimersByTime(100));
    await idleScreen();
  });
});

describe('a kiosk configured with a "tap anywhere" screen', () => {
  it('starts there, and only the second tap answers', async () => {
    const config = exampleConfig((c) => {
      c.survey.attract = 'tapAnywhere';
    });
    const fake = createFakeBridge({}, config);
    const { user, answerCalls } = await renderKiosk({ fake, idle: 'tapToStart' });
    await user.click(screen.getByRole('button', { name: /Tap anywhere to start/ }));
    expect(answerCalls()).toEqual([]);
    await user.click(await screen.findByRole('button', { name: 'Good' }));
    await waitFor(() => expect(answerCalls().map(([c]) => c)).toEqual(['startAnswer']));
  });
});
