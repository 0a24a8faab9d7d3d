// Remote actions in the demo: the demo kiosk's page (/staff/kiosks/<id>) opens on a history, as a
// kiosk that has been looked after for a while would have one: a log fetch with the lines the
// kiosk sent (codes and ids, no customer text) and a UI reload, both done yesterday. Written once;
// the orders an admin gives during the demo are real and carried out by the running kiosk.
import type { Storage } from '../../server/db/open.ts';
import { toJson } from '../../server/db/values.ts';

const LINES = [
  { level: 'info', message: 'kiosk host started', configValid: true },
  {
    level: 'warn',
    message: 'sync request failed',
    error: 'the collector did not answer within 20 s',
  },
  { level: 'info', message: 'collector config applied', survey: '2026-11' },
  { level: 'info', message: 'remote order carried out', kind: 'reload', status: 'done' },
];

export async function seedDemoOrders(storage: Storage, kioskId: string, now: Date): Promise<void> {
  const any = await storage.db
    .selectFrom('kiosk_commands')
    .select('id')
    .where('kiosk_id', '=', kioskId)
    .executeTakeFirst();
  if (any) return;
  const at = (hoursAgo: number, seconds = 0) =>
    new Date(now.getTime() - hoursAgo * 3_600_000 + seconds * 1000).toISOString();
  const order = (hoursAgo: number) => ({
    kiosk_id: kioskId,
    status: 'done' as const,
    ordered_by: 'demo',
    ordered_at: at(hoursAgo),
    expires_at: at(hoursAgo - 1),
    sent_at: at(hoursAgo, 40),
    finished_at: at(hoursAgo, 41),
  });
  await storage.db
    .insertInto('kiosk_commands')
    .values([
      {
        ...order(26),
        kind: 'fetch_logs',
        lines: 50,
        message: `${LINES.length} log line(s), customer text withheld`,
        log_lines: toJson(LINES.map((l, i) => JSON.stringify({ time: at(27, i * 600), ...l }))),
      },
      { ...order(25), kind: 'reload', message: 'the kiosk UI was reloaded between customers' },
    ])
    .execute();
}
