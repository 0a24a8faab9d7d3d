// What the survey definition allows in each step, beyond the shape the bridge schema checks:
// faces the survey has, reason ids it offers (for the score's band) and languages the kiosk
// speaks.
import type { AnswerStep } from '../../shared/answer.ts';
import type { KioskConfig } from '../../shared/config.ts';
import { isLowScore } from '../../shared/low-score.ts';

export class HostError extends Error {
  readonly code:
    'invalid_request' | 'not_found' | 'conflict' | 'unauthorized' | 'unavailable' | 'unsupported';
  constructor(code: HostError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

function invalid(message: string): never {
  throw new HostError('invalid_request', message);
}

export function checkLanguage(config: KioskConfig, language: string): void {
  if (!config.languages.available.includes(language))
    invalid(`language "${language}" is not offered by this kiosk`);
}

export function checkSmiley(config: KioskConfig, smiley: number): void {
  if (smiley > config.survey.smiley.faces)
    invalid(`smiley ${smiley} is beyond the survey's ${config.survey.smiley.faces} faces`);
}

/** Checks a later step against the survey; `smiley` is the answer's current face. */
export function checkStep(config: KioskConfig, step: AnswerStep, smiley: number): void {
  const survey = config.survey;
  if (step.smiley !== undefined) checkSmiley(config, step.smiley);
  if (step.language !== undefined) checkLanguage(config, step.language);
  if (step.reasons) {
    const band = isLowScore(survey, { smiley: step.smiley ?? smiley })
      ? survey.reasons.low
      : survey.reasons.high;
    const offered = new Set(band.map((r) => r.id));
    const unknown = step.reasons.filter((id) => !offered.has(id));
    if (unknown.length) invalid(`reasons not offered for this score: ${unknown.join(', ')}`);
    if (new Set(step.reasons).size !== step.reasons.length) invalid('reasons must not repeat');
  }
  if (step.ces !== undefined && !survey.ces) invalid('this survey has no effort question');
  if (step.comment !== undefined) {
    if (!survey.comment) invalid('this survey has no comment question');
    if (step.comment.length > survey.comment.maxLength)
      invalid(`comment is longer than ${survey.comment.maxLength} characters`);
  }
  if (step.contact) {
    if (!survey.contact) invalid('this survey does not ask for contact details');
    if (step.contact.consentVersion !== survey.contact.consentVersion) {
      invalid(`consent version "${step.contact.consentVersion}" is not the current one`);
    }
  }
}
