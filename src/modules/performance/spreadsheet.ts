import { strToU8, zipSync } from 'fflate';
import { csvLine } from '../../lib/csv.ts';

/**
 * Every table on the dashboard as a download: CSV, and a minimal Excel workbook (.xlsx, Office Open XML
 * SpreadsheetML) written with fflate alone. One sheet, a header row, text as inline strings and numbers as
 * numbers, so that a figure opens in Excel or LibreOffice as a figure and a marker such as "c" as text.
 */

export type Cell = string | number | null;
export type Table = { title: string; head: string[]; rows: Cell[][] };

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * CSV with a byte-order mark, so that Excel reads it as UTF-8 (names with accents, en dashes). Text that
 * starts with = + - @ is defused by csvField (a leading apostrophe), so a spreadsheet cannot run it.
 */
export function toCsv(table: Table): string {
  let text = '\uFEFF' + csvLine(table.head);
  for (const row of table.rows) text += csvLine(row.map((cell) => (cell === null ? '' : cell)));
  return text;
}

/** Characters XML 1.0 cannot hold at all: dropped rather than making the file unreadable. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** "A", "B", … "Z", "AA": the column letters of a cell reference. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A sheet's name: at most 31 characters, none of : \ / ? * [ ] (Excel refuses the file otherwise). */
export function sheetName(title: string): string {
  const cleaned = title
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31)
    .trim();
  return cleaned || 'Sheet1';
}

const FORMULA_START = /^[=+\-@\t\r]/;

// Style 0: normal; 1: bold (the header row); 2: text with Excel's quote prefix. Inline strings are never
// formulas in a workbook, but a text cell starting = + - @ would become one if a person edited it and pressed
// Enter: the quote prefix keeps it text, and shows it without an apostrophe.
const STYLE = { normal: 0, header: 1, quoted: 2 } as const;

function cellXml(ref: string, value: Cell, header: boolean): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return `<c r="${ref}"${header ? ` s="${STYLE.header}"` : ''}><v>${String(value)}</v></c>`;
  }
  const style = header ? STYLE.header : FORMULA_START.test(value) ? STYLE.quoted : STYLE.normal;
  return `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
}

function sheetXml(table: Table): string {
  const all: Cell[][] = [table.head, ...table.rows];
  const width = Math.max(1, ...all.map((r) => r.length));
  // Column widths from the longest text in each column, within reason.
  const cols = Array.from({ length: width }, (_, i) => {
    const longest = Math.max(...all.map((r) => String(r[i] ?? '').length));
    const chars = Math.min(60, Math.max(8, longest + 2));
    return `<col min="${i + 1}" max="${i + 1}" width="${chars}" customWidth="1"/>`;
  }).join('');
  const rows = all
    .map((row, r) => {
      const cells = row.map((value, c) => cellXml(`${columnName(c)}${r + 1}`, value, r === 0)).join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  const last = `${columnName(width - 1)}${all.length}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<dimension ref="A1:${last}"/>` +
    // The header row stays in view while scrolling.
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows}</sheetData>` +
    '</worksheet>'
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function workbookXml(name: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets><sheet name="${xmlText(name)}" sheetId="1" r:id="rId1"/></sheets>` +
    '</workbook>'
  );
}

function coreXml(title: string, created: Date): string {
  const when = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(title)}</dc:title>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    '</cp:coreProperties>'
  );
}

/** The table as an .xlsx workbook of one sheet. `created` comes from the service's clock. */
export function toXlsx(table: Table, created: Date): Uint8Array {
  const u8 = (text: string) => strToU8(text);
  return zipSync(
    {
      '[Content_Types].xml': u8(CONTENT_TYPES),
      '_rels/.rels': u8(ROOT_RELS),
      'docProps/core.xml': u8(coreXml(table.title, created)),
      'xl/workbook.xml': u8(workbookXml(sheetName(table.title))),
      'xl/_rels/workbook.xml.rels': u8(WORKBOOK_RELS),
      'xl/styles.xml': u8(STYLES),
      'xl/worksheets/sheet1.xml': u8(sheetXml(table)),
    },
    // A fixed modification time, so the same table always makes the same bytes.
    { level: 6, mtime: new Date('2000-01-01T00:00:00Z') },
  );
}

/** A file name for a download: lower case, letters, digits and hyphens only, with its extension. */
export function downloadFileName(parts: string[], extension: 'csv' | 'xlsx'): string {
  const base = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return `${base || 'download'}.${extension}`;
}
