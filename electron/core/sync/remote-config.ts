// The host's half of the config pull: the engine stores what the collector sent, the host swaps
// it in only where no customer can be mid-survey (at start, and when the renderer asks for the
// config on its attract screen). The file's collector block and PIN hash always stay: the URL,
// token and PIN are the kiosk's own and never come over the wire.
import { RemoteKioskConfig, type KioskConfig } from '../../../shared/config.ts';
import { REMOTE_CONFIG, REMOTE_CONFIG_ETAG } from './fleet.ts';

export type RemoteConfig = { etag: string; config: KioskConfig } | { etag: string; error: string };

/** The stored collector config if it differs from the one applied (by ETag), else null. */
export function pendingRemoteConfig(
  state: (key: string) => string | null,
  local: KioskConfig,
  appliedEtag: string | null,
): RemoteConfig | null {
  const etag = state(REMOTE_CONFIG_ETAG);
  if (etag === null || etag === appliedEtag) return null;
  let json: unknown;
  try {
    json = JSON.parse(state(REMOTE_CONFIG) ?? 'null');
  } catch {
    return { etag, error: 'the stored collector config is not JSON' };
  }
  // Parsed again: it was stored by an older app, perhaps, and every trust boundary parses.
  const parsed = RemoteKioskConfig.safeParse(json);
  if (!parsed.success)
    return { etag, error: 'the stored collector config is not valid for this app' };
  if (parsed.data.kioskId !== local.kioskId)
    return { etag, error: `the collector config is for kiosk "${parsed.data.kioskId}"` };
  const { adminPinHash: _wire, ...rest } = parsed.data;
  const own = { ...rest, adminPinHash: local.adminPinHash };
  return { etag, config: local.collector ? { ...own, collector: local.collector } : own };
}
