// Answers posted as the staff tests' kiosks (LOCATIONS in staff.ts) post them: through
// /v1/answers with the kiosk's own token, each kiosk's seqs running on from 1, on the survey the
// fixtures attach. Each answer's id is kept under a name the test chooses, so checks can name
// answers rather than ids.
import { expect } from 'vitest';
import { BatchReply, type AnswerUpload } from '../../shared/protocol.ts';
import { answer, call } from './collector.ts';
import { smallConfig } from './config.ts';
import { LOCATIONS, type StaffCollector } from './staff.ts';

export function answerPoster(c: StaffCollector) {
  const ids: Record<string, string> = {};
  const seqs: Record<string, number> = {};
  /** Posts answers as the kiosk at `where` does; `name` keys each answer's id. */
  const post = async (where: keyof typeof LOCATIONS, list: [string, Partial<AnswerUpload>][]) => {
    const k = LOCATIONS[where];
    const answers = list.map(([name, over]) => {
      const seq = (seqs[k.kioskId] = (seqs[k.kioskId] ?? 0) + 1);
      const a = answer(k.kioskId, seq, {
        surveyVersion: smallConfig().survey.version,
        startedAt: over.finalizedAt!,
        ...over,
      });
      ids[name] = a.id;
      return a;
    });
    const reply = await call({ url: c.url, token: c.tokens[k.kioskId]! }, 'POST', '/v1/answers', {
      kioskId: k.kioskId,
      sentAt: new Date().toISOString(),
      answers,
    });
    expect(BatchReply.parse(reply.body).results.map((r) => r.status)).toEqual(
      answers.map(() => 'stored'),
    );
  };
  return { ids, post };
}
