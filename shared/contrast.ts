// WCAG 2 contrast between two "#rrggbb" colours: the kiosk renderer makes brand colours readable
// with it (renderer/theme.ts), and the web admin refuses a brand whose text would not be
// readable on its background (shared/survey-admin-api.ts), with one formula for both.

/** Text against its background: WCAG AA for normal text. */
export const TEXT_CONTRAST = 4.5;
/** Outlines and selected states against the background: WCAG's non-text contrast. */
export const EDGE_CONTRAST = 3;

function channel(hex: string, at: number): number {
  const c = parseInt(hex.slice(at, at + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function readableOn(background: string): string {
  return contrast('#000000', background) >= contrast('#ffffff', background) ? '#000000' : '#ffffff';
}
