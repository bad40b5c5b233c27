import type { MeasureId } from '../domain/catalogue.ts';
import { decodeUtf8, readCsvTable } from './csv.ts';
import { EES_COMMON_COLUMNS } from './ees-release.ts';
import { readCell, rateFigure, type Cell } from './markers.ts';
import { PublishedFileError, type GeographicLevel, type ParsedPart, type PublishedFigure } from './types.ts';

/**
 * sen2_mi.csv: the single wide file in which releases up to 2024 published the LA figures of the
 * aggregate SEN2 return, one row per area and calendar year. Its columns carry five of the measures
 * (checked against the 2025 release, which repeats 2019–2022 from the same return):
 *   inreq_ehc          initial requests for an EHC needs assessment     → requests-received
 *   ass_refused_ehc    of which the LA decided not to assess            → requests-refused (÷ inreq_ehc)
 *   new_all_ehc        new EHC plans made in the year                   → new-plans
 *   inc_exc_20week_ehc / tot_inc_exc_ehc (rate inc_exc_20week_rate)     → plans-within-20-weeks
 *   no_exc_20week_ehc  / tot_no_exc_ehc  (rate no_exc_20week_rate)      → …-excluding-exceptions
 * The plans maintained at January, decisions within 6 weeks and annual reviews are not in this file.
 */

export const SEN2_MI_PART = 'sen2_mi.csv';

export const SEN2_MI_EXPECTED =
  'sen2_mi.csv, the DfE "Education, health and care plans" LA file of releases up to 2024 (columns time_period, geographic_level, old_la_code, inreq_ehc, ass_refused_ehc, new_all_ehc, inc_exc_20week_ehc, tot_inc_exc_ehc, no_exc_20week_ehc, tot_no_exc_ehc …)';

type Spec =
  | { measure: MeasureId; column: string }
  | { measure: MeasureId; numerator: string; denominator: string; rate?: string };

const MEASURES: readonly Spec[] = [
  { measure: 'requests-received', column: 'inreq_ehc' },
  { measure: 'requests-refused', numerator: 'ass_refused_ehc', denominator: 'inreq_ehc' },
  { measure: 'new-plans', column: 'new_all_ehc' },
  {
    measure: 'plans-within-20-weeks',
    numerator: 'inc_exc_20week_ehc',
    denominator: 'tot_inc_exc_ehc',
    rate: 'inc_exc_20week_rate',
  },
  {
    measure: 'plans-within-20-weeks-excluding-exceptions',
    numerator: 'no_exc_20week_ehc',
    denominator: 'tot_no_exc_ehc',
    rate: 'no_exc_20week_rate',
  },
];

export const SEN2_MI_COLUMNS: readonly string[] = [
  ...EES_COMMON_COLUMNS,
  ...new Set(
    MEASURES.flatMap((m) =>
      'column' in m ? [m.column] : [m.numerator, m.denominator, ...(m.rate ? [m.rate] : [])],
    ),
  ),
];

const LEVELS: Record<string, GeographicLevel> = {
  National: 'national',
  Regional: 'regional',
  'Local authority': 'local-authority',
};

/** Whether a CSV header is sen2_mi.csv's (for telling files apart by their content). */
export function looksLikeSen2Mi(header: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.trim()));
  return ['inreq_ehc', 'tot_inc_exc_ehc', 'new_all_ehc'].every((c) => names.has(c));
}

export function parseSen2Mi(file: { name: string; bytes: Uint8Array }): ParsedPart {
  const text = decodeUtf8(file.bytes, file.name, SEN2_MI_EXPECTED);
  const table = readCsvTable(text, {
    fileLabel: file.name,
    expected: SEN2_MI_EXPECTED,
    required: SEN2_MI_COLUMNS,
  });
  const figures: PublishedFigure[] = [];
  const seen = new Map<string, number>();
  const years = new Set<string>();
  for (const row of table.rows) {
    const get = (name: string) => (row.fields[table.column(name)] ?? '').trim();
    const read = (name: string): Cell =>
      readCell(row.fields[table.column(name)] ?? '', () => `${file.name} line ${row.line}, column ${name}`);
    const level = LEVELS[get('geographic_level')];
    if (!level) continue;
    const timePeriod = get('time_period');
    const timeIdentifier = get('time_identifier');
    if (timeIdentifier !== 'Calendar year' || !/^\d{4}$/.test(timePeriod)) {
      throw new PublishedFileError(
        `${file.name} line ${row.line}: time period "${timePeriod}" (${timeIdentifier}) is not a calendar year, as in ${SEN2_MI_EXPECTED}`,
      );
    }
    years.add(timePeriod);
    const area =
      level === 'national'
        ? {
            areaCode: get('country_code'),
            gssCode: get('country_code'),
            areaName: get('country_name') || 'England',
          }
        : level === 'regional'
          ? { areaCode: get('region_code'), gssCode: get('region_code'), areaName: get('region_name') }
          : { areaCode: get('old_la_code'), gssCode: get('new_la_code') || null, areaName: get('la_name') };
    const valid =
      level === 'national'
        ? area.areaCode === 'E92000001'
        : level === 'regional'
          ? /^E1[23]\d{6}$/.test(area.areaCode)
          : /^\d{3}$/.test(area.areaCode);
    if (!valid) {
      throw new PublishedFileError(
        `${file.name} line ${row.line}: "${area.areaCode}" is not a valid area code for a ${get('geographic_level')} row`,
      );
    }
    const key = `${area.areaCode}|${timePeriod}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new PublishedFileError(
        `${file.name}: lines ${earlier} and ${row.line} are both ${area.areaName} in ${timePeriod}`,
      );
    }
    seen.set(key, row.line);
    for (const m of MEASURES) {
      let numbers: Pick<PublishedFigure, 'numerator' | 'denominator' | 'value' | 'marker'>;
      if ('column' in m) {
        const cell = read(m.column);
        numbers = { numerator: null, denominator: null, value: cell.value, marker: cell.marker };
      } else {
        numbers = rateFigure(read(m.numerator), read(m.denominator), m.rate ? read(m.rate) : undefined);
      }
      figures.push({
        sourceRow: row.line,
        measure: m.measure,
        period: timePeriod,
        timePeriod,
        timeIdentifier,
        geographicLevel: level,
        ...area,
        breakdown: 'Total',
        ...numbers,
      });
    }
  }
  if (figures.length === 0)
    throw new PublishedFileError(`${file.name} has no rows: expected ${SEN2_MI_EXPECTED}`);
  const sorted = [...years].sort();
  const span = sorted.length > 1 ? `${sorted[0]} to ${sorted.at(-1)}` : (sorted[0] ?? '');
  return {
    source: 'sen2-mi',
    release: `Education, health and care plans (SEN2 aggregate return, sen2_mi.csv), calendar years ${span}`,
    part: SEN2_MI_PART,
    rowsRead: table.rows.length,
    figures,
  };
}
