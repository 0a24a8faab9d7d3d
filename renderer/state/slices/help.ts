// "Talk to someone now": the status says help is coming only once the host raised the alert.
import type { FlowActions } from '../flow.ts';
import type { SliceKit } from './kit.ts';

export function helpSlice({ get, set, answer, report }: SliceKit): Pick<FlowActions, 'talkNow'> {
  return {
    talkNow() {
      const { help } = get();
      if (help === 'calling' || help === 'coming') return;
      const request = answer.requestHelp();
      if (!request) return;
      const mine = answer.customer();
      set({ help: 'calling', draft: { ...get().draft, helpRequested: true } });
      request.then(
        (raised) => {
          // Only a raised alert brings someone; anything else must not promise it.
          if (answer.customer() === mine) set({ help: raised ? 'coming' : 'failed' });
        },
        (error: unknown) => {
          report({ stage: 'help', error });
          if (answer.customer() === mine) set({ help: 'failed' });
        },
      );
    },
  };
}
