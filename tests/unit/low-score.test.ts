// The one low-score rule: which answers the kiosk treats as unhappy (staff alert, the low reasons,
// the callback offer) and which a location's alert thresholds let through, at their limits.
import { describe, expect, it } from 'vitest';
import { belowThreshold, Routing } from '../../server/alerts/rules.ts';
import { isLowScore } from '../../shared/low-score.ts';
import { smallConfig } from '../support/config.ts';

// smileyAtMost 2, npsAtMost 6, cesAtMost 2
const survey = smallConfig().survey;

describe('the survey low-score band', () => {
  it('counts a score at its limit as low and one above it as not', () => {
    expect(isLowScore(survey, { smiley: 2 })).toBe(true);
    expect(isLowScore(survey, { smiley: 3 })).toBe(false);
    expect(isLowScore(survey, { nps: 6 })).toBe(true);
    expect(isLowScore(survey, { nps: 7 })).toBe(false);
    expect(isLowScore(survey, { ces: 2 })).toBe(true);
    expect(isLowScore(survey, { ces: 3 })).toBe(false);
  });

  it('counts an answer as low when any one of its scores is', () => {
    expect(isLowScore(survey, { smiley: 4, nps: 9, ces: 1 })).toBe(true);
    expect(isLowScore(survey, { smiley: 4, nps: 9, ces: 5 })).toBe(false);
  });

  it('never counts a score the customer has not given yet', () => {
    expect(isLowScore(survey, {})).toBe(false);
    expect(isLowScore(survey, { smiley: null, nps: null, ces: null })).toBe(false);
  });
});

describe("a location's alert thresholds", () => {
  it('apply the same rule, and a score without a threshold never alerts', () => {
    const routing = Routing.parse({ thresholds: { smiley: 1, ces: 3 } });
    expect(belowThreshold(routing, { smiley: 1 })).toBe(true);
    expect(belowThreshold(routing, { smiley: 2 })).toBe(false);
    expect(belowThreshold(routing, { ces: 3 })).toBe(true);
    expect(belowThreshold(routing, { smiley: 4, nps: 0 })).toBe(false);
  });
});
