// For customers who use a screen reader or need bigger text: a screen change is announced and
// focus lands on the new heading; a larger-text option sits beside high contrast.
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderKiosk, startWith } from './support/render.tsx';

describe('accessibility', () => {
  it('moves focus to the new screen heading and announces it politely', async () => {
    const { user } = await renderKiosk();
    await startWith(user, 'Good');
    const heading = await screen.findByRole('heading', { name: 'What influenced your rating?' });
    // Once the new screen has been painted, not in the tap's own frame.
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const live = screen.getByRole('status');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('What influenced your rating?');

    await user.click(screen.getByRole('button', { name: 'Done' }));
    const nps = await screen.findByRole('heading', { name: /recommend us/ });
    await waitFor(() => expect(document.activeElement).toBe(nps));
    expect(live.textContent).toBe(nps.textContent);
  });

  it('offers larger text beside high contrast, for this customer only', async () => {
    const { user } = await renderKiosk({ fakeTimers: true });
    const larger = () => screen.getByRole('button', { name: 'Larger text' });
    expect(screen.getByRole('button', { name: 'High contrast' })).toBeTruthy();
    await user.click(larger());
    expect(larger().getAttribute('aria-pressed')).toBe('true');
    // Every size is in rem, so the class on the root is what makes all of the text larger.
    const root = document.documentElement.classList;
    expect(root.contains('large-text')).toBe(true);

    // The customer walks away: the next one gets the usual size.
    act(() => vi.advanceTimersByTime(31_000));
    await waitFor(() => expect(root.contains('large-text')).toBe(false));
    expect(larger().getAttribute('aria-pressed')).toBe('false');
    // The idle panel fetched the typing screens' code meanwhile: let it land before teardown.
    await vi.dynamicImportSettled();
  });
});
