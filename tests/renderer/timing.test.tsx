// Time-driven behaviour: the idle countdown that ends an abandoned answer, and the thank-you
// screen's input lock.
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderKiosk, startWith } from './support/render.tsx';

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
    await screen.findByRole('button', { name: /Tap anywhere to start/ });
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

  it('on the first screen, simply starts over: nothing was answered', async () => {
    const { user, calls } = await renderKiosk({ fakeTimers: true });
    await user.click(screen.getByRole('button', { name: /Tap anywhere to start/ }));
    act(() => vi.advanceTimersByTime(31_000));
    await screen.findByRole('button', { name: /Tap anywhere to start/ });
    // Nothing was written: the only calls read the config (at start, and again at attract).
    expect(calls.map(([c]) => c).filter((c) => c !== 'getConfig')).toEqual([]);
  });
});

describe('the thank-you screen', () => {
  it('ignores taps for three seconds, then returns to the start', async () => {
    const { user } = await renderKiosk({ fakeTimers: true });
    await startWith(user, 'Excellent');
    await user.click(await screen.findByRole('button', { name: 'Done' }));
    await user.click(await screen.findByRole('button', { name: '10' }));
    await user.click(await screen.findByRole('button', { name: '7' }));
    await user.click(await screen.findByRole('button', { name: 'Skip' }));
    await screen.findByRole('heading', { name: 'Thank you!' });

    expect(screen.getByTestId('input-lock')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Done' })).toBeNull();
    act(() => vi.advanceTimersByTime(3_000));
    expect(screen.queryByTestId('input-lock')).toBeNull();
    act(() => vi.advanceTimersByTime(5_000));
    await screen.findByRole('button', { name: /Tap anywhere to start/ });
  });
});
