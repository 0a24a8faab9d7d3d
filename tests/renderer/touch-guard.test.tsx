import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderKiosk } from './support/render.tsx';

const touch = (
  type: 'pointerDown' | 'pointerMove' | 'pointerUp',
  id: number,
  target: Element,
  at = { clientX: 10, clientY: 10 },
) => fireEvent[type](target, { pointerId: id, pointerType: 'touch', isPrimary: id === 1, ...at });
/** The finger leaves the glass; false when the guard cancelled the browser's own click. */
const lift = (target: Element) => fireEvent.touchEnd(target, { cancelable: true });

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

  it("on a button act as the finger lifts, without waiting for the browser's click", async () => {
    const { answerCalls } = await renderKiosk();
    const face = screen.getByRole('button', { name: 'Excellent' });
    touch('pointerDown', 1, face);
    touch('pointerUp', 1, face);
    // Cancelled: the browser's click would come a frame later and act a second time.
    expect(lift(face)).toBe(false);
    expect(screen.getByRole('heading', { name: 'What influenced your rating?' })).toBeTruthy();
    await waitFor(() => expect(answerCalls().map(([c]) => c)).toEqual(['startAnswer']));
  });

  it('that slid off the button are left to the browser', async () => {
    const { answerCalls } = await renderKiosk();
    const face = screen.getByRole('button', { name: 'Excellent' });
    touch('pointerDown', 1, face);
    touch('pointerMove', 1, face, { clientX: 60, clientY: 10 });
    touch('pointerUp', 1, face, { clientX: 60, clientY: 10 });
    expect(lift(face)).toBe(true);
    expect(screen.getByRole('button', { name: 'Excellent' })).toBeTruthy();
    expect(answerCalls()).toEqual([]);
  });

  it('open no long-press menu', async () => {
    await renderKiosk();
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    screen.getByRole('button', { name: 'Excellent' }).dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });
});
