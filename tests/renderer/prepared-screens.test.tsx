// The next screen is drawn ahead, hidden, while the customer reads this one, so the tap that
// opens it only reveals it (ScreenFrame's usePrepared). What the customer and a screen reader
// must never notice: the hidden screen cannot be found, reached or typed into before its turn.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderKiosk, startWith } from './support/render.tsx';

const preparedBox = () => document.querySelector<HTMLTextAreaElement>('.slot.prepared textarea');

describe('the screen drawn ahead', () => {
  it('is the comment screen under the effort question, hidden, and the tap shows that very one', async () => {
    const { user } = await renderKiosk();
    await startWith(user, 'Good');
    await user.click(screen.getByRole('button', { name: 'Done' }));
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
});
