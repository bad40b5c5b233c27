import { parseCsvRecords, type CsvRecord } from './csv.ts';
import { KNOWN_WRONG_CODES, normaliseLaName, type LaNameMap } from './la-names.ts';
import { readCell, rateFigure } from './markers.ts';
import { PublishedFileError, type ParsedPart, type PublishedFigure } from './types.ts';

/**
 * The MoJ / HMCTS and DfE "SEND Tribunals and appeal rate" table, a supporting file of the EHC plans
 * release: a title row, a row of years over three columns each (appeals registered, total appealable
 * decisions, the appeal rate), a row naming those columns, then one row per LA under region headings,
 * England's total, and notes. From 2024 two more columns give the rate on the way appealable decisions
 * are counted from then on ("in development"); they are kept under their own breakdown, beside the
 * series counted as before.
 *
 * Rows are joined to LAs on the name (la-names.ts), not the printed code, which is wrong for five LAs.
 * A name the map does not know is reported, not dropped silently.
 */

export const TRIBUNAL_MEASURE = 'tribunal-appeal-rate';
export const IN_DEVELOPMENT_BREAKDOWN = 'In development: appealable decisions counted the new way';
export const TRIBUNAL_EXPECTED =
  'the "SEND Tribunals and appeal rate" table (a title row, then "Local Authority", "LA code" and a year over each three columns: Appeals registered, Total Appealable Decisions, SEND Tribunal Appeal Rate)';

export type ParsedTribunalTable = {
  part: ParsedPart;
  /** Names printed in the table that are no LA the release knows: their rows are not stored. */
  unknownNames: { line: number; name: string }[];
  /** Printed codes that differ from the LA the name means, other than the known wrong ones. */
  codeMismatches: { line: number; name: string; printed: string; laNumber: string }[];
  /** Rows deliberately not stored, with why. */
  skipped: { line: number; name: string; reason: string }[];
};

type YearColumns = {
  year: number;
  appeals: number;
  decisions: number;
  rate: number;
  inDevelopment?: { decisions: number; rate: number };
};

function columnsOf(header: CsvRecord, names: CsvRecord, label: string): YearColumns[] {
  const at = (r: CsvRecord, i: number) => (r.fields[i] ?? '').trim();
  const starts = (r: CsvRecord, i: number, text: string) =>
    at(r, i).toLowerCase().startsWith(text.toLowerCase());
  const years: YearColumns[] = [];
  for (let i = 2; i < header.fields.length; i += 1) {
    if (!/^\d{4}$/.test(at(header, i))) continue;
    if (
      !starts(names, i, 'Appeals registered') ||
      !starts(names, i + 1, 'Total Appealable Decisions') ||
      !starts(names, i + 2, 'SEND Tribunal Appeal Rate')
    ) {
      throw new PublishedFileError(
        `${label}: the columns under ${at(header, i)} are not Appeals registered, Total Appealable Decisions, SEND Tribunal Appeal Rate: expected ${TRIBUNAL_EXPECTED}`,
      );
    }
    years.push({ year: Number(at(header, i)), appeals: i, decisions: i + 1, rate: i + 2 });
  }
  const last = years.at(-1);
  if (!last) throw new PublishedFileError(`${label} has no year columns: expected ${TRIBUNAL_EXPECTED}`);
  const next = last.rate + 1;
  if (
    starts(names, next, 'In development: Total Appealable Decisions') &&
    starts(names, next + 1, 'In development: SEND Tribunal Appeal Rate')
  ) {
    last.inDevelopment = { decisions: next, rate: next + 1 };
  }
  return years;
}

