// What the demo's customers write, a few lines in each language the example survey speaks,
// for unhappy and happy answers (scripts/tasks/demo-history.ts picks from them).
export const DEMO_COMMENTS: Record<string, { unhappy: string[]; happy: string[] }> = {
  en: {
    unhappy: [
      'Waited twenty minutes at lunchtime with only one desk open.',
      'The queue did not move and nobody explained why.',
      'Asked for help twice, still no answer.',
    ],
    happy: [
      'Quick and friendly, thank you!',
      'The staff member really knew the products.',
      'Clean store and no waiting at all.',
    ],
  },
  et: {
    unhappy: ['Lõuna ajal oli järjekord väga pikk.', 'Keegi ei tulnud appi.'],
    happy: ['Väga sõbralik teenindus, aitäh!', 'Kiire ja mugav.'],
  },
  ru: {
    unhappy: ['Очень долго ждал в очереди в обед.', 'Консультант был занят и не помог.'],
    happy: ['Спасибо, всё быстро и вежливо!', 'Отличный выбор товаров.'],
  },
  'zh-Hans': {
    unhappy: ['午饭时间排队太久了。', '没有人来帮忙。'],
    happy: ['服务很快，很友好！', '店里很干净。'],
  },
  ar: {
    unhappy: ['انتظرت طويلاً في الطابور وقت الغداء.', 'لم يساعدني أحد.'],
    happy: ['خدمة سريعة ولطيفة، شكراً!', 'المتجر نظيف ومرتب.'],
  },
};
