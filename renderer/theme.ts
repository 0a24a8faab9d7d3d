// Brand colours from the config, made safe to read: text on a brand-coloured button is black or
// white, whichever contrasts more, and a brand text colour that fails WCAG AA on the brand
// background is replaced rather than shipped unreadable.
import type { Branding } from '../shared/config.ts';

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

export function readableOn(background: string): string {
  return contrast('#000000', background) >= contrast('#ffffff', background) ? '#000000' : '#ffffff';
}

const AA = 4.5;

export interface ThemeColours {
  '--brand': string;
  '--on-brand': string;
  '--bg': string;
  '--text': string;
  /** Outlines and selected states on the background: 3:1 for non-text contrast. */
  '--brand-edge': string;
}

export function themeColours(colors: Branding['colors']): ThemeColours | null {
  if (!colors) return null;
  const text =
    contrast(colors.text, colors.background) >= AA ? colors.text : readableOn(colors.background);
  return {
    '--brand': colors.primary,
    '--on-brand': readableOn(colors.primary),
    '--bg': colors.background,
    '--text': text,
    '--brand-edge': contrast(colors.primary, colors.background) >= 3 ? colors.primary : text,
  };
}
