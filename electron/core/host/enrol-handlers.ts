// enrol: the setup screen of a kiosk that has no config trades an enrolment code for one
// (electron/core/enrolment.ts), and the kiosk then runs with it at once, sync included: no
// restart, nobody at the panel with a keyboard.
import { enrolWithCode } from '../enrolment.ts';
import type { TokenVault } from '../token-vault.ts';
import type { HostContext } from './context.ts';
import type { Handlers } from './dispatch.ts';

export interface EnrolDeps {
  configPath: string;
  /** Starts sync for the config just written (the host's startSync). */
  startSync(): void;
  fetch?: typeof fetch;
  /** Seals the token with the OS keystore where there is one. */
  vault: TokenVault | null;
}

export function enrolHandlers(ctx: HostContext, deps: EnrolDeps) {
  return {
    enrol: async ({ collector, code, pin }) => {
      const outcome = await enrolWithCode({
        collector,
        code,
        pin,
        configPath: deps.configPath,
        vault: deps.vault,
        ...(deps.fetch && { fetch: deps.fetch }),
      });
      if (outcome.ok) {
        ctx.configs.reload();
        deps.startSync();
      }
      return outcome;
    },
  } satisfies Partial<Handlers>;
}
