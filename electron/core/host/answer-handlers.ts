// The customer's channels: first tap, later steps, "talk to someone now", the screen's keep-alive
// and the end of an answer. Each checks the step against the config in force, then hands it to
// the answer lifecycle.
import { checkLanguage, checkSmiley } from '../step-rules.ts';
import { requireConfig, type HostContext } from './context.ts';
import type { Handlers } from './dispatch.ts';

export function answerHandlers(ctx: HostContext) {
  const { lifecycle } = ctx;
  return {
    startAnswer: ({ smiley, language }) => {
      const config = requireConfig(ctx);
      checkSmiley(config, smiley);
      checkLanguage(config, language);
      const started = lifecycle.start(config, smiley, language);
      ctx.abandoned.arm();
      return started;
    },
    updateAnswer: ({ answerId, step }) => lifecycle.update(requireConfig(ctx), answerId, step),
    requestHelp: ({ answerId }) => lifecycle.requestHelp(requireConfig(ctx), answerId),
    finishAnswer: ({ answerId, status }) => lifecycle.finish(answerId, status),
    touchAnswer: ({ answerId }) => {
      lifecycle.keepAlive(answerId);
      return {};
    },
  } satisfies Partial<Handlers>;
}
