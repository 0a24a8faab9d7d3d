// The languages the kiosk UI ships in, named the way their speakers read them: a Russian
// speaker looks for "Русский", not "Russian".
export const UI_LANGUAGES = ['en', 'ru', 'zh-Hans', 'et', 'ar'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

const NATIVE_NAMES: Record<UiLanguage, string> = {
  en: 'English',
  ru: 'Русский',
  'zh-Hans': '简体中文',
  et: 'Eesti',
  ar: 'العربية',
};

export function nativeName(code: string): string {
  if (code in NATIVE_NAMES) return NATIVE_NAMES[code as UiLanguage];
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const RTL = new Set(['ar', 'he', 'fa', 'ur']);

export function directionOf(code: string): 'rtl' | 'ltr' {
  return RTL.has(code.split('-')[0] ?? code) ? 'rtl' : 'ltr';
}
