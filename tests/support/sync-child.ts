// The child process of the sync kill test: the real sync engine on a real kiosk database,
// draining to a collector until the parent kills it with SIGKILL. Run directly by Node:
//   node tests/support/sync-child.ts <databasePath> <collectorUrl> <token> <kioskId> <batchItems> [hold]
// hold is `request:<n>` or `reply:<n>`: at that event the child writes its line and then stops
// reading (the request is already on its way; the reply's body is never read), so the parent's
// kill lands exactly there however slow the machine is.
// One line on stdout per event, written synchronously, so a line exists only once it happened:
//   ready                      the engine is created and about to start
//   request <n> <path> <items> batch n is about to be sent
//   reply <n> <status>         its reply's status line arrived (the body is still to be read
//                              and settled: a kill now is a reply lost after the commit)
//   drained                    the queue is empty; the child exits 0
import { emitLine as emit } from './emit-line.ts';
import { SyncEngine } from '../../electron/core/sync/engine.ts';

const [databasePath, url, token, kioskId, batchItems, hold] = process.argv.slice(2);
if (!databasePath || !url || !token || !kioskId || !batchItems) {
  process.stderr.write(
    'usage: sync-child.ts <databasePath> <collectorUrl> <token> <kioskId> <batchItems> [hold]\n',
  );
  process.exit(2);
}

/** Never settles: the engine waits here until the parent's SIGKILL. */
const holdForKill = () => new Promise<never>(() => {});
const holdAt = (event: string, i: number) => hold === `${event}:${i}`;

let n = 0;
const watched: typeof fetch = async (input, init) => {
  const path = new URL(String(input)).pathname;
  if (path !== '/v1/answers' && path !== '/v1/alerts') return fetch(input, init);
  const i = ++n;
  const body = JSON.parse(String(init?.body)) as { answers?: unknown[]; alerts?: unknown[] };
  const sent = fetch(input, init);
  emit(`request ${i} ${path} ${(body.answers ?? body.alerts ?? []).length}`);
  if (holdAt('request', i)) return holdForKill();
  const res = await sent;
  emit(`reply ${i} ${res.status}`);
  if (holdAt('reply', i)) return holdForKill();
  return res;
};

const engine = new SyncEngine({
  databasePath,
  kioskId,
  collector: { url, token },
  appVersion: 'kill-test',
  fetch: watched,
  tuning: {
    batchItems: Number(batchItems),
    baseDelayMs: 5,
    maxDelayMs: 50,
    heartbeatMs: 3_600_000,
  },
  log: (level, message, fields) => {
    if (level !== 'info')
      process.stderr.write(`sync-child ${level}: ${message} ${JSON.stringify(fields ?? {})}\n`);
  },
});
emit('ready');
engine.start();
const poll = setInterval(() => {
  if (engine.status().queueDepth > 0) return;
  clearInterval(poll);
  emit('drained');
  void engine.stop().then(() => process.exit(0));
}, 5);
