// The next screen is drawn ahead, hidden, while the customer reads this one, so the tap that
// opens it only reveals it (ScreenFrame's usePrepared); the one just left is taken down only
// after that frame (useLeaving). What the customer and a screen reader must never notice: a
// hidden screen cannot be found, reached or typed into before its turn, or after it.
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { idleScreen, renderKiosk, startWith } from './support/render.tsx';

const preparedBox = () => document.querySelector<HTMLTextAreaElement>('.slot.prepared textarea');

describe('the screen drawn ahead', () => {
  it('is the comment screen under the effort question, hidden, and the tap shows that very one', async () => {
    const { user } = await renderKiosk();
    await startWith(user, 'Good');
    await user.click(await screen.findByRole('button', { name: 'Done' }));
    await user.click(await screen.findByRole('button', { name: '8' }));
    await screen.findByRole('heading', { name: /How easy/ });

    // Its keys too, once the keyboard's code is in (the kiosk fetches it while idle).
    await waitFor(() => expect(document.querySelector('.slot.prepared .hg-button')).not.toBeNull());
    const drawn = preparedBox()!;
    const slot = drawn.closest('.slot')!;
    expect(slot.hasAttribute('inert')).toBe(true);
    expect(slot.getAttribute('aria-hidden')).toBe('true');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    // Its keyboard does not listen to the page yet: a tap here walks none of its keys.
    expect(document.onpointerup).toBeNull();

    await user.click(screen.getByRole('button', { name: '5' }));
    expect(await screen.findByRole('textbox')).toBe(drawn);
    expect(drawn.closest('.slot')!.hasAttribute('inert')).toBe(false);
    expect(document.onpointerup).not.toBeNull();
  });

  it('keeps the goodbye drawn under the comment screen from starting its lock', async () => {
    const { user } = await renderKiosk({ fakeTimers: true });
    await startWith(user, 'Good');
    await user.click(screen.getByRole('button', { name: 'Done' }));
    await user.click(await screen.findByRole('button', { name: '8' }));
    await user.click(await screen.findByRole('button', { name: '5' }));
    await screen.findByRole('textbox');
    await waitFor(() =>
      expect(document.querySelector('.slot.prepared .screen-thanks')).not.toBeNull(),
    );
    // Longer than the lock: a goodbye that started it while hidden would have spent it by now,
    // and once shown would hold the kiosk for good.
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByRole('textbox')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Skip' }));
    await screen.findByRole('heading', { name: 'Thank you!' });
    act(() => vi.advanceTimersByTime(2_900));
    expect(screen.queryByRole('button', { name: 'Good' })).toBeNull();
    act(() => vi.advanceTimersByTime(100));
    await idleScreen();
  });

  it('takes the screen just left out of reach at once, and down after the next frame', async () => {
    const { user } = await renderKiosk();
    await startWith(user, 'Good');
    // The faces' screen is still in the DOM for a frame, but nobody can find or reach it.
    const left = document.querySelector('.slot.leaving');
    expect(left?.querySelector('.screen-smiley')).not.toBeNull();
    expect(left?.hasAttribute('inert')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Good' })).toBeNull();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    await waitFor(() => expect(document.querySelector('.slot.leaving')).toBeNull());
    expect(document.querySelector('.screen-smiley')).toBeNull();
  });
});
