// A collector on a fresh store of one engine for a whole describe block, the setup the collector
// storage tests share: started before the block's first test, closed and its store dropped after
// the last. (Not in collector.ts: the benches import that without vitest.)
import { afterAll, beforeAll } from 'vitest';
import { startCollector, type EngineUnderTest, type RunningCollector } from './collector.ts';

export type FreshStore = Awaited<ReturnType<EngineUnderTest['fresh']>>;

/**
 * Call it in a describe block. The collector and the store returned are filled in before the
 * block's first test, so the tests use them directly.
 */
export function useCollector(engine: EngineUnderTest): { c: RunningCollector; store: FreshStore } {
  const c = {} as RunningCollector;
  const store = {} as FreshStore;
  beforeAll(async () => {
    Object.assign(store, await engine.fresh());
    Object.assign(c, await startCollector(store.options));
  });
  afterAll(async () => {
    await c.close?.();
    await store.drop?.();
  });
  return { c, store };
}
