// Pinyin input for the on-screen keyboard: the trailing Latin letters of the text are matched
// against simple-keyboard-layouts' Chinese candidate list (longest syllable wins, as in
// simple-keyboard's own candidate box), and choosing a character replaces those letters.
export type CandidateList = Record<string, string>;

export interface PinyinMatch {
  syllable: string;
  characters: string[];
}

export function matchPinyin(text: string, list: CandidateList): PinyinMatch | null {
  const tail = /[a-z]+$/i.exec(text)?.[0].toLowerCase();
  if (!tail) return null;
  for (let length = Math.min(tail.length, 6); length > 0; length--) {
    const syllable = tail.slice(-length);
    const found = list[syllable];
    if (found) return { syllable, characters: found.split(' ').filter(Boolean) };
  }
  return null;
}

export function choose(text: string, match: PinyinMatch, character: string): string {
  return text.slice(0, text.length - match.syllable.length) + character;
}

/** Loaded on first use: the list is ~37 kB and only Chinese speakers need it. */
export async function loadCandidates(): Promise<CandidateList> {
  const chinese = (await import('simple-keyboard-layouts/build/layouts/chinese.js')).default;
  // The package's LayoutItem type does not declare the candidate list the Chinese layout carries.
  return (chinese as { layoutCandidates?: CandidateList }).layoutCandidates ?? {};
}
