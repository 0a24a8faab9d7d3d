// Full-text search over customers' comments (the indexes of migration 014): what a manager types
// becomes the engine's query without ever being parsed as its query syntax, so quotes, stars,
// "AND" or a stray parenthesis are just words. Every word must occur (AND), each as a prefix
// ("wai" finds "waiting") and, where the engine stems, by its stem ("waited" finds "waiting").
// SQLite stems English only (FTS5's porter); PostgreSQL stems each answer in its own language
// (PG_STEMMERS), and a search word is tried against every stemmer, since the one who searches
// does not say which language the comment was written in.
import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Engine } from '../db/engine.ts';
import type { CollectorTables } from '../db/tables.ts';
import { PG_COMMENT_VECTOR, PG_STEMMERS } from '../db/migrations/014-comment-search.ts';

/** The index's expression on answers' own columns (the same to the planner, unambiguous in joins). */
const VECTOR = PG_COMMENT_VECTOR.replace(/\b(comment|language)\b/g, 'answers.$1');

/** Longest search text taken; a longer one is refused by the API schema before it gets here. */
export const MAX_SEARCH_LENGTH = 200;
const MAX_WORDS = 12;

/** The words of a search text: letters and digits of any script, lower-cased. */
export function searchWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

/** true for answers whose comment holds every word (callers search only with at least one word). */
export function commentMatches(
  engine: Engine,
  words: readonly string[],
): (eb: ExpressionBuilder<CollectorTables, 'answers'>) => RawBuilder<boolean> {
  if (engine === 'sqlite') {
    // "word"*: a quoted string is never FTS5 syntax; the star makes it a prefix.
    const match = words.map((w) => `"${w}"*`).join(' ');
    return () =>
      sql<boolean>`answers.rowid in (select rowid from answers_fts where answers_fts match ${match})`;
  }
  const configs = ['simple', ...new Set(Object.values(PG_STEMMERS))];
  // One tsquery per word (any config's reading of it), all words required. Only letters and
  // digits reach here, and each is a bound parameter: ":*" is the prefix mark.
  const query = sql.join(
    words.map(
      (w) =>
        sql`(${sql.join(
          configs.map((c) => sql`to_tsquery(${sql.lit(c)}::regconfig, ${`${w}:*`})`),
          sql` || `,
        )})`,
    ),
    sql` && `,
  );
  return () => sql<boolean>`(answers.comment is not null and ${sql.raw(VECTOR)} @@ (${query}))`;
}
