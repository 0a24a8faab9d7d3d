// Kiosk hygiene for the whole page: a palm or a child's whole hand on the panel (more than two
// contact points) does nothing; no long-press menu, no drag, no text selection; a touched button
// takes no focus. And a tapped button acts the moment the finger lifts: Chromium sends a touch
// tap's click only after the next frame (the press's :active look) has been drawn, so the screen
// the tap asked for waited a whole frame behind it (bench/tap-latency.ts traces: 6-16 ms of main
// thread at 4x CPU throttling before the click was even dispatched). The lift clicks the button
// itself and cancels the browser's late click (preventDefault on touchend).
import { useEffect } from 'react';

const MAX_CONTACTS = 2;
/** How long after a many-finger touch ends its stray click is still swallowed. */
const AFTERSHOCK_MS = 400;
/** A finger that moved further than this (CSS px) is not a tap: the browser decides, as always. */
const TAP_SLOP_PX = 10;

interface Press {
  pointerId: number;
  button: HTMLButtonElement;
  x: number;
  y: number;
}

export function useTouchGuard(target: Window = window): void {
  useEffect(() => {
    const contacts = new Set<number>();
    let suppressing = false;
    let suppressUntil = 0;
    /** The one finger on a button, while it may still become a tap. */
    let press: Press | null = null;

    const swallow = (e: Event) => {
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const onDown = (e: PointerEvent) => {
      if (e.pointerType !== 'touch') return;
      // A tapped button needs no focus and no emulated mouse events (its click still comes):
      // they are six to eight more events through React's root listeners and a forced style
      // pass inside the tap, before the frame that answers it. Focus moves to the new screen's
      // heading once that frame is painted (useScreenAnnouncer).
      const button = e.target instanceof Element ? e.target.closest('button') : null;
      if (button) e.preventDefault();
      contacts.add(e.pointerId);
      press =
        button && contacts.size === 1
          ? { pointerId: e.pointerId, button, x: e.clientX, y: e.clientY }
          : null;
      if (contacts.size > MAX_CONTACTS) suppressing = true;
      if (suppressing) swallow(e);
    };
    const onMove = (e: PointerEvent) => {
      if (press?.pointerId !== e.pointerId) return;
      if (Math.hypot(e.clientX - press.x, e.clientY - press.y) > TAP_SLOP_PX) press = null;
    };
    const onUp = (e: PointerEvent) => {
      if (e.pointerType !== 'touch') return;
      contacts.delete(e.pointerId);
      if (e.type === 'pointercancel' && press?.pointerId === e.pointerId) press = null;
      if (suppressing) {
        swallow(e);
        if (contacts.size === 0) {
          suppressing = false;
          suppressUntil = performance.now() + AFTERSHOCK_MS;
        }
      }
    };
    const onClick = (e: MouseEvent) => {
      if (suppressing || performance.now() < suppressUntil) swallow(e);
    };
    const onTouchStart = (e: TouchEvent) => {
      if (e.touches.length > MAX_CONTACTS) e.preventDefault();
    };
    const onTouchEnd = (e: TouchEvent) => {
      const tapped = press;
      press = null;
      // Not cancelable: the touch became a scroll, and the browser sends no click either.
      if (!tapped || suppressing || !e.cancelable || e.touches.length > 0) return;
      if (!tapped.button.isConnected || tapped.button.disabled) return;
      e.preventDefault();
      tapped.button.click();
    };
    const prevent = (e: Event) => e.preventDefault();

    const opts = { capture: true } as const;
    target.addEventListener('pointerdown', onDown, opts);
    target.addEventListener('pointermove', onMove, opts);
    target.addEventListener('pointerup', onUp, opts);
    target.addEventListener('pointercancel', onUp, opts);
    target.addEventListener('click', onClick, opts);
    target.addEventListener('touchstart', onTouchStart, { capture: true, passive: false });
    target.addEventListener('touchend', onTouchEnd, { capture: true, passive: false });
    target.addEventListener('contextmenu', prevent, opts);
    target.addEventListener('dragstart', prevent, opts);
    target.addEventListener('selectstart', prevent, opts);
    return () => {
      target.removeEventListener('pointerdown', onDown, opts);
      target.removeEventListener('pointermove', onMove, opts);
      target.removeEventListener('pointerup', onUp, opts);
      target.removeEventListener('pointercancel', onUp, opts);
      target.removeEventListener('click', onClick, opts);
      target.removeEventListener('touchstart', onTouchStart, opts);
      target.removeEventListener('touchend', onTouchEnd, opts);
      target.removeEventListener('contextmenu', prevent, opts);
      target.removeEventListener('dragstart', prevent, opts);
      target.removeEventListener('selectstart', prevent, opts);
    };
  }, [target]);
}
