// Which scores count as "low": the one rule behind the kiosk's low_score alert and reasons band,
// the kiosk UI's reasons list, callback offer and thank-you text, and the collector's
// per-location alert thresholds. Free of zod so the renderer can import it without the schemas.
import type { SurveyDefinition } from './survey.ts';

/** An answer's scores so far; a score not given yet is never low. */
export interface Scores {
  smiley?: number | null;
  nps?: number | null;
  ces?: number | null;
}

/** The highest value of each score that still counts as low; a score without a limit never is. */
export interface ScoreLimits {
  smiley?: number;
  nps?: number;
  ces?: number;
}

/** True when any score given is at or below its limit. */
export function atOrBelow(limits: ScoreLimits, scores: Scores): boolean {
  const low = (value: number | null | undefined, limit: number | undefined) =>
    value !== null && value !== undefined && limit !== undefined && value <= limit;
  return (
    low(scores.smiley, limits.smiley) || low(scores.nps, limits.nps) || low(scores.ces, limits.ces)
  );
}

/** The survey's own band: low enough for the low reasons, a staff alert and the callback offer. */
export function isLowScore(survey: Pick<SurveyDefinition, 'lowScore'>, scores: Scores): boolean {
  const band = survey.lowScore;
  return atOrBelow({ smiley: band.smileyAtMost, nps: band.npsAtMost, ces: band.cesAtMost }, scores);
}