export function parseTribunalTable(
  text: string,
  options: { release: string; part: string; laNames: LaNameMap; fileLabel?: string },
): ParsedTribunalTable {
  const label = options.fileLabel ?? options.part;
  const records = parseCsvRecords(text, label);
  const headerIndex = records.findIndex(
    (r, i) =>
      i < 10 && (r.fields[0] ?? '').trim() === 'Local Authority' && (r.fields[1] ?? '').trim() === 'LA code',
  );
  const title = (records[0]?.fields[0] ?? '').toLowerCase();
  const header = records[headerIndex];
  const names = records[headerIndex + 1];
  if (headerIndex < 0 || !header || !names || !title.includes('appeal rate')) {
    throw new PublishedFileError(
      `${label} is not the SEND Tribunal appeal-rate table: expected ${TRIBUNAL_EXPECTED}`,
    );
  }
  const years = columnsOf(header, names, label);
  const figures: PublishedFigure[] = [];
  const unknownNames: ParsedTribunalTable['unknownNames'] = [];
  const codeMismatches: ParsedTribunalTable['codeMismatches'] = [];
  const skipped: ParsedTribunalTable['skipped'] = [];
  const seen = new Map<string, number>();
  let rowsRead = 0;
  let englandSeen = false;

  for (const record of records.slice(headerIndex + 2)) {
    const cell = (i: number) => record.fields[i] ?? '';
    const printedName = cell(0).trim();
    const rest = record.fields.slice(1).some((f) => f.trim() !== '');
    if (printedName === '' && !rest) continue;
    // After England's total come the sources and notes.
    if (englandSeen && !/^england/i.test(printedName)) break;
    rowsRead += 1;
    if (!rest) {
      skipped.push({ line: record.line, name: printedName, reason: 'a heading (region)' });
      continue;
    }
    const key = normaliseLaName(printedName);
    if (key === 'england total excluding suppressed') {
      skipped.push({
        line: record.line,
        name: printedName,
        reason: 'a second England total, leaving out suppressed LAs; the England total above is kept',
      });
      continue;
    }
    const isEngland = key === 'england total' || key === 'england';
    if (isEngland) englandSeen = true;
    const printedCode = cell(1).trim();
    for (const y of years) {
      const area = isEngland
        ? { areaCode: 'E92000001', gssCode: 'E92000001', areaName: 'England', level: 'national' as const }
        : (() => {
            const la = options.laNames.lookup(printedName, y.year);
            return la
              ? {
                  areaCode: la.laNumber,
                  gssCode: la.gssCode,
                  areaName: la.name,
                  level: 'local-authority' as const,
                }
              : undefined;
          })();
      if (!area) {
        if (!unknownNames.some((u) => u.line === record.line))
          unknownNames.push({ line: record.line, name: printedName });
        continue;
      }
      if (
        !isEngland &&
        printedCode !== '' &&
        printedCode !== area.areaCode &&
        y === years.at(-1) &&
        !KNOWN_WRONG_CODES.some((k) => k.printed === printedCode && k.laNumber === area.areaCode)
      ) {
        codeMismatches.push({
          line: record.line,
          name: printedName,
          printed: printedCode,
          laNumber: area.areaCode,
        });
      }
      const where = (column: number) => () =>
        `${label} line ${record.line} (${printedName}, ${y.year}, column ${column + 1})`;
      const appeals = readCell(cell(y.appeals), where(y.appeals));
      const series: { breakdown: string; decisions: number; rate: number }[] = [
        { breakdown: 'Total', decisions: y.decisions, rate: y.rate },
        ...(y.inDevelopment ? [{ breakdown: IN_DEVELOPMENT_BREAKDOWN, ...y.inDevelopment }] : []),
      ];
      for (const s of series) {
        const figure = rateFigure(
          appeals,
          readCell(cell(s.decisions), where(s.decisions)),
          readCell(cell(s.rate), where(s.rate)),
        );
        const period = String(y.year);
        const id = `${area.areaCode}|${period}|${s.breakdown}`;
        const earlier = seen.get(id);
        if (earlier !== undefined) {
          throw new PublishedFileError(
            `${label}: lines ${earlier} and ${record.line} both give the appeal rate of ${area.areaName} for ${period}`,
          );
        }
        seen.set(id, record.line);
        figures.push({
          sourceRow: record.line,
          measure: TRIBUNAL_MEASURE,
          period,
          timePeriod: period,
          timeIdentifier: 'Calendar year',
          geographicLevel: area.level,
          areaCode: area.areaCode,
          gssCode: area.gssCode,
          areaName: area.areaName,
          breakdown: s.breakdown,
          ...figure,
        });
      }
    }
  }
  if (!englandSeen) {
    throw new PublishedFileError(
      `${label} has no "England Total" row: the table is incomplete (expected ${TRIBUNAL_EXPECTED})`,
    );
  }
  return {
    part: {
      source: 'send-tribunal-appeal-rate',
      release: options.release,
      part: options.part,
      rowsRead,
      figures,
    },
    unknownNames,
    codeMismatches,
    skipped,
  };
}
