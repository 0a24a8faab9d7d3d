// One bridge call to an in-process kiosk host, unwrapped: its value, or a throw that names the
// channel and the host's error code and message.
import type { KioskHost } from '../../electron/core/host.ts';
import type { BridgeResult } from '../../shared/result.ts';

export async function hostCall<T = Record<string, unknown>>(
  host: KioskHost,
  channel: Parameters<KioskHost['handle']>[0],
  payload: unknown,
): Promise<T> {
  const result = (await host.handle(channel, payload)) as BridgeResult<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}
