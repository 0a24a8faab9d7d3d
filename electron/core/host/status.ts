// What the admin screen's status list shows: kiosk id, sync, queue, storage and config health.
import type { KioskStatus } from '../../../shared/bridge.ts';
import type { HostContext } from './context.ts';
import type { Handlers } from './dispatch.ts';

export function kioskStatus(ctx: HostContext): KioskStatus {
  const storage = ctx.lifecycle.storageStatus();
  const config = ctx.configs.current();
  const synced = ctx.sync?.status();
  const syncError = synced
    ? synced.lastError
    : config
      ? 'sync not configured: the kiosk config has no collector block'
      : null;
  return {
    kioskId: config?.kioskId ?? null,
    appVersion: ctx.appVersion,
    online: synced?.online ?? null,
    queueDepth: ctx.lifecycle.queueDepth(),
    deadLetters: synced?.deadLetters ?? 0,
    lastSyncAt: synced?.lastSyncAt ?? null,
    lastError: storage.error ?? syncError,
    databasePath: ctx.databasePath,
    storage,
    outOfService: ctx.outOfService !== null,
    configError: ctx.configs.problems,
  };
}

export function statusHandlers(ctx: HostContext) {
  return { getStatus: () => kioskStatus(ctx) } satisfies Partial<Handlers>;
}
