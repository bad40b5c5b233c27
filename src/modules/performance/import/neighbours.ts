import { isIsoDate, MONTH_NAMES } from '../../../lib/dates.ts';
import { PublishedFileError, type NeighbourList } from './types.ts';
import { readXlsx, type XlsxCell } from './xlsx.ts';

/**
 * The DfE children's services statistical neighbour lists (the benchmarking tool's workbook, as the LAIT
 * ships it: sn_april_2021.xlsx, sn_may_2025.xlsx). Sheet "LA SN Groups": a header row "LA num, LA Name,
 * LA number, GOInd, GOReg, SN1, SNP, SN2, SNP … SN10, SNP", then one row per LA with its ten closest LAs
 * by number (SNn) and how close each is (SNP, "Very close" …), then, under "Old SNs:", the lists of LAs
 * since reorganised (Dorset, Poole and Bournemouth before 2019, Northamptonshire, Cumbria). LAs that did
 * not exist when a list was drawn up (Cumberland and Westmorland and Furness in April 2021) print "-"
 * for every neighbour: they have no neighbours in that list and are reported, not stored.
 */

export const NEIGHBOUR_SHEET = 'LA SN Groups';
export const NEIGHBOURS_PER_LA = 10;
export const NEIGHBOUR_RELEASE = "DfE children's services statistical neighbour benchmarking tool";

export type NeighbourListReport = {
  /** LA rows read (with or without neighbours). */
  lasListed: number;
  lasWithNeighbours: number;
  /** LAs listed with no neighbours at all ("-" in every SN column). */
  withoutNeighbours: { laNumber: string; laName: string; sheetRow: number }[];
  /** LAs listed under "Old SNs:" (former authorities), stored like the others. */
  formerLas: { laNumber: string; laName: string }[];
  /** Where the in-force date came from. */
  inForceFromSource: 'workbook' | 'file name' | 'option';
};

export type ParsedNeighbourList = NeighbourList & { report: NeighbourListReport };

const MONTH_PATTERN =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

