// The child process of the kill test: the real kiosk host on a real SQLite file, recording
// answer lives as fast as it can until the parent kills it with SIGKILL. Run directly by Node:
//   node tests/support/kill-writer.ts <databasePath> <configPath> <clockStartMs>
// It reports on stdout, one line per event, each written synchronously so that a line exists
// only once the call it reports has returned:
//   opening                             modules loaded; the host is about to open the database
//   ready                               the host is open (leftover drafts already finalised)
//   begin start - <request json>        a call is about to be made (begin update/help/finish
//   begin update <answerId> <step json>  carry what the matching ack will carry)
//   ack start <answerId> <alertRaised 0|1> <possibleRepeat 0|1> <request json>
//   ack update <answerId> <alertRaised 0|1> <step json>
//   ack help <answerId> <alertRaised 0|1>
//   ack finish <answerId> <complete|partial>
// Anything unexpected (a failed or non-durable call) goes to stderr and exits with code 2.
import { emitLine as emit } from './emit-line.ts';
import { createKioskHost } from '../../electron/core/host.ts';
import type { Channel } from '../../shared/bridge.ts';

const [databasePath, configPath, clockStart] = process.argv.slice(2);
if (!databasePath || !configPath || !clockStart) {
  process.stderr.write('usage: kill-writer.ts <databasePath> <configPath> <clockStartMs>\n');
  process.exit(2);
}

function die(message: string): never {
  process.stderr.write(`kill-writer: ${message}\n`);
  process.exit(2);
}

// A virtual clock: customers a few seconds to half a minute apart, so some starts fall inside
// the 3 s repeat window (flagged, their alert marked) and most do not. The parent gives each run its own
// start, far past the previous run's last answer.
let clock = Number(clockStart);
const tick = (minMs: number, maxMs: number) =>
  (clock += minMs + Math.floor(Math.random() * (maxMs - minMs)));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const chance = (p: number) => Math.random() < p;

emit('opening');
const host = createKioskHost({
  configPath,
  databasePath,
  appVersion: 'kill-test',
  now: () => new Date(clock),
  actions: { reload: () => {}, exit: () => {} },
  log: (level, message, fields) => {
    if (level !== 'info')
      process.stderr.write(
        `kill-writer host ${level}: ${message} ${JSON.stringify(fields ?? {})}\n`,
      );
  },
});
const storage = host.status().storage;
if (!storage.ok) die(`storage is not ok at start: ${storage.error}`);
emit('ready');

async function call(channel: Channel, payload: unknown): Promise<Record<string, unknown>> {
  const result = await host.handle(channel, payload);
  if (!result.ok) die(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  const value = result.value as Record<string, unknown>;
  if (value.durable !== true) die(`${channel} was not durable: ${JSON.stringify(value)}`);
  return value;
}

const bit = (v: unknown) => (v ? 1 : 0);

// The small fixture survey: 4 faces (1-2 unhappy), low reasons wait/staff, high fast/friendly.
function randomStep(smiley: number): Record<string, unknown> {
  switch (Math.floor(Math.random() * 4)) {
    case 0:
      return { reasons: smiley <= 2 ? [pick(['wait', 'staff'])] : [pick(['fast', 'friendly'])] };
    case 1:
      return { nps: Math.floor(Math.random() * 11) };
    case 2:
      return { comment: pick(['ok', 'slow queue', 'Aitäh — väga hea', 'x'.repeat(200)]) };
    default:
      return { language: pick(['en', 'et']) };
  }
}

for (;;) {
  tick(2_000, 30_000);
  const smiley = 1 + Math.floor(Math.random() * 4);
  const request = JSON.stringify({ smiley, language: pick(['en', 'et']) });
  emit(`begin start - ${request}`);
  const started = await call('startAnswer', JSON.parse(request));
  const answerId = String(started.answerId);
  emit(
    `ack start ${answerId} ${bit(started.alertRaised)} ${bit(started.possibleRepeat)} ${request}`,
  );

  const steps = Math.floor(Math.random() * 4);
  for (let i = 0; i < steps; i++) {
    tick(1_000, 5_000);
    if (smiley <= 2 && chance(0.15)) {
      emit(`begin help ${answerId}`);
      const helped = await call('requestHelp', { answerId });
      emit(`ack help ${answerId} ${bit(helped.alertRaised)}`);
      continue;
    }
    const step = randomStep(smiley);
    const json = JSON.stringify(step);
    emit(`begin update ${answerId} ${json}`);
    const updated = await call('updateAnswer', { answerId, step });
    emit(`ack update ${answerId} ${bit(updated.alertRaised)} ${json}`);
  }

  // Some customers walk away and the kiosk dies before the idle timer: the draft stays open
  // until the next first tap (or the next start) finishes it as partial.
  if (chance(0.1)) continue;
  tick(500, 3_000);
  const status = chance(0.75) ? 'complete' : 'partial';
  emit(`begin finish ${answerId} ${status}`);
  await call('finishAnswer', { answerId, status });
  emit(`ack finish ${answerId} ${status}`);
}
