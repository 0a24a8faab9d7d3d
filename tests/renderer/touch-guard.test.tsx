import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderKiosk } from './support/render.tsx';

const touch = (type: 'pointerDown' | 'pointerUp', id: number, target: Element) =>
  fireEvent[type](target, { pointerId: id, pointerType: 'touch', isPrimary: id === 1 });

describe('touches', () => {
  it('with three or more fingers on the panel do nothing', async () => {
    const { answerCalls } = await renderKiosk();
    const face = screen.getByRole('button', { name: 'Excellent' });
    for (const id of [1, 2, 3]) touch('pointerDown', id, face);
    for (const id of [1, 2, 3]) touch('pointerUp', id, face);
    fireEvent.click(face);
    expect(screen.getByRole('button', { name: 'Excellent' })).toBeTruthy();
    expect(answerCalls()).toEqual([]);
  });

  it('with two fingers still count as a tap', async () => {
    const { answerCalls } = await renderKiosk();
    const face = screen.getByRole('button', { name: 'Excellent' });
    for (const id of [1, 2]) touch('pointerDown', id, face);
    for (const id of [1, 2]) touch('pointerUp', id, face);
    fireEvent.click(face);
    expect(
      await screen.findByRole('heading', { name: 'What influenced your rating?' }),
    ).toBeTruthy();
    await waitFor(() => expect(answerCalls().map(([c]) => c)).toEqual(['startAnswer']));
  });

  it('on a button move no focus there and send no emulated mouse events; a mouse still does', async () => {
    await renderKiosk();
    const face = screen.getByRole('button', { name: 'Excellent' });
    // dispatchEvent's result: false when a listener called preventDefault().
    expect(touch('pointerDown', 1, face)).toBe(false);
    touch('pointerUp', 1, face);
    expect(fireEvent.pointerDown(face, { pointerId: 9, pointerType: 'mouse' })).toBe(true);
  });

  it('open no long-press menu', async () => {
    await renderKiosk();
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    screen.getByRole('button', { name: 'Excellent' }).dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });
});
