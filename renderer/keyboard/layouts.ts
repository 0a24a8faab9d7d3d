// Kiosk keyboard layouts. The letters come from simple-keyboard-layouts where it has the
// language (Russian, Arabic); Estonian is not there, so the Latin layout is written out here.
// Rows are cut down for a touch panel: no Tab, Caps Lock or Enter, bigger keys, and the
// characters an e-mail address or a phone number needs on the bottom row.
import arabic from 'simple-keyboard-layouts/build/layouts/arabic.js';
import russian from 'simple-keyboard-layouts/build/layouts/russian.js';

export type LayoutId = 'latin' | 'cyrillic' | 'arabic' | 'pinyin' | 'address';

export interface KioskLayout {
  id: LayoutId;
  /** Shown on the switch key of the other layout: what you get by tapping it. */
  label: string;
  rows: { default: string[]; shift?: string[] };
  /** Pinyin: letters typed are matched against the Chinese candidate list. */
  candidates: boolean;
}

const DIGITS = '1 2 3 4 5 6 7 8 9 0 {bksp}';
const LETTER = /^\p{L}+$/u;

/** The letter keys of rows 1-3 of a simple-keyboard-layouts layout; row 0's letters join row 3. */
function letterRows(rows: string[]): string[][] {
  const letters = rows.map((row) => row.split(' ').filter((key) => LETTER.test(key)));
  const [top = [], r1 = [], r2 = [], r3 = []] = letters;
  return [r1, r2, [...r3, ...top]];
}

function build(rows: string[][], bottom: string, shift: boolean): string[] {
  const [r1 = [], r2 = [], r3 = []] = rows;
  return [DIGITS, r1.join(' '), r2.join(' '), `${shift ? '{shift} ' : ''}${r3.join(' ')}`, bottom];
}

const latin: KioskLayout = {
  id: 'latin',
  label: 'ABC',
  rows: {
    default: [
      DIGITS,
      'q w e r t y u i o p ü õ',
      'a s d f g h j k l ö ä',
      '{shift} z x c v b n m š ž -',
      '{switch} + @ , {space} . ?',
    ],
    shift: [
      DIGITS,
      'Q W E R T Y U I O P Ü Õ',
      'A S D F G H J K L Ö Ä',
      '{shift} Z X C V B N M Š Ž _',
      '{switch} + @ , {space} . !',
    ],
  },
  candidates: false,
};

const ru = russian.layout;
const cyrillic: KioskLayout = {
  id: 'cyrillic',
  label: 'АБВ',
  rows: {
    default: build(letterRows(ru.default ?? []), '{switch} , {space} . ?', true),
    shift: build(letterRows(ru.shift ?? []), '{switch} , {space} . !', true),
  },
  candidates: false,
};

const arabicLayout: KioskLayout = {
  id: 'arabic',
  label: 'أبج',
  // Arabic has no capital letters; its shift layer in the package holds diacritics, which a
  // one-line comment does not need.
  rows: {
    default: build(letterRows(arabic.layout.default ?? []), '{switch} ، {space} . ؟', false),
  },
  candidates: false,
};

const pinyin: KioskLayout = {
  id: 'pinyin',
  label: '拼音',
  rows: {
    default: [
      DIGITS,
      'q w e r t y u i o p',
      'a s d f g h j k l',
      'z x c v b n m',
      '{switch} ， {space} 。 ？',
    ],
  },
  candidates: true,
};

/**
 * For IT on the setup screen: a collector address (":" and "/" for a port or a path), an
 * enrolment code and a PIN. No switch: addresses and codes are Latin.
 */
export const addressLayout: KioskLayout = {
  id: 'address',
  label: 'ABC',
  rows: {
    default: [
      DIGITS,
      'q w e r t y u i o p',
      'a s d f g h j k l',
      '{shift} z x c v b n m',
      ': / . - _',
    ],
    shift: [
      DIGITS,
      'Q W E R T Y U I O P',
      'A S D F G H J K L',
      '{shift} Z X C V B N M',
      ': / . - _',
    ],
  },
  candidates: false,
};

/** The customer's own layout first; Latin second where it differs (e-mail addresses are Latin). */
export function layoutsFor(language: string): KioskLayout[] {
  switch (language.split('-')[0]) {
    case 'ru':
      return [cyrillic, latin];
    case 'ar':
      return [arabicLayout, latin];
    case 'zh':
      return [pinyin, latin];
    default:
      return [latin];
  }
}

/** The same layout with the switch key removed, for languages that have only one layout. */
export function withoutSwitch(rows: string[]): string[] {
  return rows.map((row) => row.replace('{switch} ', ''));
}
