// The timed half of routing, run by a timer with the collector's injected clock: open alerts
// past an escalation step go to that step's channels, aggregation windows that closed with
// low scores folded in send one summary ("3 more low scores at Desk 2 in 10 minutes"), what
// quiet hours held back is released once they end, and the window rule's old minutes go.
// The state is in the rows, not in memory: each step is claimed with a conditional UPDATE in the
// transaction that adds its deliveries (or holds them in quiet hours), so it happens once however
// many collectors share the database, and a collector that was down catches up at its first tick.
import { writeTransaction, type Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import { getRouting } from './routing-store.ts';
import { channelsQuiet, inQuietHours, type Routing } from './rules.ts';
import type { Notifier } from './notifier.ts';
import { pruneWindowCounts } from './window-counts.ts';

export class Escalator {
  private readonly storage: Storage;
  private readonly notifier: Notifier;

  constructor(storage: Storage, notifier: Notifier) {
    this.storage = storage;
    this.notifier = notifier;
  }

  async tick(now: Date): Promise<void> {
    const cache = new Map<string, Routing>();
    const routingOf = async (location: string) => {
      if (!cache.has(location)) cache.set(location, await getRouting(this.storage, location));
      return cache.get(location)!;
    };
    await this.escalate(now, routingOf);
    await this.summarize(now, routingOf);
    await this.notifier.release(now, routingOf);
    await pruneWindowCounts(this.storage, now);
  }

  private async escalate(now: Date, routingOf: (l: string) => Promise<Routing>): Promise<void> {
    const open = await this.storage.db
      .selectFrom('staff_alerts')
      .select(['id', 'location', 'received_at', 'escalation_step', 'priority'])
      .where('status', '=', 'open')
      .where('suppressed', 'is', null)
      .where('aggregated_into', 'is', null)
      .execute();
    for (const row of open) {
      const routing = await routingOf(row.location);
      const waitedMs = now.getTime() - Date.parse(toIso(row.received_at)!);
      let step = row.escalation_step;
      // Several steps can fall due in one tick (a collector that was down); the last one wins.
      while (
        step < routing.escalation.length &&
        waitedMs >= routing.escalation[step]!.afterMinutes * 60_000
      )
        step++;
      if (step === row.escalation_step) continue;
      await writeTransaction(this.storage, async (trx) => {
        const claimed = await trx
          .updateTable('staff_alerts')
          .set({ escalation_step: step })
          .where('id', '=', row.id)
          .where('escalation_step', '=', row.escalation_step)
          .where('status', '=', 'open')
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        await this.notifier.tell(
          trx,
          { alertId: row.id, reason: `escalation-${step}` },
          {
            location: row.location,
            channels: routing.escalation[step - 1]!.notify,
            quiet: channelsQuiet(routing, row.priority, now),
            now,
          },
        );
      });
    }
  }

  private async summarize(now: Date, routingOf: (l: string) => Promise<Routing>): Promise<void> {
    const heads = await this.storage.db
      .selectFrom('staff_alerts')
      .select(['id', 'location', 'received_at', 'aggregate_count', 'summarized_count'])
      .whereRef('aggregate_count', '>', 'summarized_count')
      .execute();
    for (const head of heads) {
      const routing = await routingOf(head.location);
      if (
        now.getTime() - Date.parse(toIso(head.received_at)!) <
        routing.aggregationMinutes * 60_000
      )
        continue;
      await writeTransaction(this.storage, async (trx) => {
        const claimed = await trx
          .updateTable('staff_alerts')
          .set({ summarized_count: head.aggregate_count })
          .where('id', '=', head.id)
          .where('summarized_count', '=', head.summarized_count)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        const more = {
          count: head.aggregate_count - head.summarized_count,
          minutes: routing.aggregationMinutes,
        };
        await this.notifier.tell(
          trx,
          { alertId: head.id, reason: 'summary', more },
          {
            location: head.location,
            channels: routing.notify,
            quiet: inQuietHours(routing, now),
            now,
          },
        );
      });
    }
  }
}
