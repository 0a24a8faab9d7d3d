// The window rule's rolling counts on both engines: answers add to the minute of the earlier of
// their receive and finalized times, possible repeats do not count, a window sums its minutes
// (to the minute), and the tick's pruning keeps every minute the longest window can reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countIntoWindow,
  pruneWindowCounts,
  windowCounts,
} from '../../server/alerts/window-counts.ts';
import { openStorage, writeTransaction, type Storage } from '../../server/db/open.ts';
import { collectorEngines } from '../support/collector.ts';

const NOW = new Date('2026-11-24T10:00:30.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

for (const engine of await collectorEngines('window counts')) {
  describe.skipIf(engine.skip)(`window counts on ${engine.name}`, () => {
    let storage: Storage;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const fresh = await engine.fresh();
      drop = fresh.drop;
      storage = await openStorage(fresh.options);
    });
    afterAll(async () => {
      await storage?.close();
      await drop?.();
    });
    const add = (location: string, receivedAt: Date, answers: [number, Date, boolean?][]) =>
      writeTransaction(storage, (trx) =>
        countIntoWindow(
          trx,
          location,
          answers.map(([smiley, finalized, repeat]) => ({
            smiley,
            finalized_at: finalized.toISOString(),
            possible_repeat: repeat ? 1 : 0,
          })),
          receivedAt,
        ),
      );
    const counts = (location: string, minutes: number) =>
      writeTransaction(storage, (trx) => windowCounts(trx, location, minutesAgo(minutes), 2));

    it('counts by the earlier of receive and finalized time, leaving repeats out', async () => {
      // A batch drained now, given an hour ago; one given now; one a year ahead (clock wrong).
      await add('Store A', NOW, [
        [1, minutesAgo(60)],
        [2, NOW],
        [5, new Date(NOW.getTime() + 365 * 24 * 60 * 60_000)],
        [1, NOW, true],
      ]);
      await add('Store A', NOW, [[4, NOW]]);
      await add('Store B', NOW, [[1, NOW]]);
      expect(await counts('Store A', 15)).toEqual({ n: 3, unhappy: 1 });
      expect(await counts('Store A', 90)).toEqual({ n: 4, unhappy: 2 });
      expect(await counts('Store B', 15)).toEqual({ n: 1, unhappy: 1 });
    });

    it('prunes only minutes older than the longest window (a day)', async () => {
      await add('Store C', minutesAgo(24 * 60 - 1), [[1, minutesAgo(24 * 60 - 1)]]);
      await add('Store C', minutesAgo(24 * 60 + 5), [[1, minutesAgo(24 * 60 + 5)]]);
      expect(await counts('Store C', 24 * 60 + 10)).toEqual({ n: 2, unhappy: 2 });
      await pruneWindowCounts(storage, NOW);
      expect(await counts('Store C', 24 * 60 + 10)).toEqual({ n: 1, unhappy: 1 });
    });
  });
}
