// getConfig: the survey and look the renderer shows, with the admin's default language.
import { publicConfig } from '../../../shared/config.ts';
import { requireConfig, type HostContext } from './context.ts';
import type { Handlers } from './dispatch.ts';

/** The kiosk_state key holding the language the admin chose as the kiosk's default. */
export const DEFAULT_LANGUAGE = 'default_language';

export function configHandlers(ctx: HostContext) {
  return {
    getConfig: () => {
      // The renderer asks for the config on its attract screen: the one safe moment to change it.
      ctx.configs.applyRemote();
      const config = requireConfig(ctx);
      const language = ctx.lifecycle.stateStore.getStateOrNull(DEFAULT_LANGUAGE);
      const pub = publicConfig(config);
      if (language && config.languages.available.includes(language))
        pub.languages = { ...pub.languages, default: language };
      return pub;
    },
  } satisfies Partial<Handlers>;
}
