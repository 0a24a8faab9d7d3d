// Survey management in the web admin, in real Chromium against a real collector and a real
// kiosk in browser-kiosk mode: an admin opens the newest version in the editor, a missing text is
// shown next to its field and nothing is saved, the draft is previewed on the real kiosk page in
// a kiosk-sized frame in each language, and saved as a new version; assigned to the kiosk's
// touchpoint while a customer is mid-survey, it reaches the kiosk, which finishes that customer
// on the old survey and shows the new one to the next. The pages fit a phone. A survey JSON
// uploaded through the editor's file input: one with problems is shown with each problem at its
// field and saves nothing (one the form cannot show replaces nothing); a good one is saved.
// Screenshots go to /tmp/surveys-*.png. Needs `npm run build` first (staff page and kiosk page).
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SurveyContent } from '../../shared/config.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { assignVersion } from '../../server/survey-versions/assignments.ts';
import { createVersion, getVersion, listVersions } from '../../server/survey-versions/versions.ts';
import { launchChromium } from '../support/chromium.ts';
import { smallConfig } from '../support/config.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { layoutProblems, NO_PROBLEMS } from '../support/staff-layout.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import {
  LOCATIONS,
  PASSWORD_WORK_MS,
  startStaffCollector,
  type StaffCollector,
} from '../support/staff.ts';
import { button } from './kiosk-page.ts';

const NEW_PROMPT = { en: 'How did we do today?', et: 'Kuidas meil täna läks?' };

