// Brand colours from the config, made safe to read: text on a brand-coloured button is black or
// white, whichever contrasts more, and a brand text colour that fails WCAG AA on the brand
// background is replaced rather than shipped unreadable.
import type { Branding } from '../shared/config.ts';
import { EDGE_CONTRAST, TEXT_CONTRAST, contrast, readableOn } from '../shared/contrast.ts';

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
    contrast(colors.text, colors.background) >= TEXT_CONTRAST
      ? colors.text
      : readableOn(colors.background);
  return {
    '--brand': colors.primary,
    '--on-brand': readableOn(colors.primary),
    '--bg': colors.background,
    '--text': text,
    '--brand-edge':
      contrast(colors.primary, colors.background) >= EDGE_CONTRAST ? colors.primary : text,
  };
}
