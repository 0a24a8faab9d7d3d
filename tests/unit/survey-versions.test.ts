// Survey versions in the web admin over real HTTP, on SQLite and PostgreSQL: admins only; each
// version kept with author and time; assignment to a location, touchpoint or kiosk where the most
// specific wins in what GET /v1/config serves (a new ETag each time); roll-back by assigning an
// older version; a config set later still carries the assignment; bad uploads (a missing text,
// an oversized or SVG logo, unreadable colours, a reused survey version, out-of-range ids) each
// refused with the field named and nothing changed; every change in the audit log.
import { describe, expect, it } from 'vitest';
import { SurveyContent } from '../../shared/config.ts';
import type { AuditReply } from '../../shared/staff-admin-api.ts';
import type {
  AssignReply,
  SurveyListReply,
  SurveyVersionReply,
} from '../../shared/survey-admin-api.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { pngDataUrl } from '../../scripts/png.ts';
import { smallConfig } from '../support/config.ts';
import { LOCATIONS, PASSWORD_WORK_MS, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

function content(version: string, prompt: string): SurveyContent {
  const { languages, branding, survey } = smallConfig();
  return {
    languages,
    branding,
    survey: {
      ...survey,
      version,
      smiley: { ...survey.smiley, prompt: { en: prompt, et: prompt } },
    },
  };
}

type Problems = { problems: { field: string; reason: string }[] };

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(
    `survey versions on ${engine.name}`,
    { timeout: PASSWORD_WORK_MS },
    () => {
      const { c, staff } = useStaffCollector(
        { postgresUrl: engine.postgresUrl },
        { ada: 'admin', mo: 'manager' },
        ['ada', 'mo'],
      );
      const list = async () =>
        (await staff.ada.call('GET', '/staff/api/surveys')).body as SurveyListReply;
      const audit = async () =>
        ((await staff.ada.call('GET', '/staff/api/audit')).body as AuditReply).entries;
      const save = (body: unknown) => staff.ada.call('POST', '/staff/api/surveys', body);
      const assign = (target: unknown, versionId: number) =>
        staff.ada.call('PUT', '/staff/api/survey-assignments', { target, versionId });
      /** What the main kiosk is served: its survey's version string and the ETag. */
      const served = async (kioskId = LOCATIONS.main.kioskId) => {
        const res = await fetch(`${c.url}/v1/config`, {
          headers: { authorization: `Bearer ${c.tokens[kioskId]}` },
        });
        const body = (await res.json()) as { config: SurveyContent };
        return { survey: body.config.survey.version, etag: res.headers.get('etag') };
      };
      const mainPlace = async () => {
        const place = (await list()).places.find((l) => l.name === LOCATIONS.main.location)!;
        return { location: place.id, touchpoint: place.touchpoints[0]!.id };
      };
      /** Nothing changed: the same versions, assignments and audit log as before `run`. */
      const unchanged = async (run: () => Promise<void>) => {
        const before = [await list(), await audit(), await served()];
        await run();
        expect([await list(), await audit(), await served()]).toEqual(before);
      };
      const ids: number[] = [];

      it('is for admins only', async () => {
        expect((await staff.mo.call('GET', '/staff/api/surveys')).status).toBe(403);
        const made = await staff.mo.call('POST', '/staff/api/surveys', {
          content: content('x-1', 'Sneaky?'),
        });
        expect(made.status).toBe(403);
        expect(made.body).toMatchObject({ message: 'only an admin may manage surveys' });
      });

      it('keeps each version with its author and time, newest first, in the audit log', async () => {
        for (const { kioskId } of Object.values(LOCATIONS))
          await attachConfig(c.storage, kioskId, { ...smallConfig(), kioskId }, new Date());
        for (const [version, prompt] of [
          ['spring-1', 'How was it?'],
          ['spring-2', 'How was your visit today?'],
          ['spring-3', 'Did we help you?'],
        ] as const) {
          const made = await save({ content: content(version, prompt), note: `${version} words` });
          expect(made.status).toBe(201);
          const { version: v } = made.body as SurveyVersionReply;
          expect(v).toMatchObject({
            surveyVersion: version,
            author: 'ada',
            note: `${version} words`,
          });
          expect(Date.now() - Date.parse(v.createdAt)).toBeLessThan(60_000);
          ids.push(v.id);
        }
        expect((await list()).versions.map((v) => v.surveyVersion)).toEqual([
          'spring-3',
          'spring-2',
          'spring-1',
        ]);
        const read = (await staff.ada.call('GET', `/staff/api/surveys/${ids[1]}`))
          .body as SurveyVersionReply;
        expect(read.content).toEqual(
          SurveyContent.parse(content('spring-2', 'How was your visit today?')),
        );
        expect((await audit())[0]).toMatchObject({
          actor: 'ada',
          action: 'survey.create',
          target: `#${ids[2]} (spring-3)`,
        });
      });

      it('serves the most specific assignment: kiosk, then touchpoint, then location', async () => {
        const { location, touchpoint } = await mainPlace();
        const first = await served();
        const byLocation = await assign({ scope: 'location', id: location }, ids[0]!);
        expect(byLocation.body).toMatchObject({ kiosksChanged: 1, kiosksWithoutConfig: 0 });
        const atLocation = await served();
        expect(atLocation.survey).toBe('spring-1');
        expect(atLocation.etag).not.toBe(first.etag);
        await assign({ scope: 'touchpoint', id: touchpoint }, ids[1]!);
        expect((await served()).survey).toBe('spring-2');
        await assign({ scope: 'kiosk', id: LOCATIONS.main.kioskId }, ids[2]!);
        expect((await served()).survey).toBe('spring-3');
        // A broader assignment made later does not override a more specific one.
        const again = await assign({ scope: 'location', id: location }, ids[1]!);
        expect((again.body as AssignReply).kiosksChanged).toBe(0);
        expect((await served()).survey).toBe('spring-3');
        // The other location's kiosk was never reached.
        expect((await served(LOCATIONS.outlet.kioskId)).survey).toBe('test-1');

        const removed = await staff.ada.call(
          'DELETE',
          `/staff/api/survey-assignments/kiosk/${LOCATIONS.main.kioskId}`,
        );
        expect(removed.body).toMatchObject({ assignment: null, kiosksChanged: 1 });
        expect((await served()).survey).toBe('spring-2');
        const kiosk = (await list()).places
          .flatMap((l) => l.touchpoints.flatMap((t) => t.kiosks))
          .find((k) => k.id === LOCATIONS.main.kioskId);
        expect(kiosk).toEqual({ id: LOCATIONS.main.kioskId, versionId: ids[1], configured: true });
      });

      it('rolls back by assigning an older version, and a config set later keeps it', async () => {
        const { touchpoint } = await mainPlace();
        await assign({ scope: 'touchpoint', id: touchpoint }, ids[0]!);
        expect((await served()).survey).toBe('spring-1');
        // set-config (or enrolment) with the file's own survey: the assignment still wins.
        const { kioskId } = LOCATIONS.main;
        await attachConfig(c.storage, kioskId, { ...smallConfig(), kioskId }, new Date());
        expect((await served()).survey).toBe('spring-1');
        expect((await audit())[0]).toMatchObject({
          action: 'survey.assign',
          target: `touchpoint ${LOCATIONS.main.location} / ${LOCATIONS.main.touchpoint}`,
          details: { version: { from: `#${ids[1]}`, to: `#${ids[0]}` }, kiosksChanged: 1 },
        });
      });

      it('refuses a survey the kiosk would refuse, naming the field, and keeps nothing', async () => {
        const broken = content('spring-4', 'Hello?');
        delete (broken.survey.smiley.prompt as Record<string, string>).et;
        broken.survey.reasons.low.push({ id: 'Bad Id', label: { en: 'x', et: 'x' } });
        await unchanged(async () => {
          const res = await save({ content: broken });
          expect(res.status).toBe(400);
          expect((res.body as Problems).problems).toEqual(
            expect.arrayContaining([
              {
                field: 'content.survey.reasons.low[2].id',
                reason: expect.stringMatching(/short lower-case id/),
              },
            ]),
          );
          broken.survey.reasons.low.pop();
          const missing = await save({ content: broken });
          expect((missing.body as Problems).problems).toEqual([
            { field: 'content.survey.smiley.prompt.et', reason: 'missing the "et" text' },
          ]);
        });
      });

      it('refuses an oversized, too large or SVG logo and unreadable colours, and keeps nothing', async () => {
        const withBrand = (branding: Partial<SurveyContent['branding']>) => {
          const c2 = content('spring-1', 'How was it?');
          return { content: { ...c2, branding: { ...c2.branding, ...branding } } };
        };
        const refused = async (body: unknown, field: string, reason: RegExp) => {
          const res = await save(body);
          expect(res.status).toBe(400);
          expect((res.body as Problems).problems).toEqual([
            { field, reason: expect.stringMatching(reason) },
          ]);
        };
        await unchanged(async () => {
          await refused(
            withBrand({ logo: pngDataUrl(64, 64, { padTo: 300 * 1024 }) }),
            'content.branding.logo',
            /^is 300 KiB: at most 256 KiB/,
          );
          await refused(
            withBrand({ logo: pngDataUrl(4000, 2) }),
            'content.branding.logo',
            /^is 4000×2 pixels: at most 2048×2048$/,
          );
          await refused(
            withBrand({ logo: `data:image/svg+xml;base64,${btoa('<svg onload="alert(1)"/>')}` }),
            'content.branding.logo',
            /only PNG, WebP or JPEG/,
          );
          await refused(
            withBrand({ logo: `data:image/png;base64,${btoa('GIF89a not a png at all')}` }),
            'content.branding.logo',
            /not a readable PNG/,
          );
          await refused(
            withBrand({ colors: { primary: '#1a73e8', background: '#ffffff', text: '#888888' } }),
            'content.branding.colors.text',
            /^contrasts 3\.5:1 with the background: at least 4\.5:1/,
          );
        });
        const good = await save(
          withBrand({
            logo: pngDataUrl(240, 80),
            colors: { primary: '#1a73e8', background: '#ffffff', text: '#222222' },
          }),
        );
        expect(good.status).toBe(201);
      });

      it('refuses a changed survey under a version string in use, and places that are not', async () => {
        await unchanged(async () => {
          const clash = await save({ content: content('spring-2', 'Changed words') });
          expect(clash.status).toBe(409);
          expect((clash.body as Problems).problems).toEqual([
            {
              field: 'content.survey.version',
              reason: expect.stringMatching(/already names a different survey/),
            },
          ]);
          for (const [target, versionId, status] of [
            [{ scope: 'location', id: 0 }, ids[0], 400],
            [{ scope: 'touchpoint', id: 2 ** 31 }, ids[0], 400],
            [{ scope: 'kiosk', id: '../etc' }, ids[0], 400],
            [{ scope: 'fleet', id: 1 }, ids[0], 400],
            [{ scope: 'location', id: 999_999 }, ids[0], 404],
            [{ scope: 'kiosk', id: 'no-such-kiosk' }, ids[0], 404],
            [{ scope: 'location', id: 1 }, 999_999, 404],
          ] as const) {
            expect((await assign(target, versionId!)).status, JSON.stringify(target)).toBe(status);
          }
          const gone = await staff.ada.call('DELETE', '/staff/api/survey-assignments/kiosk/nobody');
          expect(gone.status).toBe(404);
          expect((await staff.ada.call('GET', '/staff/api/surveys/0')).status).toBe(400);
          expect((await staff.ada.call('GET', '/staff/api/surveys/999999')).status).toBe(404);
        });
      });
    },
  );
}
