// Collector schema v19: follow-ups (server/follow-up/). One row per message staff sent (or tried
// to send) to a customer who asked to be contacted: which answer and alert it was about, the
// channel, the template it started from, who sent it, and what became of it (queued, sent,
// failed, with attempts and an error in words that never hold the address or the text). The
// text itself is personal data: `body` is kept only until the answer's contact is redacted
// (retention or erasure, server/privacy/redact.ts), which sets redacted_at. The delivery job
// holds only the row's id, so a restart loses nothing and the queue keeps no customer text.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { instant, uuid, strict, index } = migrationColumns(engine);
  await strict(
    db.schema
      .createTable('follow_ups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // The answers' own key type, so retention can select follow-ups by a query over answers.
      .addColumn('answer_id', uuid, (c) => c.notNull())
      .addColumn('alert_id', 'text')
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('body', 'text')
      .addColumn('sent_by', 'text', (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('queued', 'sent', 'failed')`),
      )
      .addColumn('error', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('redacted_at', instant),
  ).execute();
  // The per-customer and per-account limits, and the log on an alert card.
  await index(db, 'follow_ups_by_answer', 'follow_ups', ['answer_id', 'created_at']);
  await index(db, 'follow_ups_by_sender', 'follow_ups', ['sent_by', 'created_at']);
  await index(db, 'follow_ups_by_alert', 'follow_ups', ['alert_id']);
}
