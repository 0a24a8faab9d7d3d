// Reads one query's rows a page at a time over a connection of its own, for an export that must
// never hold the whole result in memory. Why not keyset pages on the shared connection: answers
// have no index on finalized_at (reports so far never needed one), so every "next 1,000 after
// (finalized_at, id)" would scan and sort the whole table again, quadratic in its size; one
// ordered query read through a cursor sorts once (spilling to disk in the database, not here).
// It also reads one snapshot, so an answer arriving mid-export cannot appear twice or shift the
// pages. SQLite: a read-only connection to the same file (WAL lets it read beside the writer
// without holding up ingest, which the shared connection would, being busy until the iterator
// ends). PostgreSQL: a dedicated client, a read-only repeatable-read transaction and a cursor.
// better-sqlite3 reads synchronously, and a client on a fast link takes every chunk without the
// socket ever pushing back, so without a pause the whole export ran as one unbroken chain of
// promise callbacks: no kiosk batch, staff page or timer was served until it ended (the event
// loop stood still for 12.6 s of a 200,000-row export on the 2-core bench machine). Each SQLite
// page now hands the event loop a turn before the next is read.
import Database from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Storage } from '../db/open.ts';

// A page is live while it becomes cells and CSV, and V8 promotes what outlives two minor
// collections to the old generation, which only a full collection (late, on a big heap) frees: at
// 1,000 rows a page the collector grew from 160 to 280 MB over an export, at 100 it stayed at
// 174 MB (bench/export.ts, SQLite). PostgreSQL pages are one FETCH round trip each, so they stay
// larger; their memory was not measured.
const SQLITE_PAGE = 100;
const POSTGRES_PAGE = 1000;

/** Rows of `query`, `pageSize` at a time; the connection closes when the caller stops reading. */
export async function* readPages<Row>(
  storage: Storage,
  query: CompiledQuery<Row>,
  pageSize = storage.engine === 'sqlite' ? SQLITE_PAGE : POSTGRES_PAGE,
): AsyncGenerator<Row[]> {
  if (storage.engine === 'sqlite')
    for (const page of sqlitePages(storage.location, query, pageSize)) {
      yield page;
      await nextTurn();
    }
  else yield* postgresPages(storage, query, pageSize);
}

function* sqlitePages<Row>(file: string, query: CompiledQuery<Row>, pageSize: number) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // Each page is read once: the 16 MB page cache better-sqlite3 gives a connection buys nothing
  // here, and the sort's spill files get one each. SQLite's own default (2 MB) is enough.
  db.pragma('cache_size = -2000');
  try {
    const rows = db.prepare(query.sql).iterate(...query.parameters) as IterableIterator<Row>;
    let page: Row[] = [];
    for (const row of rows) {
      page.push(row);
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  } finally {
    db.close();
  }
}

async function* postgresPages<Row>(storage: Storage, query: CompiledQuery<Row>, pageSize: number) {
  const client = storage.dedicatedClient!();
  // A connection that drops mid-export fails the read below; this only keeps it off the process.
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query(`declare export_rows no scroll cursor for ${query.sql}`, [
      ...query.parameters,
    ]);
    for (;;) {
      const { rows } = await client.query<Row & object>(`fetch ${pageSize} from export_rows`);
      if (rows.length) yield rows;
      if (rows.length < pageSize) break;
    }
    await client.query('commit');
  } finally {
    await client.end();
  }
}
