// "12 characters left" under the comment box, kept per language and count: i18next's plural
// rules and interpolation were most of a key press's render (about 1.5 ms at 4x CPU throttling,
// bench/tap-latency.ts), and the same few hundred texts come back with every customer.
import type { TFunction } from 'i18next';

const texts = new Map<string, string>();

/** The room-left line for `count` characters in `language`, which `t` must translate into. */
export function roomLeft(t: TFunction, language: string, count: number): string {
  const key = `${language} ${count}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = t('comment.remaining', { count });
    texts.set(key, text);
  }
  return text;
}
