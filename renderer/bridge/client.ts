// The app's view of the bridge: one async function per channel that returns the value or throws
// a BridgeError. Built from a KioskBridge (envelopes), whichever transport made that, so tests
// hand the app a fake with the same shape.
import type { BridgeRequest, BridgeResponse, Channel, KioskBridge } from '../../shared/bridge.ts';
import { channels } from '../../shared/bridge-channels.ts';
import { BridgeError } from './errors.ts';

export type BridgeClient = {
  [C in Channel]: (request: BridgeRequest<C>) => Promise<BridgeResponse<C>>;
};

export function createClient(bridge: KioskBridge): BridgeClient {
  const client: Partial<Record<Channel, unknown>> = {};
  for (const channel of channels) {
    client[channel] = async (request: unknown) => {
      const call = bridge[channel] as (r: unknown) => ReturnType<KioskBridge[typeof channel]>;
      const result = await call(request);
      if (!result.ok) throw new BridgeError(result.error);
      return result.value;
    };
  }
  return client as BridgeClient;
}