describe('the web admin: survey versions reach a kiosk', { timeout: PASSWORD_WORK_MS }, () => {
  let c: StaffCollector;
  let kiosk: RunningKiosk;
  let browser: Browser;
  let admin: WatchedPage;
  let page: Page;
  let kioskPage: Page;

  beforeAll(async () => {
    c = await startStaffCollector();
    await c.addUser('ada', 'admin');
    const { kioskId, location, touchpoint } = LOCATIONS.main;
    const config = { ...smallConfig(), kioskId, location, touchpoint };
    const now = new Date();
    await attachConfig(c.storage, kioskId, config, now);
    const setup = { id: null, name: 'setup' };
    const { languages, branding, survey } = config;
    const first = await createVersion(
      c.storage,
      { content: SurveyContent.parse({ languages, branding, survey }) },
      setup,
      now,
    );
    const [place] = await c.storage.db
      .selectFrom('locations')
      .select('id')
      .where('name', '=', location)
      .execute();
    await assignVersion(
      c.storage,
      { scope: 'location', id: place!.id },
      first.version.id,
      setup,
      now,
    );
    kiosk = await startKiosk({
      config: { ...config, collector: { url: c.url, token: c.tokens[kioskId] } },
      sync: { tuning: { heartbeatMs: 200 } },
    });
    browser = await launchChromium();
    admin = await watchedPage(browser, { width: 1280, height: 800 });
    page = admin.page;
    kioskPage = (await watchedPage(browser, { width: 1920, height: 1080 }, true)).page;
    await loginOnPage(page, c.url, 'ada');
    await kioskPage.goto(kiosk.url);
  }, PASSWORD_WORK_MS);
  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
    await c?.close();
  });

  it('edits the newest version: a missing text is refused at its field, the preview shows each language', async () => {
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Surveys' })
      .click();
    await page.getByRole('heading', { name: 'Surveys', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Edit the newest version' }).click();
    await page.getByText(/^Editing a copy of #1 \(test-1\)/).waitFor();

    await page.getByLabel('Survey version').fill('spring-2');
    await page.getByLabel('Smiley question (en)').fill(NEW_PROMPT.en);
    const et = page.getByLabel('Smiley question (et)');
    await et.fill('');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText('Missing the "et" text.').waitFor();
    expect(await et.getAttribute('aria-invalid')).toBe('true');
    expect(await et.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await listVersions(c.storage)).toHaveLength(1);
    await et.fill(NEW_PROMPT.et);

    await page.getByRole('button', { name: 'Show the draft' }).click();
    const frame = page.frameLocator('iframe.preview-frame');
    await frame.getByRole('heading', { name: NEW_PROMPT.en }).waitFor();
    await page.getByLabel('Language', { exact: true }).selectOption('et');
    await frame.getByRole('heading', { name: NEW_PROMPT.et }).waitFor();
    // The kiosk page in its frame: an opaque origin, so no way to the staff session or API.
    expect(await page.locator('iframe.preview-frame').getAttribute('sandbox')).toBe(
      'allow-scripts',
    );
    await page.screenshot({ path: '/tmp/surveys-editor-1280.png', fullPage: true });
    await page.getByLabel('Panel').selectOption('portrait');
    await frame.getByRole('heading', { name: NEW_PROMPT.et }).waitFor();
    await page.locator('.survey-preview').screenshot({ path: '/tmp/surveys-preview-portrait.png' });

    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText('Saved version #2.', { exact: false }).waitFor();
    expect((await listVersions(c.storage)).map((v) => [v.surveyVersion, v.author])).toEqual([
      ['spring-2', 'ada'],
      ['test-1', 'setup'],
    ]);
    expect(await admin.problems()).toEqual([]);
  });

  it('reaches the kiosk after the customer in the middle of the old survey is done', async () => {
    await kioskPage.getByRole('heading', { name: 'How was your visit?' }).waitFor();
    await button(kioskPage, 'Great').tap();
    await kioskPage.getByRole('heading', { name: 'What stood out?' }).waitFor();

    const form = page.getByRole('form', { name: 'Assign a version' });
    await form.getByLabel('Where').selectOption({
      label: `Touchpoint: ${LOCATIONS.main.location} / ${LOCATIONS.main.touchpoint}`,
    });
    await form.getByLabel('Version').selectOption({ label: '#2 spring-2' });
    await form.getByRole('button', { name: 'Assign' }).click();
    await page.getByText(/one kiosk switches after the current customer/).waitFor();
    await page.screenshot({ path: '/tmp/surveys-list-1280.png', fullPage: true });

    // The kiosk holds the new config (its heartbeat named a version it did not have) ...
    const held = () => {
      const db = new Database(kiosk.databasePath, { readonly: true });
      try {
        const row = db
          .prepare("select value from kiosk_state where key = 'remote_config'")
          .get() as { value: string } | undefined;
        return row?.value.includes('"spring-2"') ?? false;
      } finally {
        db.close();
      }
    };
    await expect.poll(held, { timeout: 15_000 }).toBe(true);
    // ... and the customer finishes on the survey they started.
    await button(kioskPage, 'Done').click();
    await button(kioskPage, '10').click();
    await button(kioskPage, 'Skip').click();
    await kioskPage.getByRole('heading', { name: 'Thank you!' }).waitFor();
    await kioskPage.getByRole('heading', { name: NEW_PROMPT.en }).waitFor({ timeout: 15_000 });
  });

  it('fits a phone: the list and the editor with its preview', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole('heading', { name: 'Surveys', level: 1 }).waitFor();
    expect(await layoutProblems(page, true)).toEqual(NO_PROBLEMS);
    await page.screenshot({ path: '/tmp/surveys-list-390.png', fullPage: true });
    await page.getByRole('link', { name: 'Edit the newest version' }).click();
    await page.getByText(/^Editing a copy of #2/).waitFor();
    await page.getByRole('button', { name: 'Show the draft' }).click();
    await page
      .frameLocator('iframe.preview-frame')
      .getByRole('heading', { name: NEW_PROMPT.en })
      .waitFor();
    expect(await layoutProblems(page, true)).toEqual(NO_PROBLEMS);
    await page.screenshot({ path: '/tmp/surveys-editor-390.png', fullPage: true });
    await page.locator('.survey-preview').screenshot({ path: '/tmp/surveys-preview-390.png' });
  });

  it('uploads survey JSON: problems shown at their fields and nothing saved; a good file saved', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${c.url}/staff/surveys/edit`);
    await page.getByText(/^Editing a copy of #2/).waitFor();
    const kept = (await getVersion(c.storage, 2))!.content;
    type Text = Record<string, string>;
    type Editable = {
      survey: { version: string; smiley: { prompt: Text }; thankYou: { happy: Text } };
    };
    const edited = (change: (c: Editable) => void) => {
      const copy = structuredClone(kept) as unknown as Editable;
      change(copy);
      return copy;
    };
    const upload = (name: string, content: unknown) =>
      page.locator('input[type="file"][accept*="json"]').setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(content, null, 2)),
      });
    const problems = page.getByRole('alert', { name: 'Problems' });

    // A file the form cannot show at all: refused whole, the draft as it was.
    await upload('broken.json', { languages: 'en' });
    await problems.getByText('broken.json was not loaded; the draft is unchanged.').waitFor();
    expect(await page.getByLabel('Survey version').inputValue()).toBe('spring-2');

    // A file with two problems: loaded, each marked at its field, and not saved.
    await upload(
      'two-problems.json',
      edited((d) => {
        d.survey.version = 'upload-3';
        delete d.survey.smiley.prompt.et;
        delete d.survey.thankYou.happy.et;
      }),
    );
    await page.getByText('Loaded two-problems.json, not saved: fix the problems first.').waitFor();
    const et = page.getByLabel('Smiley question (et)');
    expect(await et.getAttribute('aria-invalid')).toBe('true');
    await page
      .locator(`#${(await et.getAttribute('aria-describedby'))!}`)
      .getByText('Missing the "et" text.')
      .waitFor();
    expect(await page.getByLabel('Thank you (et)').getAttribute('aria-invalid')).toBe('true');
    // The list names each with its line in the file, for fixing it in a text editor.
    await problems
      .getByText(/^line \d+: survey\.smiley\.prompt\.et: missing the "et" text$/)
      .waitFor();
    await page.screenshot({ path: '/tmp/surveys-upload-problems.png', fullPage: true });
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await problems.getByText(/problems: see the marked fields/).waitFor();
    expect(await listVersions(c.storage)).toHaveLength(2);

    // A good file: loaded, and saved as the newest version.
    const prompt = 'Uploaded: how was your visit?';
    await upload(
      'good.json',
      edited((d) => {
        d.survey.version = 'upload-3';
        d.survey.smiley.prompt.en = prompt;
      }),
    );
    await page.getByText('Loaded good.json.').waitFor();
    expect(await page.locator('.problem-list li').count()).toBe(0);
    expect(await page.getByLabel('Smiley question (en)').inputValue()).toBe(prompt);
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText('Saved version #3.', { exact: false }).waitFor();
    await page.getByRole('table').getByText('#3 upload-3').waitFor();
    expect((await listVersions(c.storage))[0]).toMatchObject({
      surveyVersion: 'upload-3',
      author: 'ada',
    });
    expect((await getVersion(c.storage, 3))!.content.survey.smiley.prompt.en).toBe(prompt);
    expect(await admin.problems()).toEqual([]);
  });
});
