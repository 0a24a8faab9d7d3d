// getConfig: the survey and look the renderer shows, with the admin's default language.
import { publicConfig } from '../../../shared/config.ts';
import { requireConfig, type HostContext } from './context.ts';
import type { Handlers } from './dispatch.ts';
import type { ReloadGate } from './reload-gate.ts';

/** The kiosk_state key holding the language the admin chose as the kiosk's default. */
export const DEFAULT_LANGUAGE = 'default_language';

export function configHandlers(ctx: HostContext, reloads: ReloadGate) {
  return {
    getConfig: () => {
      // The renderer asks for the config on its attract screen: the one safe moment to change it,
      // or to reload the UI when an admin ordered it.
      ctx.configs.applyRemote();
      reloads.atAttract();
      const config = requireConfig(ctx);
      const language = ctx.lifecycle.stateStore.getStateOrNull(DEFAULT_LANGUAGE);
      const pub = publicConfig(config);
      if (language && config.languages.available.includes(language))
        pub.languages = { ...pub.languages, default: language };
      return pub;
    },
  } satisfies Partial<Handlers>;
}
