// The admin screen's channels: the PIN gate, then a test alert, the default language, reload and
// exit. Every one after the PIN needs a live admin session.
import { HostError, checkLanguage } from '../step-rules.ts';
import { DEFAULT_LANGUAGE } from './config-handlers.ts';
import { requireAdmin, requireConfig, type HostContext } from './context.ts';
import type { Handlers } from './dispatch.ts';

export function adminHandlers(ctx: HostContext) {
  /** A shell action (reload, exit): only with a live session, answers nothing. */
  const action =
    (run: () => void) =>
    ({ session }: { session: string }) => {
      requireAdmin(ctx, session);
      run();
      return {};
    };
  return {
    unlockAdmin: ({ pin }) => {
      // The PIN hash is in the config file: without one there is no way in.
      if (!ctx.configs.current())
        throw new HostError('unavailable', 'the kiosk config file is invalid');
      return ctx.admin.unlock(pin);
    },
    sendTestAlert: ({ session }) => {
      requireAdmin(ctx, session);
      ctx.lifecycle.testAlert(requireConfig(ctx));
      return { kind: 'test' as const };
    },
    setDefaultLanguage: ({ session, language }) => {
      requireAdmin(ctx, session);
      checkLanguage(requireConfig(ctx), language);
      ctx.lifecycle.stateStore.setState(DEFAULT_LANGUAGE, language);
      return {};
    },
    reloadKiosk: action(() => ctx.actions.reload()),
    exitKiosk: action(() => ctx.actions.exit()),
  } satisfies Partial<Handlers>;
}
