// CSV as RFC 4180 writes it and as Excel reads it: CRLF line ends, a cell quoted when it holds a
// quote, comma, CR or LF (its quotes doubled), and the file opened by a UTF-8 byte order mark so
// Excel does not read it as the local code page. A cell that starts with =, +, -, @, tab or CR
// is one a spreadsheet may run as a formula (a comment "=HYPERLINK(…)" becomes a link that leaks
// data): it gets a leading apostrophe, which spreadsheets show as text (OWASP's advice).

export const BOM = '\ufeff';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: null and undefined are empty. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF included. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
