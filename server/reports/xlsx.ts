// XLSX of the same rows as the CSV, streamed: the sheet is SpreadsheetML written row by row into
// a zip that fflate deflates as it goes, so, as with the CSV, only a page is ever in memory.
// Why fflate and not exceljs's streaming WorkbookWriter: the sheet needs no styles, formulas or
// shared strings, and fflate is one small, dependency-free, well-kept package where exceljs brings
// some twenty (archiver, unzipper, …) for features this file never uses.
// Text cells are inline strings: a spreadsheet shows them as text and never runs them, so a
// comment "=HYPERLINK(…)" needs no apostrophe here (the CSV, which has no types, does).
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import type { Cell } from './answer-export.ts';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

const PARTS: Record<string, string> = {
  '[Content_Types].xml':
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${TYPE}.sheet.main+xml"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${TYPE}.worksheet+xml"/></Types>`,
  '_rels/.rels':
    `<Relationships xmlns="${PKG}"><Relationship Id="rId1" ` +
    `Type="${DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/workbook.xml':
    `<workbook xmlns="${MAIN}" xmlns:r="${DOC}"><sheets>` +
    `<sheet name="Answers" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels':
    `<Relationships xmlns="${PKG}"><Relationship Id="rId1" ` +
    `Type="${DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
};

/** Characters XML 1.0 cannot hold (controls other than tab, LF, CR) become U+FFFD. */
const NOT_XML = /[^\t\n\r\u0020-\ufffd\u{10000}-\u{10ffff}]/gu;

function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

function xmlCell(value: Cell): string {
  if (value === null) return '<c/>';
  if (typeof value === 'number') return `<c><v>${value}</v></c>`;
  return `<c t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

const xmlRow = (cells: readonly Cell[]) => `<row>${cells.map(xmlCell).join('')}</row>`;

/** The workbook's bytes: the header row, then each page of rows as it comes. */
export async function* xlsxChunks(
  header: readonly string[],
  pages: AsyncIterable<Cell[][]>,
): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failed = error;
    else out.push(chunk);
  });
  const drain = function* () {
    if (failed) throw failed;
    yield* out.splice(0);
  };
  for (const [name, xml] of Object.entries(PARTS)) {
    const part = new ZipDeflate(name, { level: 6 });
    zip.add(part);
    part.push(strToU8(XML + xml), true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  sheet.push(strToU8(`${XML}<worksheet xmlns="${MAIN}"><sheetData>${xmlRow(header)}`));
  yield* drain();
  for await (const rows of pages) {
    sheet.push(strToU8(rows.map(xmlRow).join('')));
    yield* drain();
  }
  sheet.push(strToU8('</sheetData></worksheet>'), true);
  zip.end();
  yield* drain();
}
