// The answer export (CSV and XLSX) over real HTTP on both engines: a fixture of answers at two locations in
// different time zones, read back as a spreadsheet would read the CSV (BOM, CRLF, RFC 4180
// quoting), with local days per location, formula cells neutralised, reasons by their labels,
// possible repeats left out unless asked, contact details only for an admin who asks (and
// logged without them), another location refused (403) and bad filters answered 400.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportQuery } from '../../server/reports/answer-export.ts';
import { readPages } from '../../server/reports/pages.ts';
import { parseCsv } from '../support/csv.ts';
import { AWKWARD, CONTACT, FORMULA, useExportFixture } from '../support/export-fixture.ts';
import { capturedLog, LOCATIONS, staffEngines, type StaffClient } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`answer export (CSV and XLSX) on ${engine.name}`, () => {
    const log = capturedLog();
    const { c, staff } = useStaffCollector(
      { postgresUrl: engine.postgresUrl, logger: log.logger },
      { dana: ['staff', [LOCATIONS.main.location]], mo: 'manager', ada: 'admin' },
      ['dana', 'mo', 'ada'],
    );
    const { ids, place } = useExportFixture(c);

    const get = (who: StaffClient, query: string, format = 'csv') =>
      fetch(`${c.url}/staff/api/export.${format}?${query}`, { headers: { cookie: who.cookie } });

    /** The export as records keyed by header, after checking BOM and type. */
    const rows = async (who: StaffClient, query: string) => {
      const reply = await get(who, query);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(reply.headers.get('content-disposition')).toMatch(
        /^attachment; filename="lastword-answers.*\.csv"$/,
      );
      const bytes = new Uint8Array(await reply.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...records] = parseCsv(
        new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1),
      );
      return {
        header: header!,
        records: records.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]]))),
      };
    };
    const idsOf = (records: Record<string, string | undefined>[]) =>
      records.map((r) => Object.keys(ids).find((k) => ids[k] === r['Answer ID']));
    const PERIOD = 'from=2026-11-02&to=2026-11-02';

    it('exports each location’s local days, oldest first, as a spreadsheet reads them', async () => {
      const { header, records } = await rows(staff.mo, PERIOD);
      expect(header).toEqual([
        'Answer ID',
        'Answered (UTC)',
        'Answered (local time)',
        'Received (UTC)',
        'Received (local time)',
        'Time zone',
        'Location',
        'Touchpoint',
        'Survey version',
        'Language',
        'Status',
        'Smiley (1-5)',
        'NPS (0-10)',
        'CES (1-7)',
        'Reasons',
        'Comment',
        'Talk now',
        'Possible repeat',
      ]);
      expect(idsOf(records)).toEqual(['formula', 'awkward', 'evening']);
      const [formula, awkward, evening] = records;
      expect(formula).toMatchObject({
        'Answered (UTC)': '2026-11-02T08:15:00.000Z',
        'Answered (local time)': '2026-11-02T09:15:00+01:00',
        'Time zone': 'Europe/Berlin',
        Location: 'Main store',
        Touchpoint: 'Checkout 1',
        Language: 'et',
        Status: 'complete',
        'Smiley (1-5)': '2',
        // Labels as the survey asked them, in the language it was answered in.
        Reasons: 'Ooteaeg; Personal',
        // Shown as text by a spreadsheet, never run.
        Comment: `'${FORMULA}`,
        'Possible repeat': 'no',
      });
      expect(awkward).toMatchObject({
        'Answered (local time)': '2026-11-02T23:30:00+01:00',
        Comment: AWKWARD,
        Status: 'partial',
        'NPS (0-10)': '10',
        'CES (1-7)': '6',
        'Talk now': 'yes',
      });
      expect(evening).toMatchObject({
        'Answered (UTC)': '2026-11-03T03:00:00.000Z',
        'Answered (local time)': '2026-11-02T22:00:00-05:00',
        'Time zone': 'America/New_York',
        Location: 'Outlet',
        Reasons: 'Friendly staff',
      });
      // Received times are the collector's, in the same two forms.
      expect(new Date(formula!['Received (UTC)']!).getTime()).toBeGreaterThan(Date.now() - 600_000);
      expect(formula!['Received (local time)']).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/,
      );
      // No contact details unless an admin asks.
      expect(header.join()).not.toMatch(/contact/i);
    });

    it('includes possible repeats when asked, and narrows by place, language and status', async () => {
      expect(idsOf((await rows(staff.mo, `${PERIOD}&repeats=include`)).records)).toEqual([
        'formula',
        'repeat',
        'awkward',
        'evening',
      ]);
      const repeat = (await rows(staff.mo, `${PERIOD}&repeats=include`)).records[1];
      expect(repeat!['Possible repeat']).toBe('yes');
      expect(idsOf((await rows(staff.mo, `${PERIOD}&locations=${place.outlet}`)).records)).toEqual([
        'evening',
      ]);
      expect(
        idsOf((await rows(staff.mo, `${PERIOD}&touchpoints=${place.outletDoor}`)).records),
      ).toEqual(['evening']);
      expect(idsOf((await rows(staff.mo, `${PERIOD}&language=et`)).records)).toEqual(['formula']);
      expect(idsOf((await rows(staff.mo, `${PERIOD}&status=partial`)).records)).toEqual([
        'awkward',
      ]);
      // No period: every answer, each location's own.
      expect(idsOf((await rows(staff.mo, '')).records)).toEqual([
        'early',
        'formula',
        'awkward',
        'evening',
        'late',
      ]);
    });

    it('reads the rows a page at a time, every row once', async () => {
      const scope = {
        locations: [place.main, place.outlet].map((id) => ({ id, timeZone: 'UTC' })),
        days: {},
        filter: { includeRepeats: true },
        withContact: false,
      };
      const sizes: number[] = [];
      const seen: string[] = [];
      for await (const page of readPages(c.storage, exportQuery(c.storage, scope), 2)) {
        sizes.push(page.length);
        seen.push(...page.map((r) => r.id));
      }
      expect(sizes).toEqual([2, 2, 2]);
      expect(new Set(seen).size).toBe(6);
    });

    it('gives staff their own locations only, and refuses another location with 403', async () => {
      expect(idsOf((await rows(staff.dana, PERIOD)).records)).toEqual(['formula', 'awkward']);
      for (const query of [
        `locations=${place.outlet}`,
        `locations=${place.main},${place.outlet}`,
        `touchpoints=${place.outletDoor}`,
      ]) {
        const reply = await get(staff.dana, query);
        expect(reply.status).toBe(403);
        expect(await reply.json()).toMatchObject({
          error: 'forbidden',
          message: expect.stringContaining('"Outlet"'),
        });
      }
      expect((await fetch(`${c.url}/staff/api/export.csv`)).status).toBe(401);
    });

    it('gives contact details to an admin who asks, logging the export without them', async () => {
      const manager = await get(staff.mo, `${PERIOD}&contact=1`);
      expect(manager.status).toBe(403);
      expect((await manager.json()).message).toMatch(/only an admin/);
      const { header, records } = await rows(staff.ada, `${PERIOD}&contact=1`);
      expect(header.slice(-4)).toEqual([
        'Contact name',
        'Contact phone',
        'Contact e-mail',
        'Consent version',
      ]);
      expect(records[1]).toMatchObject({
        'Contact name': CONTACT.name,
        // A leading + is a formula to a spreadsheet too.
        'Contact phone': `'${CONTACT.phone}`,
        'Consent version': 'v1',
      });
      expect(records[0]!['Contact name']).toBe('');
      expect(log.text()).toContain('answers exported with contact details');
      expect(log.text()).toContain('"contact":true');
      expect(log.text()).not.toContain('SECRET-NAME');
    });

    it('exports the same rows as XLSX, text cells typed as text', async () => {
      const reply = await get(staff.mo, PERIOD, 'xlsx');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const files = unzipSync(new Uint8Array(await reply.arrayBuffer()));
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining([
          '[Content_Types].xml',
          'xl/workbook.xml',
          'xl/worksheets/sheet1.xml',
        ]),
      );
      const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
      const unescape = (t: string) =>
        t.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
      const table = [...sheet.matchAll(/<row>(.*?)<\/row>/gs)].map((row) =>
        [...row[1]!.matchAll(/<c(?: t="(\w+)")?(?:\/>|>(.*?)<\/c>)/gs)].map(([, type, body]) =>
          body === undefined
            ? null
            : type === 'inlineStr'
              ? unescape(/<t[^>]*>(.*)<\/t>/s.exec(body)![1]!)
              : Number(/<v>(.*)<\/v>/.exec(body)![1]),
        ),
      );
      const [header, ...records] = table;
      const csv = await rows(staff.mo, PERIOD);
      expect(header).toEqual(csv.header);
      expect(records.map((r) => r[0])).toEqual(csv.records.map((r) => r['Answer ID']));
      const column = (name: string) => header!.indexOf(name);
      // A typed text cell is never run: the comment is kept as written, with no apostrophe.
      expect(records[0]![column('Comment')]).toBe(FORMULA);
      expect(records[1]![column('Comment')]).toBe(AWKWARD);
      expect(records[0]![column('Smiley (1-5)')]).toBe(2);
      expect(records[0]![column('CES (1-7)')]).toBeNull();
      expect((await get(staff.dana, `locations=${place.outlet}`, 'xlsx')).status).toBe(403);
    });

    it('answers a bad filter with 400 and says what is wrong', async () => {
      const cases: [string, RegExp][] = [
        ['from=2026-11-05&to=2026-11-01', /from is after to/],
        ['from=2026-02-30', /not a date/],
        ['to=yesterday', /YYYY-MM-DD/],
        ['locations=9999', /no location with id 9999/],
        ['touchpoints=9999', /no touchpoint with id 9999/],
        ['locations=main', /location ids/],
        ['status=done', /complete/],
        ['repeats=yes', /include/],
        ['colour=red', /colour/],
      ];
      for (const [query, message] of cases) {
        const reply = await get(staff.mo, query);
        expect(reply.status, query).toBe(400);
        expect((await reply.json()).message, query).toMatch(message);
      }
    });
  });
}
