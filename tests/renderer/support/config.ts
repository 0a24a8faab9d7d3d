import example from '../../../build/kiosk.example.json';
import { KioskConfig, publicConfig, type PublicKioskConfig } from '../../../shared/config.ts';

export function exampleFile(): unknown {
  return structuredClone(example);
}

/** The example kiosk's config as the renderer receives it, optionally changed by a test. */
export function exampleConfig(change?: (c: PublicKioskConfig) => void): PublicKioskConfig {
  const config = publicConfig(KioskConfig.parse(exampleFile()));
  change?.(config);
  return config;
}
