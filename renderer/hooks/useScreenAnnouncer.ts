// When the screen changes, a screen-reader user must hear it and land on it: focus moves to the
// new screen's heading, and a polite live region reads that heading out. Written straight to the
// DOM, so announcing costs no extra React render on a tap, and only once the new screen has been
// painted: focus() forces a style and layout pass (and focus events), which inside the tap's own
// task would hold back the frame that shows the new screen.
import { useEffect, useRef, type RefObject } from 'react';
import { afterPaint } from '../after-paint.ts';

/** Returns the ref for the live region, which the caller renders. */
export function useScreenAnnouncer(
  stage: RefObject<HTMLElement | null>,
  visit: number,
): RefObject<HTMLParagraphElement | null> {
  const live = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // The first screen after start is not a change: nothing to announce, no focus to steal.
    if (visit === 0) return;
    return afterPaint(() => {
      const heading = stage.current?.querySelector<HTMLElement>('.slot.current h1');
      if (!heading) return;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      if (live.current) live.current.textContent = heading.textContent;
    });
  }, [stage, visit]);
  return live;
}
