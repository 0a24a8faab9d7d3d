// For customers who use a screen reader or need bigger text: a screen change is announced and
// focus lands on the new heading; a larger-text option sits beside high contrast.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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
    const { user, view } = await renderKiosk();
    const larger = screen.getByRole('button', { name: 'Larger text' });
    expect(screen.getByRole('button', { name: 'High contrast' })).toBeTruthy();
    await user.click(larger);
    expect(larger.getAttribute('aria-pressed')).toBe('true');
    expect(view.container.querySelector('.kiosk')?.classList.contains('large-text')).toBe(true);
  });
});
