import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseStatisticalNeighbours } from './neighbours.ts';
import { PublishedFileError } from './types.ts';

type Cell = string | number | null;

/** A workbook of the given sheets, every text cell an inline string (no shared strings needed). */
function workbook(sheets: Record<string, Cell[][]>): Uint8Array {
  const names = Object.keys(sheets);
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const column = (i: number) =>
    (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));
  const sheetXml = (rows: Cell[][]) =>
    `<worksheet ${ns}><sheetData>${rows
      .map(
        (row, r) =>
          `<row r="${r + 1}">${row
            .map((cell, c) => {
              const ref = `${column(c)}${r + 1}`;
              if (cell === null) return '';
              if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
              return `<c r="${ref}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>`;
            })
            .join('')}</row>`,
      )
      .join('')}</sheetData></worksheet>`;
  return zipSync({
    'xl/workbook.xml': strToU8(
      `<workbook ${ns} xmlns:r="${rel}"><sheets>${names
        .map((n, i) => `<sheet name="${escape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('')}</Relationships>`,
    ),
    ...Object.fromEntries(
      names.map((n, i) => [`xl/worksheets/sheet${i + 1}.xml`, strToU8(sheetXml(sheets[n] ?? []))]),
    ),
  });
}

const HEADER: Cell[] = ['LA num', 'LA Name', 'LA number', 'GOInd', 'GOReg'];
for (let i = 1; i <= 10; i++) HEADER.push(`SN${i}`, 'SNP');

/** 11 LAs (301 … 311), each the neighbour of the other ten, in the layout of the DfE sheet. */
const LAS = Array.from({ length: 11 }, (_, i) => ({ number: 301 + i, name: `Borough ${i + 1}` }));
function la(i: number): { number: number; name: string } {
  const found = LAS[i];
  if (!found) throw new Error(`no LA ${i}`);
  return found;
}
function laRow(authority: { number: number; name: string }, neighbours: Cell[]): Cell[] {
  return [
    authority.number,
    authority.name,
    authority.number,
    3,
    'London (Outer)',
    ...neighbours.flatMap((n) => [n, 'Close']),
  ];
}
function othersOf(n: number): number[] {
  return LAS.map((la) => la.number).filter((m) => m !== n);
}
function sheetRows(overrides: { rows?: Cell[][]; before?: Cell[][] } = {}): Cell[][] {
  return [
    ['A', 'B', 'C', 'D', 'E', 3, 4, 5],
    [1, 2, 3, 4, 5, 6, 7, 8],
    ...(overrides.before ?? []),
    HEADER,
    ...(overrides.rows ?? LAS.map((la) => laRow(la, othersOf(la.number)))),
  ];
}
const file = (name: string, rows: Cell[][], sheet = 'LA SN Groups') => ({
  name,
  bytes: workbook({ [sheet]: rows }),
});

