// Kiosks as the ingest benches simulate them: enrolled the way the CLI does it, each posting
// answer batches one at a time (as a kiosk's sync engine does) through real HTTP, all kiosks at
// once. One in five answers carries a comment and top scores, the rest are plain.
import { BatchReply } from '../shared/protocol.ts';
import type { Storage } from '../server/db/open.ts';
import { enrolKiosk } from '../server/kiosk-api/kiosks.ts';
import { answer } from '../tests/support/collector.ts';
import { latencyStats } from './latency-stats.ts';

export interface BenchKiosk {
  id: string;
  token: string;
  nextSeq: number;
}

/** Enrols `count` kiosks bench-00, bench-01, … at one location, one touchpoint each. */
export async function enrolBenchKiosks(storage: Storage, count: number): Promise<BenchKiosk[]> {
  const kiosks: BenchKiosk[] = [];
  for (let i = 0; i < count; i++) {
    const id = `bench-${String(i).padStart(2, '0')}`;
    const where = { kioskId: id, location: 'Bench store', touchpoint: `Desk ${i}` };
    kiosks.push({ id, token: (await enrolKiosk(storage, where, new Date())).token, nextSeq: 1 });
  }
  return kiosks;
}

/**
 * Every kiosk posts `batchesPerKiosk` batches of `batchSize` answers, kiosk i to
 * `urls[i % urls.length]` (round robin over collector instances); resolves to the rate and the
 * batch latencies. A batch not fully stored (or acknowledged out of order) is counted.
 */
export async function postAnswerBatches(
  urls: string[],
  kiosks: BenchKiosk[],
  batchSize: number,
  batchesPerKiosk: number,
) {
  const latencies: number[] = [];
  let problems = 0;
  const started = performance.now();
  await Promise.all(
    kiosks.map(async (k, i) => {
      const url = urls[i % urls.length]!;
      for (let b = 0; b < batchesPerKiosk; b++) {
        const answers = Array.from({ length: batchSize }, (_, j) =>
          answer(
            k.id,
            k.nextSeq + j,
            (k.nextSeq + j) % 5 === 0
              ? { comment: 'Kiire ja sõbralik teenindus, aitäh!', smiley: 5, nps: 10 }
              : {},
          ),
        );
        const t0 = performance.now();
        const res = await fetch(`${url}/v1/answers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${k.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kioskId: k.id, sentAt: new Date().toISOString(), answers }),
        });
        const reply = BatchReply.parse(await res.json());
        latencies.push(performance.now() - t0);
        k.nextSeq += batchSize;
        if (
          res.status !== 200 ||
          reply.results.some((r) => r.status !== 'stored') ||
          reply.highestContiguousSeq !== k.nextSeq - 1
        )
          problems++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const answers = kiosks.length * batchSize * batchesPerKiosk;
  return {
    batchSize,
    batches: latencies.length,
    answers,
    seconds: Number(seconds.toFixed(2)),
    answersPerSecond: Math.round(answers / seconds),
    batchesPerSecond: Math.round(latencies.length / seconds),
    batchLatencyMs: latencyStats(latencies),
    batchesNotFullyStored: problems,
  };
}
