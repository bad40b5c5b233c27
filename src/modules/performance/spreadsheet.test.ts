import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../lib/csv.ts';
import {
  columnName,
  downloadFileName,
  sheetName,
  toCsv,
  toXlsx,
  xmlText,
  type Table,
} from './spreadsheet.ts';

const TABLE: Table = {
  title: 'New EHC plans issued within 20 weeks',
  head: ['Area', 'Period', 'Numerator', 'Denominator', 'Rate (%)', 'Note'],
  rows: [
    ['Wolverhampton', '2024', 150, 300, 50, null],
    ['England', '2024', 23_000, 50_000, 46, 'Published'],
    ['Barnsley & Rotherham <test>', '2023', null, null, null, 'Suppressed (c)'],
    ['=HYPERLINK("http://x")', '+1', null, null, null, '@risk'],
  ],
};
const CREATED = new Date('2026-03-18T10:00:00Z');

function sheet(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const xml = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
  const rows = [...xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map((m) =>
    [...(m[2] ?? '').matchAll(/<c r="([A-Z]+)\d+"([^>]*)>(.*?)<\/c>/g)].map((c) => ({
      column: c[1],
      attributes: c[2] ?? '',
      value: /<v>(.*?)<\/v>/.exec(c[3] ?? '')?.[1] ?? /<t[^>]*>(.*?)<\/t>/.exec(c[3] ?? '')?.[1],
    })),
  );
  return { files, xml, rows };
}

describe('CSV download', () => {
  it('writes the header and every row, with a byte-order mark, and reads back the same', () => {
    const csv = toCsv(TABLE);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(TABLE.head);
    expect(rows[1]).toEqual(['Wolverhampton', '2024', '150', '300', '50', '']);
    expect(rows[3]).toEqual(['Barnsley & Rotherham <test>', '2023', '', '', '', 'Suppressed (c)']);
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    const rows = parseCsv(toCsv(TABLE));
    expect(rows[4]?.[0]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[4]?.[1]).toBe(`'+1`);
    expect(rows[4]?.[5]).toBe(`'@risk`);
  });
});

describe('Excel download', () => {
  it('is a zip with the parts Excel and LibreOffice need', () => {
    const { files } = sheet(toXlsx(TABLE, CREATED));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const workbook = strFromU8(files['xl/workbook.xml'] as Uint8Array);
    expect(workbook).toContain('<sheet name="New EHC plans issued within 20" sheetId="1" r:id="rId1"/>');
    expect(strFromU8(files['[Content_Types].xml'] as Uint8Array)).toContain('/xl/worksheets/sheet1.xml');
  });

  it('writes a bold header row, numbers as numbers and text as inline strings, escaped', () => {
    const { rows, xml } = sheet(toXlsx(TABLE, CREATED));
    expect(rows).toHaveLength(5);
    expect(rows[0]?.map((c) => c.value)).toEqual(TABLE.head);
    expect(rows[0]?.every((c) => c.attributes.includes('s="1"'))).toBe(true);
    expect(rows[1]?.map((c) => c.value)).toEqual(['Wolverhampton', '2024', '150', '300', '50']);
    expect(rows[1]?.[2]?.attributes).not.toContain('t="inlineStr"');
    expect(rows[1]?.[0]?.attributes).toContain('t="inlineStr"');
    // Empty cells are left out, not written as 0.
    expect(rows[3]?.map((c) => c.column)).toEqual(['A', 'B', 'F']);
    expect(rows[3]?.[0]?.value).toBe('Barnsley &amp; Rotherham &lt;test&gt;');
    expect(xml).toContain('<dimension ref="A1:F5"/>');
  });

  it('keeps text starting = + - @ as text (quote prefix), never as a formula', () => {
    const { rows, xml, files } = sheet(toXlsx(TABLE, CREATED));
    expect(xml).not.toContain('<f>');
    const risky = rows[4] ?? [];
    expect(risky.map((c) => c.attributes.includes('s="2"'))).toEqual([true, true, true]);
    expect(strFromU8(files['xl/styles.xml'] as Uint8Array)).toContain('quotePrefix="1"');
  });

  it('makes the same bytes for the same table', () => {
    expect(toXlsx(TABLE, CREATED)).toEqual(toXlsx(TABLE, CREATED));
  });

  it('drops characters XML cannot hold', () => {
    expect(xmlText('a\u0001b\u0000c "d"')).toBe('abc &quot;d&quot;');
  });
});

describe('names', () => {
  it('gives column letters past Z', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('makes a sheet name Excel accepts', () => {
    expect(sheetName('Plans: 2024/25 [draft]?')).toBe('Plans 2024 25 draft');
    expect(sheetName('')).toBe('Sheet1');
  });

  it('makes a safe file name', () => {
    expect(downloadFileName(['Plans within 20 weeks', '2024'], 'xlsx')).toBe(
      'plans-within-20-weeks-2024.xlsx',
    );
    expect(downloadFileName(['../../etc', '"x"'], 'csv')).toBe('etc-x.csv');
  });
});
