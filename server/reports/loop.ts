// Closing the loop, per location: the alerts raised in the period (each location's own local
// days), how many were acknowledged and resolved, the median seconds from arrival to each
// (ack_seconds and resolve_seconds, kept by server/alerts/workflow.ts), and the share of resolved
// alerts resolved as "recovered". Test alerts and alerts folded into another are not counted.
// Alerts are few beside answers, so they are read as they are.
import type { z } from 'zod';
import type { LoopRow } from '../../shared/results-api.ts';
import { endOfLocalDay, instantOf } from '../../shared/local-time.ts';
import type { Storage } from '../db/open.ts';
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
  const out: z.infer<typeof LoopRow>[] = [];
  for (const w of windows) {
    const rows = await storage.db
      .selectFrom('staff_alerts')
      .select(['ack_seconds', 'resolve_seconds', 'outcome', 'acknowledged_at', 'resolved_at'])
      .where('location', '=', w.name)
      .where('kind', '<>', 'test')
      .where('aggregated_into', 'is', null)
      .where('received_at', '>=', instantOf(w.from, w.timeZone).toISOString())
      .where('received_at', '<', endOfLocalDay(w.to, w.timeZone).toISOString())
      .execute();
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
