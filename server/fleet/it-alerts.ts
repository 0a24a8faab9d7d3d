// Telling IT about kiosks (issue 12 §2): after each fleet tick has recorded its changes, every
// kiosk whose recorded status differs from the one IT was last told about (kiosks.it_alert_status)
// is told, through the channels of its location's IT routing, if the location is open now. A
// change while the store is closed waits: at the first tick after opening the kiosk is told as
// it is then (still down: one alert; back meanwhile: nothing, or a recovery if IT had been told
// it was down). A kiosk switched off at closing never pages anyone at night. Statuses the routing
// leaves out count as ok. With remindEveryMinutes, a kiosk still down is told again, in open
// hours only. For its first offlineAfterMs a collector calls no kiosk offline to IT: after its
// own downtime every kiosk looks offline until its next heartbeat.
//
// State, not events: each telling is claimed by a conditional update of the kiosk row (it names
// the told status and time it replaces) in the transaction that queues its deliveries, so of
// several collector instances one tells it, and a collector that stopped between recording a
// change and telling it tells it at its next tick: nothing is lost or sent twice.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { FleetStatus } from '../../shared/fleet-api.ts';
import { itRoutingFor, type ItRouting } from '../alerts/it-routing-store.ts';
import { writeTransaction, type Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { FleetEntry } from './fleet-list.ts';
import { IT_DELIVERY_QUEUE, type ItJob } from './it-delivery.ts';
import type { ItReason } from './it-messages.ts';

const eq = (column: 'fleet_status' | 'it_alert_status' | 'it_alerted_at', value: string | null) =>
  value === null
    ? sql<boolean>`${sql.ref(column)} is null`
    : sql<boolean>`${sql.ref(column)} = ${value}`;

/** What to tell IT of a kiosk now, if anything. */
function decide(
  routing: ItRouting,
  recorded: FleetStatus,
  told: FleetStatus,
  toldAt: number | null,
  now: number,
): { reason: ItReason; status: FleetStatus } | null {
  const status = routing.it.statuses.includes(recorded as never) ? recorded : 'ok';
  if (status !== told) return { reason: status === 'ok' ? 'recovered' : 'alert', status };
  const remind = routing.it.remindEveryMinutes;
  if (status !== 'ok' && remind && toldAt !== null && now - toldAt >= remind * 60_000)
    return { reason: 'reminder', status };
  return null;
}

/**
 * Tells IT what changed. `offlineFrom`: no kiosk is called offline before then (epoch ms): a
 * collector that was down has heard no heartbeat for as long, so until its kiosks had time to
 * send one (offlineAfterMs after it started) offline may be its own absence.
 */
export async function tellIt(
  deps: { storage: Storage; jobs: JobQueue; log: Logger | null },
  entries: readonly FleetEntry[],
  now: Date,
  offlineFrom: number,
): Promise<void> {
  const { storage, jobs, log } = deps;
  const open = new Map(entries.filter((e) => e.openNow).map((e) => [e.id, e]));
  if (!open.size) return;
  // Few rows in a healthy fleet: kiosks not ok, or whose state IT has not been told.
  const rows = await storage.db
    .selectFrom('kiosks')
    .select(['id', 'fleet_status', 'fleet_status_since', 'it_alert_status', 'it_alerted_at'])
    .where('revoked_at', 'is', null)
    .where(
      sql<boolean>`(coalesce(fleet_status, 'ok') <> coalesce(it_alert_status, 'ok') or it_alert_status <> 'ok')`,
    )
    .execute();
  const routings = new Map<string, Promise<ItRouting | null>>();
  for (const row of rows) {
    const entry = open.get(row.id);
    if (!entry) continue;
    if (!routings.has(entry.location))
      routings.set(entry.location, itRoutingFor(storage.db, entry.location));
    const routing = await routings.get(entry.location)!;
    if (!routing) continue;
    const toldAt = toIso(row.it_alerted_at);
    const previous = row.it_alert_status ?? 'ok';
    const next = decide(
      routing,
      row.fleet_status ?? 'ok',
      previous,
      toldAt === null ? null : Date.parse(toldAt),
      now.getTime(),
    );
    if (!next || (next.status === 'offline' && now.getTime() < offlineFrom)) continue;
    const channels = next.reason === 'recovered' && !routing.it.recovered ? [] : routing.it.notify;
    const at = now.toISOString();
    const claimed = await writeTransaction(storage, async (trx) => {
      const updated = await trx
        .updateTable('kiosks')
        .set({ it_alert_status: next.status, it_alerted_at: at })
        .where('id', '=', row.id)
        .where(eq('fleet_status', row.fleet_status))
        .where(eq('it_alert_status', row.it_alert_status))
        .where(eq('it_alerted_at', toldAt))
        .executeTakeFirst();
      if (!Number(updated.numUpdatedRows)) return false;
      for (const channel of channels) {
        const job: ItJob = {
          kioskId: row.id,
          location: entry.location,
          reason: next.reason,
          status: next.status,
          previous,
          since: toIso(row.fleet_status_since) ?? at,
          channel,
          attempt: 1,
          messageId: `it_${row.id}_${next.reason}_${next.status}_${now.getTime()}_${channel}`,
        };
        await jobs.send(trx, IT_DELIVERY_QUEUE, job);
      }
      return true;
    });
    if (claimed) log?.info({ kioskId: row.id, ...next, channels }, 'IT told about a kiosk');
  }
}
