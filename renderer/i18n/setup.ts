// One i18next instance per kiosk page, with every locale bundled: the kiosk is offline-first,
// and the five locale files together are smaller than one round trip is worth.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './locales/ar.json';
import en from './locales/en.json';
import et from './locales/et.json';
import ru from './locales/ru.json';
import zhHans from './locales/zh-Hans.json';
import type { UiLanguage } from './languages.ts';

export const locales: Record<UiLanguage, Record<string, unknown>> = {
  en,
  ru,
  'zh-Hans': zhHans,
  et,
  ar,
};

export function createI18n(language: string): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(
      Object.entries(locales).map(([lng, translation]) => [lng, { translation }]),
    ),
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    // React escapes what it renders; escaping here too would show "&amp;" to customers.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}
