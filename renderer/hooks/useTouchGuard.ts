// Kiosk hygiene for the whole page: a palm or a child's whole hand on the panel (more than two
// contact points) does nothing; no long-press menu, no drag, no text selection; a touched button
// takes no focus.
import { useEffect } from 'react';

const MAX_CONTACTS = 2;
/** How long after a many-finger touch ends its stray click is still swallowed. */
const AFTERSHOCK_MS = 400;

export function useTouchGuard(target: Window = window): void {
  useEffect(() => {
    const contacts = new Set<number>();
    let suppressing = false;
    let suppressUntil = 0;

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
      if (e.target instanceof Element && e.target.closest('button')) e.preventDefault();
      contacts.add(e.pointerId);
      if (contacts.size > MAX_CONTACTS) suppressing = true;
      if (suppressing) swallow(e);
    };
    const onUp = (e: PointerEvent) => {
      if (e.pointerType !== 'touch') return;
      contacts.delete(e.pointerId);
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
    const prevent = (e: Event) => e.preventDefault();

    const opts = { capture: true } as const;
    target.addEventListener('pointerdown', onDown, opts);
    target.addEventListener('pointerup', onUp, opts);
    target.addEventListener('pointercancel', onUp, opts);
    target.addEventListener('click', onClick, opts);
    target.addEventListener('touchstart', onTouchStart, { capture: true, passive: false });
    target.addEventListener('contextmenu', prevent, opts);
    target.addEventListener('dragstart', prevent, opts);
    target.addEventListener('selectstart', prevent, opts);
    return () => {
      target.removeEventListener('pointerdown', onDown, opts);
      target.removeEventListener('pointerup', onUp, opts);
      target.removeEventListener('pointercancel', onUp, opts);
      target.removeEventListener('click', onClick, opts);
      target.removeEventListener('touchstart', onTouchStart, opts);
      target.removeEventListener('contextmenu', prevent, opts);
      target.removeEventListener('dragstart', prevent, opts);
      target.removeEventListener('selectstart', prevent, opts);
    };
  }, [target]);
}
