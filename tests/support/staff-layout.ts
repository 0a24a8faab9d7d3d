// What a person holding the staff page would see go wrong with its layout, measured in the real
// browser: the page scrolls sideways, something sticks out past the screen's edge, text runs out
// of the box it is in (a card clips it), or a control is too small to hit with a thumb.
import type { Page } from 'playwright-core';

/** Apple's and WCAG 2.5.5's smallest comfortable touch target, in CSS px. */
export const TOUCH_TARGET_PX = 44;

export interface LayoutProblems {
  /** document.documentElement.scrollWidth beyond window.innerWidth (0 when it does not scroll). */
  sidewaysScroll: number;
  /** Visible elements whose box leaves the viewport on the left or the right. */
  offScreen: string[];
  /** Visible boxes whose content is wider than they are (cut off, or spilling out). */
  spilling: string[];
  /** Visible buttons and form fields smaller than a touch target, when `touch` is asked for. */
  tooSmall: string[];
}

/** The layout problems of the page as it is now; `touch`: also check the controls' size. */
export async function layoutProblems(page: Page, touch: boolean): Promise<LayoutProblems> {
  return page.evaluate(
    ({ touch, min }) => {
      const width = window.innerWidth;
      const name = (e: Element) => {
        const text = (e.textContent ?? '').trim().slice(0, 30);
        return `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${text}"`;
      };
      const visible = [...document.querySelectorAll('#app *')].filter((e) => e.checkVisibility());
      const offScreen: string[] = [];
      const spilling: string[] = [];
      const tooSmall: string[] = [];
      for (const e of visible) {
        const box = e.getBoundingClientRect();
        if (box.left < -0.5 || box.right > width + 0.5)
          offScreen.push(`${name(e)} spans ${Math.round(box.left)}..${Math.round(box.right)}`);
        // Inline boxes report no clientWidth; their block parent is measured instead.
        if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
          spilling.push(`${name(e)} holds ${e.scrollWidth} px in ${e.clientWidth} px`);
        // A checkbox is hit through its label, which must then be the thumb-sized target.
        const target = e.matches('input[type=checkbox]') ? (e.closest('label') ?? e) : e;
        const hit = target.getBoundingClientRect();
        if (touch && e.matches('button, input, select') && (hit.width < min || hit.height < min))
          tooSmall.push(`${name(e)} is ${Math.round(hit.width)}×${Math.round(hit.height)}`);
      }
      return {
        sidewaysScroll: Math.max(0, document.documentElement.scrollWidth - width),
        offScreen,
        spilling,
        tooSmall,
      };
    },
    { touch, min: TOUCH_TARGET_PX },
  );
}

export const NO_PROBLEMS: LayoutProblems = {
  sidewaysScroll: 0,
  offScreen: [],
  spilling: [],
  tooSmall: [],
};
