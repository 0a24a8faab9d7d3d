// The demo's survey versions, made once: the survey the demo kiosk was set up with, assigned to
// its location, and a holiday version (new welcome line and question in every language, green
// brand colours, its own logo) assigned to the kiosk's touchpoint, which is more specific, so
// the kiosk shows the holiday one. The Surveys page then has two versions, two assignments and
// a kiosk to roll back. Logos are PNGs drawn by scripts/png.ts (the admin takes no SVG): a
// shopping bag, and a star for the holidays.
import type { KioskConfig } from '../../shared/config.ts';
import { AdminSurveyContent } from '../../shared/survey-admin-api.ts';
import type { Storage } from '../../server/db/open.ts';
import { assignVersion } from '../../server/survey-versions/assignments.ts';
import { createVersion, listVersions } from '../../server/survey-versions/versions.ts';
import { dataUrl, drawnMark, inRoundedRect, type Rgb, type Sign } from '../png.ts';

const HOLIDAY_WELCOME: Record<string, string> = {
  en: 'Happy holidays from all of us!',
  ru: 'С праздниками от всей команды!',
  'zh-Hans': '全体员工祝您节日快乐！',
  et: 'Häid pühi meie kõigi poolt!',
  ar: 'أعياد سعيدة من فريقنا!',
};
const HOLIDAY_PROMPT: Record<string, string> = {
  en: 'How was your holiday shopping today?',
  ru: 'Как прошли ваши праздничные покупки?',
  'zh-Hans': '您今天的节日购物体验如何？',
  et: 'Kuidas tänane pühadeostlemine läks?',
  ar: 'كيف كان تسوقك للعطلة اليوم؟',
};

/** A shopping bag: a rounded body and, above it, the upper half of a ring as its handle. */
const BAG = { cx: 0.5, cy: 0.6, hw: 0.23, hh: 0.18, r: 0.06 };
const bag: Sign = (x, y) => {
  const ring = Math.hypot(x - 0.5, y - 0.42);
  return inRoundedRect(x, y, BAG) || (y <= 0.42 && ring >= 0.1 && ring <= 0.15);
};

/** A five-pointed star, point up (even-odd test against its ten corners). */
const STAR = Array.from({ length: 10 }, (_, i) => {
  const angle = -Math.PI / 2 + (i * Math.PI) / 5;
  const radius = i % 2 ? 0.13 : 0.32;
  return [0.5 + radius * Math.cos(angle), 0.54 + radius * Math.sin(angle)] as const;
});
const star: Sign = (x, y) => {
  let inside = false;
  for (let i = 0, j = STAR.length - 1; i < STAR.length; j = i++) {
    const [xi, yi] = STAR[i]!;
    const [xj, yj] = STAR[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

const logo = (fill: Rgb, sign: Sign) => dataUrl(drawnMark(144, fill, sign));

const pick = (texts: Record<string, string>, languages: string[]) =>
  Object.fromEntries(languages.map((l) => [l, texts[l] ?? texts.en!]));

export async function seedDemoSurveys(
  storage: Storage,
  config: Pick<KioskConfig, 'languages' | 'branding' | 'survey' | 'location' | 'touchpoint'>,
): Promise<void> {
  if ((await listVersions(storage)).length) return;
  const by = { id: null, name: 'demo' };
  const { languages, branding, survey } = config;
  const langs = languages.available;
  const dayBefore = new Date(Date.now() - 24 * 3600_000);
  const first = await createVersion(
    storage,
    {
      content: AdminSurveyContent.parse({
        languages,
        branding: { ...branding, logo: logo([26, 115, 232], bag) },
        survey,
      }),
      note: 'As the demo kiosk was set up',
    },
    by,
    dayBefore,
  );
  const holiday = await createVersion(
    storage,
    {
      content: AdminSurveyContent.parse({
        languages,
        branding: {
          ...branding,
          logo: logo([30, 107, 52], star),
          colors: { primary: '#1e6b34', background: '#f3f8f3', text: '#1c1b1a' },
          welcome: pick(HOLIDAY_WELCOME, langs),
        },
        survey: {
          ...survey,
          version: `${survey.version}-holiday`,
          smiley: { ...survey.smiley, prompt: pick(HOLIDAY_PROMPT, langs) },
        },
      }),
      note: 'Holiday welcome, question and colours',
      basedOn: first.version.id,
    },
    by,
    new Date(),
  );
  const place = await storage.db
    .selectFrom('touchpoints')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .select(['locations.id as location', 'touchpoints.id as touchpoint'])
    .where('locations.name', '=', config.location)
    .where('touchpoints.name', '=', config.touchpoint)
    .executeTakeFirstOrThrow();
  await assignVersion(
    storage,
    { scope: 'location', id: place.location },
    first.version.id,
    by,
    dayBefore,
  );
  await assignVersion(
    storage,
    { scope: 'touchpoint', id: place.touchpoint },
    holiday.version.id,
    by,
    new Date(),
  );
}
