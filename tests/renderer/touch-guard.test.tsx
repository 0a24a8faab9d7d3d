import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderKiosk } from './support/render.tsx';

const touch = (type: 'pointerDown' | 'pointerUp', id: number, target: Element) =>
  fireEvent[type](target, { pointerId: id, pointerType: 'touch', isPrimary: id === 1 });

describe('touches', () => {
  it('with three or more fingers on the panel do nothing', async () => {
    await renderKiosk();
    const start = screen.getByRole('button', { name: /Tap anywhere to start/ });
    for (const id of [1, 2, 3]) touch('pointerDown', id, start);
    for (const id of [1, 2, 3]) touch('pointerUp', id, start);
    fireEvent.click(start);
    expect(screen.getByRole('button', { name: /Tap anywhere to start/ })).toBeTruthy();
  });

  it('with two fingers still count as a tap', async () => {
    await renderKiosk();
    const start = screen.getByRole('button', { name: /Tap anywhere to start/ });
    for (const id of [1, 2]) touch('pointerDown', id, start);
    for (const id of [1, 2]) touch('pointerUp', id, start);
    fireEvent.click(start);
    expect(await screen.findByRole('button', { name: 'Excellent' })).toBeTruthy();
  });

  it('open no long-press menu', async () => {
    await renderKiosk();
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    screen.getByRole('button', { name: /Tap anywhere to start/ }).dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });
});
