// The app's view of the bridge: one async function per channel that returns the value or throws
// a BridgeError. Built from a KioskBridge (envelopes), whichever transport made that, so tests
// hand the app a fake with the same shape.
import type { BridgeRequest, BridgeResponse, Channel, KioskBridge } from '../../shared/bridge.ts';
import { BridgeError } from './errors.ts';

export type BridgeClient = {
  [C in Channel]: (request: BridgeRequest<C>) => Promise<BridgeResponse<C>>;
};

// Listed here rather than imported from shared/bridge.ts so the renderer bundle does not carry the
// contract's zod schemas it never runs; `satisfies` makes a channel added there fail to compile here.
const CHANNELS = {
  getConfig: true,
  getStatus: true,
  startAnswer: true,
  updateAnswer: true,
  requestHelp: true,
  finishAnswer: true,
  unlockAdmin: true,
  sendTestAlert: true,
  setDefaultLanguage: true,
  reloadKiosk: true,
  exitKiosk: true,
} as const satisfies Record<Channel, true>;

export const bridgeChannels = Object.keys(CHANNELS) as Channel[];

export function createClient(bridge: KioskBridge): BridgeClient {
  const client: Partial<Record<Channel, unknown>> = {};
  for (const channel of bridgeChannels) {
    client[channel] = async (request: unknown) => {
      const call = bridge[channel] as (r: unknown) => ReturnType<KioskBridge[typeof channel]>;
      const result = await call(request);
      if (!result.ok) throw new BridgeError(result.error);
      return result.value;
    };
  }
  return client as BridgeClient;
}
