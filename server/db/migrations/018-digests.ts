// Collector schema v18: the weekly huddle digest (server/digest/). digest_subscribers: who gets a
// location's digest by e-mail, an account's own subscription (user_id) or an address without an
// account (user_id null); each holds the token of its unsubscribe link, kept as it is because every weekly mail carries it
// (it can only ever end that one subscription).
// digest_sends: one row per location and week once that week's digest was due and handed to
// the job queue; its primary key is what makes a week go out once however many collector
// instances tick at the same minute. digest_deliveries: one row per subscriber of a send, with
// what happened to it (pending, sent, failed, skipped), so a retry never mails someone twice
// and the staff page can say who got it. Rows hold ids and dates, never customer text.
import type { Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, strict, index } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('digest_subscribers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('location_id', 'integer', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('unsubscribe_token', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', instant, (c) => c.notNull())
      .addUniqueConstraint('digest_subscribers_one_address', ['location_id', 'email']),
  ).execute();
  await index(db, 'digest_subscribers_by_user', 'digest_subscribers', ['user_id']);
  await strict(
    db.schema
      .createTable('digest_sends')
      .addColumn('location_id', 'integer', (c) => c.notNull())
      // The week's first local day, "YYYY-MM-DD".
      .addColumn('week', 'text', (c) => c.notNull())
      .addColumn('due_at', instant, (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('digest_sends_pk', ['location_id', 'week']),
  ).execute();
  await strict(
    db.schema
      .createTable('digest_deliveries')
      .addColumn('location_id', 'integer', (c) => c.notNull())
      .addColumn('week', 'text', (c) => c.notNull())
      .addColumn('subscriber_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      // What went wrong, in words that never hold the address or the body (senders.ts).
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('digest_deliveries_pk', ['location_id', 'week', 'subscriber_id']),
  ).execute();
}
