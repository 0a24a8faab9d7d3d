// The collector the sync-protocol test files share, one per file: a temp SQLite file started
// before the file's first test and closed after its last, and what the tests read back from it.
// (Not in collector.ts: the benches import that without vitest.)
import { afterAll, beforeAll } from 'vitest';
import { call, startCollector, type RunningCollector } from './collector.ts';

export const sentAt = () => new Date().toISOString();

/** Call it at the top of a test file; `c` is filled in before the first test. */
export function useProtocolCollector() {
  const c = {} as RunningCollector;
  beforeAll(async () => {
    Object.assign(c, await startCollector());
  });
  afterAll(() => c.close?.());
  /** How many rows a table holds: a refusal must leave it unchanged. */
  const count = async (table: 'answers' | 'alerts') =>
    Number(
      (
        await c.storage.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const postAnswers = (answers: unknown[], extra: Record<string, unknown> = {}) =>
    call(c, 'POST', '/v1/answers', { kioskId: c.kioskId, sentAt: sentAt(), answers, ...extra });
  return { c, count, postAnswers };
}
