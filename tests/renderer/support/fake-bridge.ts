// A kiosk host in memory: records every bridge call in order and answers like the real one
// unless a test overrides a channel.
import { vi } from 'vitest';
import type {
  BridgeRequest,
  BridgeResponse,
  Channel,
  KioskStatus,
} from '../../../shared/bridge.ts';
import type { PublicKioskConfig } from '../../../shared/config.ts';
import type { BridgeClient } from '../../../renderer/bridge/client.ts';
import { exampleConfig } from './config.ts';

export type Call = { [C in Channel]: [C, BridgeRequest<C>] }[Channel];
type Handlers = { [C in Channel]: (request: BridgeRequest<C>) => Promise<BridgeResponse<C>> };

export const SESSION = 'session-0123456789abcdef';

export const status: KioskStatus = {
  kioskId: 'demo-kiosk-1',
  appVersion: '0.1.0',
  online: false,
  queueDepth: 3,
  deadLetters: 0,
  lastSyncAt: null,
  lastError: 'collector unreachable',
  databasePath: '/var/lib/lastword/kiosk.sqlite',
  storage: { ok: true, error: null, pendingInMemory: 0, movedAside: null },
  outOfService: false,
  configError: null,
};

let counter = 0;
/** A syntactically valid UUIDv7, distinct per call. */
export function fakeAnswerId(): string {
  counter += 1;
  return `01890a5d-ac96-7${String(counter).padStart(3, '0')}-8000-000000000000`;
}

export function createFakeBridge(
  overrides: Partial<Handlers> = {},
  config: PublicKioskConfig = exampleConfig(),
) {
  const calls: Call[] = [];
  const defaults: Handlers = {
    getConfig: async () => config,
    getStatus: async () => status,
    startAnswer: async (r) => ({
      answerId: fakeAnswerId(),
      durable: true,
      possibleRepeat: false,
      alertRaised: r.smiley <= 2,
    }),
    updateAnswer: async () => ({ durable: true, alertRaised: false }),
    requestHelp: async () => ({ durable: true, alertRaised: true }),
    finishAnswer: async () => ({ durable: true }),
    touchAnswer: async () => ({}),
    unlockAdmin: async (r) =>
      r.pin === '246810'
        ? { session: SESSION, attemptsLeft: 5, lockedUntil: null }
        : { session: null, attemptsLeft: 4, lockedUntil: null },
    sendTestAlert: async () => ({ kind: 'test' }),
    setDefaultLanguage: async () => ({}),
    reloadKiosk: async () => ({}),
    exitKiosk: async () => ({}),
    enrol: async () => ({ ok: true, kioskId: 'kiosk-new' }),
  };
  const handlers = { ...defaults, ...overrides } as Handlers;
  const client = {} as Record<Channel, unknown>;
  for (const channel of Object.keys(defaults) as Channel[]) {
    client[channel] = vi.fn(async (request: never) => {
      calls.push([channel, request] as Call);
      return (handlers[channel] as (r: unknown) => Promise<unknown>)(request);
    });
  }
  return {
    client: client as BridgeClient,
    calls,
    /** The calls that change the answer, in the order they were made. */
    answerCalls: () =>
      calls.filter(([c]) =>
        ['startAnswer', 'updateAnswer', 'requestHelp', 'finishAnswer'].includes(c),
      ),
  };
}
