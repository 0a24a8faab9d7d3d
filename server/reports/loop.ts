// Closing the loop, per location: the alerts raised in the period (each location's own local
// days), how many were acknowledged and resolved, the median seconds from arrival to each
// (ack_seconds and resolve_seconds, kept by server/alerts/workflow.ts), and the share of resolved
// alerts resolved as "recovered". Test alerts and alerts folded into another are not counted.
// Alerts are few beside answers, so they are read as they are.
import type { z } from 'zod';
import type { LoopRow } from '../../shared/results-api.ts';
import { endOfLocalDay, instantOf } from '../../shared/local-time.ts';
import type { Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import type { LocationWindow } from './view-rows.ts';

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export async function closingTheLoop(
  storage: Storage,
  windows: readonly (LocationWindow & { name: string })[],
): Promise<z.infer<typeof LoopRow>[]> {
  if (!windows.length) return [];
  const spans = windows.map((w) => ({
    w,
    from: instantOf(w.from, w.timeZone).toISOString(),
    to: endOfLocalDay(w.to, w.timeZone).toISOString(),
  }));
  // One read for every location (one each was 200 round trips, some 450 ms of a results request
  // on a loaded machine), from the earliest start to the latest end; each location's own local
  // days are cut from it below.
  const starts = spans.map((s) => s.from).sort();
  const ends = spans.map((s) => s.to).sort();
  const all = await storage.db
    .selectFrom('staff_alerts')
    .select(['location', 'received_at', 'ack_seconds', 'resolve_seconds', 'outcome'])
    .select(['acknowledged_at', 'resolved_at'])
    .where('location', 'in', [...new Set(windows.map((w) => w.name))])
    .where('kind', '<>', 'test')
    .where('aggregated_into', 'is', null)
    .where('received_at', '>=', starts[0]!)
    .where('received_at', '<', ends.at(-1)!)
    .execute();
  const byLocation = new Map<string, typeof all>();
  for (const r of all) {
    const rows = byLocation.get(r.location);
    if (rows) rows.push(r);
    else byLocation.set(r.location, [r]);
  }
  const out: z.infer<typeof LoopRow>[] = [];
  for (const { w, from, to } of spans) {
    const rows = (byLocation.get(w.name) ?? []).filter((r) => {
      const at = toIso(r.received_at)!;
      return at >= from && at < to;
    });
    if (!rows.length) continue;
    const acked = rows.filter((r) => r.ack_seconds !== null);
    const resolved = rows.filter((r) => r.resolved_at !== null);
    out.push({
      location: w.name,
      alerts: rows.length,
      acknowledged: rows.filter((r) => r.acknowledged_at !== null).length,
      resolved: resolved.length,
      medianAckSeconds: median(acked.map((r) => r.ack_seconds!)),
      medianResolveSeconds: median(
        resolved.flatMap((r) => (r.resolve_seconds === null ? [] : [r.resolve_seconds])),
      ),
      recoveredPct: resolved.length
        ? Math.round(
            (1000 * resolved.filter((r) => r.outcome === 'recovered').length) / resolved.length,
          ) / 10
        : null,
    });
  }
  return out;
}
