// Telling a location's channels about an alert, inside the transaction that decided to: the
// deliveries as jobs, or, in quiet hours, one held row that the escalation tick releases when
// they end (release below). A held note is released only for an alert still open: one that staff
// acknowledged or resolved overnight needs nobody paged in the morning. Releasing deletes the row
// in the transaction that adds the deliveries, so of several instances one releases it.
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { fromJson } from '../db/values.ts';
import type { Dispatcher, Note } from './dispatcher.ts';
import { inQuietHours, type Routing } from './rules.ts';

export class Notifier {
  private readonly storage: Storage;
  private readonly dispatcher: Dispatcher;
  private readonly log: Logger | null;

  constructor(storage: Storage, dispatcher: Dispatcher, log: Logger | null) {
    this.storage = storage;
    this.dispatcher = dispatcher;
    this.log = log;
  }

  /** In `trx`: tells `channels` about the note now, or holds it while `quiet`. */
  async tell(
    trx: CollectorDb,
    note: Note,
    where: { location: string; channels: string[]; quiet: boolean; now: Date },
  ): Promise<void> {
    const { location, channels, quiet, now } = where;
    if (!channels.length) return;
    if (!quiet) return this.dispatcher.enqueue(trx, note, location, channels);
    await trx
      .insertInto('held_notifications')
      .values({
        id: uuidv7(),
        staff_alert_id: note.alertId,
        location,
        reason: note.reason,
        more: note.more ? JSON.stringify(note.more) : null,
        channels: JSON.stringify(channels),
        held_at: now.toISOString(),
      })
      .execute();
  }

  /** Sends what quiet hours held, for each location whose quiet hours are over at `now`. */
  async release(now: Date, routingOf: (location: string) => Promise<Routing>): Promise<void> {
    const held = await this.storage.db
      .selectFrom('held_notifications')
      .selectAll()
      .orderBy('id')
      .execute();
    for (const row of held) {
      if (inQuietHours(await routingOf(row.location), now)) continue;
      const released = await writeTransaction(this.storage, async (trx) => {
        const taken = await trx
          .deleteFrom('held_notifications')
          .where('id', '=', row.id)
          .executeTakeFirst();
        if (Number(taken.numDeletedRows) !== 1) return false;
        const alert = await trx
          .selectFrom('staff_alerts')
          .select('status')
          .where('id', '=', row.staff_alert_id)
          .executeTakeFirst();
        if (alert?.status !== 'open') return false;
        const more = fromJson<Note['more'] | null>(row.more);
        const note: Note = {
          alertId: row.staff_alert_id,
          reason: row.reason as Note['reason'],
          ...(more && { more }),
        };
        await this.dispatcher.enqueue(trx, note, row.location, fromJson<string[]>(row.channels));
        return true;
      });
      if (released)
        this.log?.info(
          { alertId: row.staff_alert_id, reason: row.reason },
          'held alert message released after quiet hours',
        );
    }
  }
}
