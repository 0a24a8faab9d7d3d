// The keyboard (simple-keyboard plus layouts) loads as its own chunk: most customers never type.
import { lazy } from 'react';

export const loadKeyboard = () => import('./OnScreenKeyboard.tsx');
export const OnScreenKeyboard = lazy(loadKeyboard);

/**
 * Loads the keyboard's code and builds the keyboard the comment screen shows first (the kiosk's
 * default language, no shift), so the tap that opens that screen has nothing to build.
 */
export async function prepareCommentKeyboard(
  language: string,
  maxLength: number,
  t: (key: string) => string,
): Promise<void> {
  const [{ prepareKeyboard }, { keyboardSetup }] = await Promise.all([
    import('./dock.ts'),
    import('./options.ts'),
    loadKeyboard(),
  ]);
  const { options } = keyboardSetup({
    address: false,
    language,
    preferLatin: false,
    chosen: null,
    shift: false,
    maxLength,
    t,
  });
  prepareKeyboard(options);
}
