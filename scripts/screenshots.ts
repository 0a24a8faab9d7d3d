// Screenshots of every kiosk screen, for review: landscape 1920x1080 and portrait 1080x1920, in
// English and Arabic (plus the other shipped languages for the screens where script and length
// matter most), against the real kiosk host in browser-kiosk mode. Build the renderer first.
//
//   node scripts/screenshots.ts [outDir]     (default dist/screenshots)
//
// Also writes contact sheets (sheet-*.png), several screens per image, for a quick look.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium.ts';
import { DEMO_PIN, exampleConfig } from '../tests/support/config.ts';
import { startKiosk } from '../tests/support/kiosk.ts';
import { facesReady } from '../tests/e2e/kiosk-page.ts';
import { WORDS } from '../tests/e2e/kiosk-words.ts';

const OUT = resolve(process.argv[2] ?? 'dist/screenshots');
const VIEWPORTS = [
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'portrait', width: 1080, height: 1920 },
] as const;
const FULL = ['en', 'ar'];

const shots: string[] = [];
async function shot(page: Page, dir: string, name: string): Promise<void> {
  await page.waitForTimeout(450); // past the screen-change guard and the press animation
  const path = join(OUT, dir, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  shots.push(path);
}

const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });
const key = (page: Page, name: string) =>
  page
    .getByRole('group', { name: /keyboard|клавиатура|键盘|klaviatuur|لوحة المفاتيح/i })
    .getByRole('button', { name, exact: true });

async function typeKeys(page: Page, keys: string[]): Promise<void> {
  for (const k of keys) await key(page, k).click();
}

/** `launchUrl` gives a new launch address each time: each opens the kiosk once. */
async function journey(
  page: Page,
  launchUrl: () => string,
  viewport: string,
  lang: string,
): Promise<void> {
  const L = WORDS[lang]!;
  const dir = join(viewport, lang);
  const config = exampleConfig();
  const faces = config.survey.smiley.labels.map((l) => l[lang] ?? l.en!);
  mkdirSync(join(OUT, dir), { recursive: true });
  await page.goto(launchUrl());
  await button(page, L.native).click();
  await button(page, faces[0]!).waitFor();
  // The idle screen is the faces themselves, with the welcome line and the calm motion.
  await shot(page, dir, '01-idle-faces');
  if (!FULL.includes(lang)) {
    await button(page, faces[4]!).click();
    await button(page, L.done).click();
    await button(page, '9').click();
    await button(page, '6').click();
    await typeKeys(
      page,
      lang === 'zh-Hans'
        ? ['n', 'i']
        : lang === 'ru'
          ? ['с', 'п', 'а', 'с', 'и', 'б', 'о']
          : ['a', 'i', 't', 'ä', 'h'],
    );
    await shot(page, dir, '08-comment');
    return;
  }

  // An unhappy customer: low reasons, talk to someone now, every later screen, callback offer.
  await button(page, faces[0]!).click();
  const low = config.survey.reasons.low.map((r) => r.label[lang]!);
  await button(page, new RegExp(low[0]!)).click();
  await button(page, new RegExp(low[2]!)).click();
  await shot(page, dir, '03-reasons-low');
  await page.locator('.talk-now-button').click();
  await page.locator('.talk-now.status.coming').waitFor();
  await shot(page, dir, '04-talk-now-coming');
  await button(page, L.done).click();
  await button(page, '10').waitFor();
  await shot(page, dir, '05-nps');
  await button(page, '3').click();
  await button(page, '7').waitFor();
  await shot(page, dir, '06-ces');
  await button(page, '2').click();
  await key(page, 'q').or(key(page, 'ض')).first().waitFor();
  await shot(page, dir, '07-comment-empty');
  await typeKeys(
    page,
    lang === 'ar'
      ? ['ا', 'ل', 'ا', 'ن', 'ت', 'ظ', 'ا', 'ر']
      : ['Shift', 'W', 'a', 'i', 't', 'e', 'd'],
  );
  await shot(page, dir, '08-comment');
  await button(page, L.send).click();
  await page.locator('.screen-contact').waitFor();
  await shot(page, dir, '09-contact');
  await button(page, L.send).click();
  await page.locator('.field-error').first().waitFor();
  await shot(page, dir, '10-contact-errors');
  await button(page, L.skip).click();
  await page.locator('.screen-thanks').waitFor();
  await shot(page, dir, '11-thanks-unhappy');
  // The faces are back for the next customer once the lock ends; the goodbye stays over them.
  await facesReady(page);
  await shot(page, dir, '12-idle-farewell-unhappy');
  // Every new customer starts in the default language.
  const restart = async () => {
    await facesReady(page);
    await button(page, L.native).click();
  };

  // A happy customer: high reasons and the happy goodbye.
  await restart();
  await button(page, faces[4]!).click();
  await button(page, new RegExp(config.survey.reasons.high[1]!.label[lang]!)).click();
  await shot(page, dir, '13-reasons-high');
  await button(page, L.done).click();
  await button(page, '10').click();
  await button(page, '7').click();
  await button(page, L.skip).click();
  await page.locator('.screen-thanks').waitFor();
  await shot(page, dir, '14-thanks-happy');
  await facesReady(page);
  await shot(page, dir, '15-idle-farewell-happy');

  // Walking away: the "Still there?" countdown (this kiosk's idle time is 10 s).
  await restart();
  await button(page, faces[2]!).click();
  await page.getByRole('alertdialog').waitFor({ timeout: 15_000 });
  await shot(page, dir, '16-still-there');
  await button(page, 'English').waitFor({ timeout: 15_000 });

  // High contrast, then larger text, on the idle faces.
  const contrast = page.locator('.topbar .display-toggle').last();
  const larger = page.locator('.topbar .display-toggle').first();
  await restart();
  await contrast.click();
  await shot(page, dir, '17-high-contrast-idle');
  await button(page, faces[0]!).click();
  await shot(page, dir, '18-high-contrast-reasons');
  await contrast.click();
  await larger.click();
  await shot(page, dir, '19-larger-text-reasons');

  // Staff: the PIN pad after a wrong PIN, then the admin panel.
  await page.goto(launchUrl());
  await button(page, L.native).click();
  for (let i = 0; i < 5; i++) await page.mouse.click(20, 20);
  const pad = page.getByRole('dialog');
  for (const d of '135791') await pad.getByRole('button', { name: d, exact: true }).click();
  await pad.locator('.pin-key.primary').click();
  await pad.locator('.pin-message.wrong').waitFor();
  await shot(page, dir, '20-pin-wrong');
  for (const d of DEMO_PIN) await pad.getByRole('button', { name: d, exact: true }).click();
  await pad.locator('.pin-key.primary').click();
  await page.locator('.status-list').waitFor();
  await shot(page, dir, '21-admin');
}

