// The example kiosk's survey (build/kiosk.example.json, English) as a SurveyJS model, one
// question per page and moving on by itself after a rating, as close to the kiosk flow as
// SurveyJS gets without custom code: the comparison in bench/tap-latency.ts renders this.
import example from '../../build/kiosk.example.json';

const s = example.survey;
const choices = (list: { id: string; label: { en: string } }[]) =>
  list.map((r) => ({ value: r.id, text: r.label.en }));

export const surveyJson = {
  showQuestionNumbers: 'off',
  firstPageIsStartPage: true,
  startSurveyText: 'Tap to start',
  autoAdvanceEnabled: true,
  pages: [
    {
      name: 'start',
      elements: [
        { type: 'html', name: 'welcome', html: `<h2>${example.branding.welcome.en}</h2>` },
      ],
    },
    {
      name: 'smiley',
      elements: [
        {
          type: 'rating',
          name: 'smiley',
          title: s.smiley.prompt.en,
          rateType: 'smileys',
          rateMin: 1,
          rateMax: 5,
          isRequired: true,
        },
      ],
    },
    {
      name: 'reasons',
      elements: [
        {
          type: 'checkbox',
          name: 'reasonsLow',
          title: s.reasons.prompt.en,
          visibleIf: `{smiley} <= ${s.lowScore.smileyAtMost}`,
          choices: choices(s.reasons.low),
        },
        {
          type: 'checkbox',
          name: 'reasonsHigh',
          title: s.reasons.prompt.en,
          visibleIf: `{smiley} > ${s.lowScore.smileyAtMost}`,
          choices: choices(s.reasons.high),
        },
      ],
    },
    {
      name: 'nps',
      elements: [
        {
          type: 'rating',
          name: 'nps',
          title: s.nps.prompt.en,
          rateMin: 0,
          rateMax: 10,
          minRateDescription: s.nps.ends.low.en,
          maxRateDescription: s.nps.ends.high.en,
        },
      ],
    },
    {
      name: 'ces',
      elements: [
        {
          type: 'rating',
          name: 'ces',
          title: s.ces.prompt.en,
          rateMin: 1,
          rateMax: 7,
          minRateDescription: s.ces.ends.low.en,
          maxRateDescription: s.ces.ends.high.en,
        },
      ],
    },
    {
      name: 'comment',
      elements: [
        {
          type: 'comment',
          name: 'comment',
          title: s.comment.prompt.en,
          maxLength: s.comment.maxLength,
        },
      ],
    },
  ],
  completedHtml: `<h2>Thank you!</h2><p>${s.thankYou.happy.en}</p>`,
};
