// Collector schema v14: managers search customers' comments, and BI/CRM tools pull answers.
// Comment search: SQLite keeps an FTS5 index (answers_fts, external content: the words only, the
// text stays in answers.comment) in step with answers by triggers, so ingest, redaction and any
// later writer cannot forget it; FTS5's secure-delete makes a redacted comment's words leave the
// index file at once, not at the next merge. PostgreSQL indexes an expression (GIN, partial: only
// answers with a comment), so there is nothing to keep in step: an update of comment updates it.
// The words are indexed twice, as written (prefix search in any language) and stemmed in the
// answer's own language where PostgreSQL has a stemmer. A feed of comments newest first reads
// answers_comments_by_time, which holds only answers with a comment (most have none).
// answers_by_update: the read API's incremental pull ("changed since"), on the moment an answer
// last changed: received, or redacted. api_tokens: read API tokens, stored hashed like device
// tokens, each scoped to every location (locations null) or a list of location ids.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

/** Language codes with a PostgreSQL stemmer (the first subtag of answers.language). */
export const PG_STEMMERS: Readonly<Record<string, string>> = {
  da: 'danish',
  de: 'german',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  hu: 'hungarian',
  it: 'italian',
  nb: 'norwegian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sv: 'swedish',
  tr: 'turkish',
};

/** The indexed expression; a query must repeat it exactly for PostgreSQL to use the index. */
export const PG_COMMENT_VECTOR =
  `(to_tsvector('simple'::regconfig, coalesce(comment, '')) || ` +
  `to_tsvector(case split_part(language, '-', 1) ${Object.entries(PG_STEMMERS)
    .map(([code, config]) => `when '${code}' then '${config}'::regconfig`)
    .join(' ')} else 'simple'::regconfig end, coalesce(comment, '')))`;

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const cols = migrationColumns(engine);
  if (engine === 'sqlite') await sqliteSearch(db);
  else
    await sql`create index answers_comment_search on answers using gin (${sql.raw(
      PG_COMMENT_VECTOR,
    )}) where comment is not null`.execute(db);
  await db.schema
    .createIndex('answers_comments_by_time')
    .on('answers')
    .columns(['finalized_at', 'id'])
    .where(sql<boolean>`comment is not null`)
    .execute();
  await sql`create index answers_by_update on answers
    (coalesce(redacted_at, received_at), id)`.execute(db);
  await cols
    .strict(
      db.schema
        .createTable('api_tokens')
        .addColumn('id', 'integer', cols.ascending)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        // [location id, …]; null: every location, those added later included.
        .addColumn('locations', cols.json)
        .addColumn('created_at', cols.instant, (c) => c.notNull())
        .addColumn('revoked_at', cols.instant),
    )
    .execute();
}

async function sqliteSearch(db: Kysely<unknown>): Promise<void> {
  // porter: English stems; unicode61 folds case and (2) diacritics in every language.
  await sql`create virtual table answers_fts using fts5(comment, content='answers',
    content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
  await sql`insert into answers_fts(answers_fts, rank) values('secure-delete', 1)`.execute(db);
  await sql`insert into answers_fts(answers_fts) values('rebuild')`.execute(db);
  // Only answers with a comment enter the index: most have none, and ingest is the hot path.
  await sql`create trigger answers_fts_insert after insert on answers
    when new.comment is not null begin
      insert into answers_fts(rowid, comment) values (new.rowid, new.comment);
    end`.execute(db);
  await sql`create trigger answers_fts_update after update of comment on answers
    when old.comment is not new.comment begin
      insert into answers_fts(answers_fts, rowid, comment) select 'delete', old.rowid, old.comment
        where old.comment is not null;
      insert into answers_fts(rowid, comment) select new.rowid, new.comment
        where new.comment is not null;
    end`.execute(db);
  await sql`create trigger answers_fts_delete after delete on answers
    when old.comment is not null begin
      insert into answers_fts(answers_fts, rowid, comment) values ('delete', old.rowid, old.comment);
    end`.execute(db);
}
