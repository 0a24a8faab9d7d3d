// The few button names a journey needs in each shipped language, so the end-to-end tests, the
// accessibility scan and the screenshot script walk the same screens in every language.
export interface KioskWords {
  /** The language's own name, on its button in the language bar. */
  native: string;
  done: RegExp;
  skip: RegExp;
  send: RegExp;
}

export const WORDS: Record<string, KioskWords> = {
  en: { native: 'English', done: /^Done$/, skip: /^Skip$/, send: /^Send$/ },
  ar: { native: 'العربية', done: /^تم$/, skip: /^تخطٍّ$/, send: /^إرسال$/ },
  ru: { native: 'Русский', done: /^Готово$/, skip: /^Пропустить$/, send: /^Отправить$/ },
  'zh-Hans': { native: '简体中文', done: /^完成$/, skip: /^跳过$/, send: /^发送$/ },
  et: { native: 'Eesti', done: /^Valmis$/, skip: /^Jäta vahele$/, send: /^Saada$/ },
};