export function parseStatisticalNeighbours(
  file: { name: string; bytes: Uint8Array },
  options: { inForceFrom?: string } = {},
): ParsedNeighbourList {
  const workbook = readXlsx(file.bytes, file.name);
  // As published, or as a user's spreadsheet program saved it back ("la sn groups ").
  const sheetName = workbook.sheetNames.find(
    (n) => n.trim().replace(/\s+/g, ' ').toLowerCase() === NEIGHBOUR_SHEET.toLowerCase(),
  );
  const sheet = sheetName === undefined ? undefined : workbook.sheet(sheetName);
  if (!sheet) {
    throw new PublishedFileError(
      `${file.name} is not a statistical neighbour workbook: expected a sheet named "${NEIGHBOUR_SHEET}" ` +
        `(LA number, LA name, SN1 … SN10); it has ${listSheets(workbook.sheetNames)}.`,
    );
  }
  const refuse = (problem: string): never => {
    throw new PublishedFileError(`${file.name}, sheet "${NEIGHBOUR_SHEET}": ${problem}`);
  };

  const header = findHeader(sheet.rows);
  if (!header) {
    return refuse(
      `no header row naming the LA number ("LA num"), the LA name ("LA Name") and the neighbours SN1 to SN${NEIGHBOURS_PER_LA}.`,
    );
  }

  type Row = {
    sheetRow: number;
    laNumber: string;
    laName: string;
    neighbourCells: XlsxCell[];
    former: boolean;
  };
  const rows: Row[] = [];
  let former = false;
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const sheetRow = r + 1;
    if (cells.some((c) => typeof c === 'string' && /^\s*old\s+sns?\s*:?\s*$/i.test(c))) former = true;
    const numberCell = cells[header.laNumber];
    if (isBlank(numberCell)) continue;
    const laNumber = threeDigits(numberCell);
    if (!laNumber)
      return refuse(`row ${sheetRow}: the LA number "${printed(numberCell)}" is not three digits.`);
    const laName = isBlank(cells[header.laName]) ? '' : String(cells[header.laName]).trim();
    if (!laName) return refuse(`row ${sheetRow}: LA ${laNumber} has no name.`);
    if (rows.some((row) => row.laNumber === laNumber)) {
      return refuse(`row ${sheetRow}: LA ${laNumber} (${laName}) is listed twice.`);
    }
    rows.push({
      sheetRow,
      laNumber,
      laName,
      neighbourCells: header.neighbours.map((c) => cells[c] ?? null),
      former,
    });
  }
  if (rows.length === 0) return refuse('no LA rows under the header.');

  const names = new Map(rows.map((row) => [row.laNumber, row.laName]));
  const neighbours: NeighbourList['neighbours'] = [];
  const withoutNeighbours: NeighbourListReport['withoutNeighbours'] = [];
  for (const row of rows) {
    const who = `row ${row.sheetRow}: ${row.laName} (${row.laNumber})`;
    if (row.neighbourCells.every(isNoNeighbour)) {
      withoutNeighbours.push({ laNumber: row.laNumber, laName: row.laName, sheetRow: row.sheetRow });
      continue;
    }
    const numbers = row.neighbourCells.map(threeDigits);
    const bad = numbers.flatMap((n, i) => (n ? [] : [`SN${i + 1} is "${printed(row.neighbourCells[i])}"`]));
    if (bad.length > 0) {
      return refuse(
        `${who} has ${NEIGHBOURS_PER_LA - bad.length} neighbours, not ${NEIGHBOURS_PER_LA}: ${bad.join(', ')}, not an LA number.`,
      );
    }
    const distinct = new Set(numbers);
    if (distinct.size !== NEIGHBOURS_PER_LA) {
      return refuse(
        `${who} has the same neighbour twice (${numbers.join(', ')}); expected ${NEIGHBOURS_PER_LA} different LAs.`,
      );
    }
    if (distinct.has(row.laNumber)) return refuse(`${who} is listed as its own neighbour.`);
    for (const [i, n] of (numbers as string[]).entries()) {
      const neighbourName = names.get(n);
      if (!neighbourName)
        return refuse(`${who}: neighbour SN${i + 1} is LA ${n}, which the sheet does not list.`);
      neighbours.push({
        laNumber: row.laNumber,
        laName: row.laName,
        rank: i + 1,
        neighbourLaNumber: n,
        neighbourName,
      });
    }
  }

  const inForce = inForceDate(file.name, sheet.rows, options.inForceFrom, refuse);
  return {
    name: inForce.name,
    inForceFrom: inForce.date,
    release: `${NEIGHBOUR_RELEASE}, statistical neighbours ${inForce.name}`,
    part: NEIGHBOUR_SHEET,
    neighbours,
    report: {
      lasListed: rows.length,
      lasWithNeighbours: rows.length - withoutNeighbours.length,
      withoutNeighbours,
      formerLas: rows.filter((r) => r.former).map((r) => ({ laNumber: r.laNumber, laName: r.laName })),
      inForceFromSource: inForce.source,
    },
  };
}

function listSheets(names: string[]): string {
  if (names.length === 0) return 'no sheets';
  return `${names.length === 1 ? 'the sheet' : 'the sheets'} ${names.map((n) => `"${n}"`).join(', ')}`;
}

type Header = { row: number; laNumber: number; laName: number; neighbours: number[] };

function findHeader(rows: XlsxCell[][]): Header | undefined {
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const cells = (rows[r] ?? []).map((c) => (typeof c === 'string' ? c.trim().toLowerCase() : ''));
    const laNumber = cells.findIndex((c) => /^la\s*(num|number|no\.?|code)$/.test(c));
    const laName = cells.findIndex((c) => /^la\s*name$/.test(c));
    const neighbours = Array.from({ length: NEIGHBOURS_PER_LA }, (_, i) => cells.indexOf(`sn${i + 1}`));
    if (laNumber >= 0 && laName >= 0 && neighbours.every((c) => c >= 0)) {
      return { row: r, laNumber, laName, neighbours };
    }
  }
  return undefined;
}

