import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PublishedFileError } from './types.ts';
import { columnIndex, readXlsx } from './xlsx.ts';

/** The minimal parts of a workbook, written by hand: what Excel writes, without styles or themes. */
function workbook(parts: Record<string, string>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, xml] of Object.entries(parts)) zippable[name] = strToU8(xml);
  return zipSync(zippable);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function standardParts(
  sheets: { name: string; xml: string }[],
  sharedStrings?: string,
): Record<string, string> {
  return {
    '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook ${NS} ${REL_NS}><sheets>${sheets
      .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${DOC_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rId99" Type="${DOC_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ...Object.fromEntries(sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, s.xml])),
    ...(sharedStrings === undefined ? {} : { 'xl/sharedStrings.xml': sharedStrings }),
  };
}

const sheetXml = (rows: string) =>
  `<?xml version="1.0"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;

describe('readXlsx', () => {
  it('reads sheet names, shared strings, inline strings, numbers and booleans, in their places', () => {
    const shared = `<sst ${NS} count="4" uniqueCount="4"><si><t>LA num</t></si><si><t xml:space="preserve">Bristol, City of </t></si><si><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ignored</t></rPh></si><si><t>A &amp; B &lt;c&gt; _x000D_</t></si></sst>`;
    const bytes = workbook(
      standardParts(
        [
          {
            name: 'Cover',
            xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>Notes</t></is></c></row>'),
          },
          {
            name: 'LA SN Groups',
            xml: sheetXml(
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>' +
                '<row r="3"><c r="A3"><v>336</v></c><c r="B3" t="s"><v>2</v></c><c r="D3" t="b"><v>1</v></c>' +
                '<c r="E3" s="4"/><c r="F3" t="str"><f>A3*2</f><v>672</v></c><c r="AA3"><v>-1.5E-2</v></c></row>' +
                '<row r="4"><c r="B4" t="s"><v>3</v></c></row>',
            ),
          },
        ],
        shared,
      ),
    );
    const book = readXlsx(bytes, 'test.xlsx');
    expect(book.sheetNames).toEqual(['Cover', 'LA SN Groups']);
    expect(book.sheet('Cover')?.rows).toEqual([['Notes']]);
    const rows = book.sheet('LA SN Groups')?.rows ?? [];
    expect(rows[0]).toEqual(['LA num', null, 'Bristol, City of ']);
    expect(rows[1]).toEqual([]);
    expect(rows[2]?.slice(0, 6)).toEqual([336, 'Rich text', null, true, null, '672']);
    expect(rows[2]?.[26]).toBe(-0.015);
    expect(rows[3]).toEqual([null, 'A & B <c> \r']);
    expect(book.sheet('Missing')).toBeUndefined();
  });

  it('places cells without a reference one after another, and rows without a number after the last', () => {
    const bytes = workbook(
      standardParts([
        {
          name: 'S',
          xml: sheetXml(
            '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row r="3"><c><v>3</v></c></row><row><c r="B"><v>4</v></c></row>',
          ),
        },
      ]),
    );
    expect(readXlsx(bytes).sheet('S')?.rows).toEqual([['a', 2], [], [3], [null, 4]]);
  });

  it('finds the workbook through the package relationships, wherever it is kept', () => {
    const parts = standardParts([{ name: 'Data', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }]);
    const moved: Record<string, string> = {
      '_rels/.rels': `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${DOC_REL}/officeDocument" Target="/book/main.xml"/></Relationships>`,
      'book/main.xml': parts['xl/workbook.xml'] as string,
      'book/_rels/main.xml.rels': `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${DOC_REL}/worksheet" Target="../sheets/one.xml"/></Relationships>`,
      'sheets/one.xml': parts['xl/worksheets/sheet1.xml'] as string,
    };
    expect(readXlsx(workbook(moved)).sheet('Data')?.rows).toEqual([[1]]);
  });

  it('reads elements written with a namespace prefix', () => {
    const parts = standardParts([
      {
        name: 'P',
        xml: `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      },
    ]);
    parts['xl/sharedStrings.xml'] =
      `<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>prefixed</x:t></x:si></x:sst>`;
    expect(readXlsx(workbook(parts)).sheet('P')?.rows).toEqual([[null, 'prefixed']]);
  });

  it('refuses a file that is not an xlsx, a truncated zip, and a zip without a workbook', () => {
    expect(() => readXlsx(strToU8('LA num,LA Name\n336,Wolverhampton\n'), 'neighbours.csv')).toThrow(
      PublishedFileError,
    );
    expect(() => readXlsx(strToU8('LA num'), 'neighbours.csv')).toThrow(
      /neighbours\.csv is not an Excel workbook: expected an \.xlsx file/,
    );
    const whole = workbook(standardParts([{ name: 'S', xml: sheetXml('') }]));
    expect(() => readXlsx(whole.slice(0, Math.floor(whole.length / 2)), 'cut.xlsx')).toThrow(
      /cut\.xlsx is not an Excel workbook.*truncated/,
    );
    expect(() => readXlsx(zipSync({ 'word/document.xml': strToU8('<w:document/>') }), 'letter.docx')).toThrow(
      /letter\.docx .*has no xl\/workbook\.xml/,
    );
  });

  it('refuses a reference to a shared string the workbook does not hold', () => {
    const bytes = workbook(
      standardParts(
        [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>7</v></c></row>') }],
        `<sst ${NS}><si><t>only</t></si></sst>`,
      ),
    );
    expect(() => readXlsx(bytes).sheet('S')).toThrow(PublishedFileError);
  });

  it('numbers columns as Excel letters them', () => {
    expect([columnIndex('A1'), columnIndex('Z9'), columnIndex('AA10'), columnIndex('XFD1')]).toEqual([
      0, 25, 26, 16383,
    ]);
  });
});