async function configError(browser: Browser, viewport: (typeof VIEWPORTS)[number]): Promise<void> {
  const broken = exampleConfig() as unknown as Record<string, unknown>;
  broken.kioskId = 'not a valid id!';
  (broken.languages as { default: string }).default = 'fr';
  const kiosk = await startKiosk({ config: broken });
  try {
    const page = await browser.newPage({ viewport, locale: 'en-GB' });
    await page.goto(kiosk.url);
    await page.getByRole('table').waitFor();
    mkdirSync(join(OUT, viewport.name), { recursive: true });
    await shot(page, viewport.name, '00-config-error');
    await page.close();
  } finally {
    await kiosk.close();
  }
}

/** Several screenshots side by side in one image, for reviewing many screens at once. */
async function sheets(browser: Browser): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 2000, height: 1200 } });
  const groups = new Map<string, string[]>();
  for (const s of shots) {
    const rel = relative(OUT, s).split('/');
    const key = rel.slice(0, -1).join('-');
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const [name, files] of groups) {
    const portrait = name.startsWith('portrait');
    const perSheet = portrait ? 8 : 6;
    for (let i = 0; i < files.length; i += perSheet) {
      const part = files.slice(i, i + perSheet);
      const cells = part
        .map(
          (f) =>
            `<figure><img src="data:image/png;base64,${readFileSync(f).toString('base64')}"><figcaption>${relative(OUT, f)}</figcaption></figure>`,
        )
        .join('');
      const css = `body{margin:0;background:#333;display:grid;grid-template-columns:repeat(${portrait ? 4 : 3},1fr);gap:8px;padding:8px}
        figure{margin:0}img{width:100%;display:block}figcaption{color:#fff;font:14px sans-serif}`;
      await page.setContent(`<style>${css}</style>${cells}`);
      const out = join(OUT, `sheet-${name}-${i / perSheet + 1}.png`);
      await page.screenshot({ path: out, fullPage: true });
    }
  }
  await page.close();
}

rmSync(OUT, { recursive: true, force: true });
const browser = await launchChromium();
const config = { ...exampleConfig(), idleTimeoutSeconds: 10 };
try {
  for (const viewport of VIEWPORTS) {
    await configError(browser, viewport);
    for (const lang of Object.keys(WORDS)) {
      const kiosk = await startKiosk({ config });
      const context = await browser.newContext({ viewport, hasTouch: true });
      const page = await context.newPage();
      page.on('pageerror', (e) =>
        process.stderr.write(`[${viewport.name}/${lang}] page error: ${e.message}\n`),
      );
      page.on('console', (m) => {
        if (m.type() === 'error')
          process.stderr.write(`[${viewport.name}/${lang}] console: ${m.text()}\n`);
      });
      try {
        await journey(page, kiosk.launchUrl, viewport.name, lang);
      } catch (e) {
        await page.screenshot({ path: join(OUT, `FAILED-${viewport.name}-${lang}.png`) });
        throw e;
      } finally {
        await context.close();
        await kiosk.close();
      }
    }
  }
  await sheets(browser);
  writeFileSync(join(OUT, 'index.txt'), shots.map((s) => relative(OUT, s)).join('\n') + '\n');
  process.stdout.write(`${shots.length} screenshots in ${OUT}\n`);
} finally {
  await browser.close();
}