function printed(cell: XlsxCell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell);
}

function isBlank(cell: XlsxCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** "-" (or nothing) where an LA has no neighbour in the list. */
function isNoNeighbour(cell: XlsxCell): boolean {
  return isBlank(cell) || (typeof cell === 'string' && /^[-–—]$/.test(cell.trim()));
}

function threeDigits(cell: XlsxCell | undefined): string | undefined {
  if (typeof cell === 'number') {
    return Number.isInteger(cell) && cell >= 100 && cell <= 999 ? String(cell) : undefined;
  }
  if (typeof cell === 'string' && /^\s*\d{3}\s*$/.test(cell)) return cell.trim();
  return undefined;
}

type InForce = { date: string; name: string; source: NeighbourListReport['inForceFromSource'] };

function inForceDate(
  fileName: string,
  rows: XlsxCell[][],
  option: string | undefined,
  refuse: (problem: string) => never,
): InForce {
  if (option !== undefined && !isIsoDate(option)) {
    refuse(`the in-force date "${option}" is not a calendar date (YYYY-MM-DD).`);
  }
  const stated = statedInWorkbook(rows);
  const fromName = monthYear(fileName.replace(/^.*[\\/]/, ''));
  const found: InForce | undefined = stated
    ? { ...stated, source: 'workbook' }
    : fromName
      ? { ...fromName, source: 'file name' }
      : undefined;
  if (found) {
    if (option !== undefined && option !== found.date) {
      refuse(
        `the ${found.source === 'workbook' ? 'workbook says' : 'file name says'} the list came into force on ${found.date}, ` +
          `but ${option} was given; give no date, or rename the file, so that there is one answer.`,
      );
    }
    return found;
  }
  if (option === undefined) {
    return refuse(
      'the date this list came into force is not stated in the workbook or its file name (e.g. sn_may_2025.xlsx); give it (YYYY-MM-DD).',
    );
  }
  return { date: option, name: nameOf(option), source: 'option' };
}

/** A sentence such as "In force from 1 May 2025" or "Valid from April 2021" above or beside the table. */
function statedInWorkbook(rows: XlsxCell[][]): Omit<InForce, 'source'> | undefined {
  const pattern = new RegExp(
    `\\b(?:in force|valid|effective|applies|applicable|used)\\s+(?:from|since)\\s+(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+)?(${MONTH_PATTERN})\\s+(\\d{4})`,
    'i',
  );
  for (const row of rows) {
    for (const cell of row) {
      if (typeof cell !== 'string' || cell.length < 12) continue;
      const m = pattern.exec(cell);
      if (!m) continue;
      const date = isoDate(Number(m[3]), monthNumber(m[2] as string), m[1] ? Number(m[1]) : 1);
      if (date) return { date, name: nameOf(date) };
    }
  }
  return undefined;
}

/** "sn_april_2021.xlsx" → 1 April 2021. */
function monthYear(fileName: string): Omit<InForce, 'source'> | undefined {
  const m = new RegExp(`(?:^|[^a-z])(${MONTH_PATTERN})[\\s_.-]*((?:19|20)\\d{2})(?!\\d)`, 'i').exec(fileName);
  if (!m) return undefined;
  const date = isoDate(Number(m[2]), monthNumber(m[1] as string), 1);
  return date ? { date, name: nameOf(date) } : undefined;
}

function monthNumber(name: string): number {
  const prefix = name.slice(0, 3).toLowerCase();
  return MONTH_NAMES.findIndex((m) => m.slice(0, 3).toLowerCase() === prefix) + 1;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(date) ? date : undefined;
}

/** "April 2021" for a list in force from the 1st, "6 April 2021" otherwise. */
function nameOf(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const monthName = MONTH_NAMES[month - 1] as string;
  return day === 1 ? `${monthName} ${year}` : `${day} ${monthName} ${year}`;
}