describe('parseStatisticalNeighbours', () => {
  it('reads each LA with its ten neighbours ranked 1 to 10, named from the sheet, in force from the month in the file name', () => {
    const list = parseStatisticalNeighbours(file('sn_april_2021.xlsx', sheetRows()));
    expect(list).toMatchObject({ name: 'April 2021', inForceFrom: '2021-04-01', part: 'LA SN Groups' });
    expect(list.release).toMatch(/statistical neighbour.*April 2021/);
    expect(list.neighbours).toHaveLength(110);
    expect(list.neighbours.filter((n) => n.laNumber === '305')).toEqual(
      othersOf(305).map((n, i) => ({
        laNumber: '305',
        laName: 'Borough 5',
        rank: i + 1,
        neighbourLaNumber: String(n),
        neighbourName: `Borough ${n - 300}`,
      })),
    );
    expect(list.report).toMatchObject({
      lasListed: 11,
      lasWithNeighbours: 11,
      inForceFromSource: 'file name',
    });
  });

  it('reports an LA with "-" for every neighbour, and the former LAs under "Old SNs:", without refusing the list', () => {
    const rows = [
      ...LAS.map((la) => laRow(la, othersOf(la.number))),
      laRow({ number: 942, name: 'Cumberland' }, Array<Cell>(10).fill('-')),
      [],
      [null, 'Old SNs:'],
      [],
      laRow({ number: 928, name: 'Northamptonshire' }, othersOf(311).slice(0, 9).concat([311])),
    ];
    const list = parseStatisticalNeighbours(file('sn_may_2025.xlsx', sheetRows({ rows })));
    expect(list.inForceFrom).toBe('2025-05-01');
    expect(list.report.withoutNeighbours).toEqual([{ laNumber: '942', laName: 'Cumberland', sheetRow: 15 }]);
    expect(list.report.formerLas).toEqual([{ laNumber: '928', laName: 'Northamptonshire' }]);
    expect(list.neighbours.some((n) => n.laNumber === '942' || n.neighbourLaNumber === '942')).toBe(false);
    expect(list.neighbours.filter((n) => n.laNumber === '928')).toHaveLength(10);
  });

  it('takes the in-force date the workbook states before the file name, and the one given when neither has it', () => {
    const stated = sheetRows({ before: [['Statistical neighbours: in force from 6 April 2021']] });
    expect(parseStatisticalNeighbours(file('sn_may_2025.xlsx', stated))).toMatchObject({
      inForceFrom: '2021-04-06',
      name: '6 April 2021',
      report: { inForceFromSource: 'workbook' },
    });
    expect(
      parseStatisticalNeighbours(file('neighbours.xlsx', sheetRows()), { inForceFrom: '2023-09-01' }),
    ).toMatchObject({
      inForceFrom: '2023-09-01',
      name: 'September 2023',
      report: { inForceFromSource: 'option' },
    });
    expect(parseStatisticalNeighbours(file('SN May2025.xlsx', sheetRows())).inForceFrom).toBe('2025-05-01');
    // The same date given as the file name says is no conflict.
    expect(
      parseStatisticalNeighbours(file('sn_april_2021.xlsx', sheetRows()), { inForceFrom: '2021-04-01' })
        .inForceFrom,
    ).toBe('2021-04-01');
  });

  it('refuses a list whose in-force date is unknown, not a date, or given differently from the file name', () => {
    expect(() => parseStatisticalNeighbours(file('neighbours.xlsx', sheetRows()))).toThrow(
      /not stated in the workbook or its file name.*give it \(YYYY-MM-DD\)/,
    );
    expect(() =>
      parseStatisticalNeighbours(file('neighbours.xlsx', sheetRows()), { inForceFrom: '2025-02-30' }),
    ).toThrow(/"2025-02-30" is not a calendar date/);
    expect(() =>
      parseStatisticalNeighbours(file('sn_april_2021.xlsx', sheetRows()), { inForceFrom: '2025-05-01' }),
    ).toThrow(/file name says the list came into force on 2021-04-01, but 2025-05-01 was given/);
  });

  it('refuses a workbook without the "LA SN Groups" sheet, naming what was expected and what it holds', () => {
    const wrong = file('sn_may_2025.xlsx', sheetRows(), 'Sheet1');
    expect(() => parseStatisticalNeighbours(wrong)).toThrow(PublishedFileError);
    expect(() => parseStatisticalNeighbours(wrong)).toThrow(
      /expected a sheet named "LA SN Groups" \(LA number, LA name, SN1 … SN10\); it has the sheet "Sheet1"/,
    );
  });

  it('finds the sheet when a spreadsheet program saved its name back in other case or spacing', () => {
    const resaved = file('sn_may_2025.xlsx', sheetRows(), 'la  sn groups ');
    expect(parseStatisticalNeighbours(resaved).neighbours).toHaveLength(110);
  });

  it('refuses a file that is not an xlsx', () => {
    expect(() =>
      parseStatisticalNeighbours({
        name: 'sn_may_2025.csv',
        bytes: strToU8('LA num,LA Name,SN1\n336,Wolverhampton,333\n'),
      }),
    ).toThrow(/sn_may_2025\.csv is not an Excel workbook/);
  });

  const refusals: [string, Cell[][], RegExp][] = [
    [
      'no header',
      [[1, 2, 3], ...LAS.map((la) => laRow(la, othersOf(la.number)))],
      /no header row naming the LA number/,
    ],
    [
      'an LA number that is not three digits',
      sheetRows({ rows: [laRow({ number: 3360, name: 'Too long' }, othersOf(301))] }),
      /row 4: the LA number "3360" is not three digits/,
    ],
    [
      'nine neighbours',
      sheetRows({
        rows: [
          ...LAS.slice(1).map((la) => laRow(la, othersOf(la.number))),
          laRow(la(0), [...othersOf(301).slice(0, 9), '-']),
        ],
      }),
      /Borough 1 \(301\) has 9 neighbours, not 10: SN10 is "-", not an LA number/,
    ],
    [
      'a neighbour twice',
      sheetRows({
        rows: [
          laRow(la(0), [...othersOf(301).slice(0, 9), 302]),
          ...LAS.slice(1).map((la) => laRow(la, othersOf(la.number))),
        ],
      }),
      /Borough 1 \(301\) has the same neighbour twice/,
    ],
    [
      'itself as a neighbour',
      sheetRows({
        rows: [
          laRow(la(0), [...othersOf(301).slice(0, 9), 301]),
          ...LAS.slice(1).map((la) => laRow(la, othersOf(la.number))),
        ],
      }),
      /Borough 1 \(301\) is listed as its own neighbour/,
    ],
    [
      'a neighbour the sheet does not list',
      sheetRows({
        rows: [
          laRow(la(0), [...othersOf(301).slice(0, 9), 999]),
          ...LAS.slice(1).map((la) => laRow(la, othersOf(la.number))),
        ],
      }),
      /neighbour SN10 is LA 999, which the sheet does not list/,
    ],
    [
      'an LA listed twice',
      sheetRows({
        rows: [...LAS.map((la) => laRow(la, othersOf(la.number))), laRow(la(2), othersOf(303))],
      }),
      /row 15: LA 303 \(Borough 3\) is listed twice/,
    ],
  ];
  it.each(refusals)('refuses a sheet with %s, saying where', (_, rows, message) => {
    expect(() => parseStatisticalNeighbours(file('sn_may_2025.xlsx', rows))).toThrow(PublishedFileError);
    expect(() => parseStatisticalNeighbours(file('sn_may_2025.xlsx', rows))).toThrow(message);
  });
});
