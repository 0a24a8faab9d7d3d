// The built-in follow-up templates, in the five languages the kiosk speaks (renderer/i18n): a
// customer who answered in Estonian is written to in Estonian. {name} is the customer's name as
// they left it, {location} the place, {staff} the sender's display name. Staff edit the filled-in
// text before sending, so these are starting points, not promises.
import type { FollowUpTemplate, FollowUpTemplateId } from '../../shared/follow-up-api.ts';

type Words = Record<FollowUpTemplateId, { name: string; subject: string; text: string }>;

const TEMPLATES: Record<string, Words> = {
  en: {
    apology: {
      name: 'Apology',
      subject: 'Your visit to {location}',
      text: 'Dear {name},\n\nthank you for telling us about your visit to {location}, and we are sorry it did not go well. We would like to put it right: reply to this message and I will get back to you personally.\n\n{staff}, {location}',
    },
    thanks: {
      name: 'Thank you',
      subject: 'Thank you for your feedback',
      text: 'Dear {name},\n\nthank you for your feedback about {location}. It helps us a lot.\n\n{staff}, {location}',
    },
  },
  et: {
    apology: {
      name: 'Vabandus',
      subject: 'Teie külastus: {location}',
      text: 'Lugupeetud {name},\n\naitäh, et andsite teada oma külastusest asukohas {location}. Meil on kahju, et see ei läinud hästi. Soovime olukorra heastada: vastake sellele kirjale ja võtan teiega ise ühendust.\n\n{staff}, {location}',
    },
    thanks: {
      name: 'Tänu',
      subject: 'Aitäh tagasiside eest',
      text: 'Lugupeetud {name},\n\naitäh tagasiside eest asukoha {location} kohta. See aitab meid palju.\n\n{staff}, {location}',
    },
  },
  ru: {
    apology: {
      name: 'Извинение',
      subject: 'Ваш визит: {location}',
      text: 'Уважаемый(ая) {name},\n\nспасибо, что рассказали о своём визите в {location}. Нам жаль, что всё прошло не так, как должно было. Мы хотим это исправить: ответьте на это сообщение, и я свяжусь с вами лично.\n\n{staff}, {location}',
    },
    thanks: {
      name: 'Благодарность',
      subject: 'Спасибо за ваш отзыв',
      text: 'Уважаемый(ая) {name},\n\nспасибо за ваш отзыв о {location}. Он нам очень помогает.\n\n{staff}, {location}',
    },
  },
  'zh-Hans': {
    apology: {
      name: '致歉',
      subject: '关于您在{location}的体验',
      text: '{name}，您好：\n\n感谢您告诉我们您在{location}的体验，很抱歉这次未能让您满意。我们希望弥补：请回复此消息，我会亲自与您联系。\n\n{staff}，{location}',
    },
    thanks: {
      name: '感谢',
      subject: '感谢您的反馈',
      text: '{name}，您好：\n\n感谢您对{location}的反馈，这对我们很有帮助。\n\n{staff}，{location}',
    },
  },
  ar: {
    apology: {
      name: 'اعتذار',
      subject: 'زيارتك إلى {location}',
      text: 'عزيزي/عزيزتي {name}،\n\nشكرًا لإخبارنا عن زيارتك إلى {location}، ونأسف لأنها لم تكن على ما يرام. نود تصحيح ذلك: رد على هذه الرسالة وسأتواصل معك شخصيًا.\n\n{staff}، {location}',
    },
    thanks: {
      name: 'شكر',
      subject: 'شكرًا لملاحظاتك',
      text: 'عزيزي/عزيزتي {name}،\n\nشكرًا لملاحظاتك حول {location}. إنها تساعدنا كثيرًا.\n\n{staff}، {location}',
    },
  },
};

export interface TemplateFill {
  name: string;
  location: string;
  staff: string;
}

/** The answer's language if there are templates in it ("zh-Hans" also for "zh"), else English. */
export function templateLanguage(language: string): string {
  if (TEMPLATES[language]) return language;
  const base = language.split('-')[0]!;
  if (base === 'zh') return 'zh-Hans';
  return TEMPLATES[base] ? base : 'en';
}

/** Placeholders replaced in one pass, so a name that holds "{staff}" stays as typed. */
function fill(text: string, values: TemplateFill): string {
  return text.replace(/\{(name|location|staff)\}/g, (_, key: keyof TemplateFill) => values[key]);
}

export function templatesFor(language: string, values: TemplateFill): FollowUpTemplate[] {
  const words = TEMPLATES[templateLanguage(language)]!;
  return (Object.keys(words) as FollowUpTemplateId[]).map((id) => ({
    id,
    name: words[id].name,
    subject: fill(words[id].subject, values),
    text: fill(words[id].text, values),
  }));
}
