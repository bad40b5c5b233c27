import type { MeasureId } from '../domain/catalogue.ts';
import { decodeUtf8, readCsvTable, type CsvTable } from './csv.ts';
import { createLaNameMap, type LaNameMap } from './la-names.ts';
import { readCell, rateFigure, sumCells, type Cell } from './markers.ts';
import { parseTribunalTable, type ParsedTribunalTable } from './tribunal.ts';
import { openZip } from './zip.ts';
import { PublishedFileError, type GeographicLevel, type ParsedPart, type PublishedFigure } from './types.ts';

/**
 * The DfE "Education, health and care plans" release zip in its 2025 layout, as downloaded from
 * explore-education-statistics: data/*.csv (one file per topic), supporting-files/ (the SEND Tribunal
 * appeal-rate table) and data-guidance/data-guidance.txt, which names the release and defines every
 * column. Each file read is one part; only the all-rows breakdown of each topic ("All EHC plans" …) is
 * kept, under the breakdown "Total". Nothing is read until the whole zip has been checked: every file and
 * column the measures need must be there, or the zip is refused with what was expected.
 */

export const EHC_PLANS_RELEASE_EXPECTED =
  'the DfE "Education, health and care plans" release zip as downloaded from explore-education-statistics (2025 layout: data/caseload.csv, data/newplans.csv, data/requests.csv, data/assessments.csv, data/timeliness_20_week.csv, data/annual_reviews.csv, supporting-files/SEND Tribunals and appeal rate ….csv, data-guidance/data-guidance.txt)';

type MeasureSpec =
  | { measure: MeasureId; column: string }
  | { measure: MeasureId; numerator: string; denominator: string | readonly [string, string]; rate: string };

type PartSpec = {
  part: string;
  /** The breakdown_topic (and breakdown) of the rows that count everyone. */
  allRows: string;
  /** caseload.csv counts plans at the January census of its academic year. */
  periodKind: 'january' | 'calendar-year';
  measures: readonly MeasureSpec[];
};

export const RELEASE_PARTS: readonly PartSpec[] = [
  {
    part: 'data/caseload.csv',
    allRows: 'All EHC plans',
    periodKind: 'january',
    measures: [{ measure: 'active-plans', column: 'ehcplans' }],
  },
  {
    part: 'data/newplans.csv',
    allRows: 'New EHC plans',
    periodKind: 'calendar-year',
    measures: [{ measure: 'new-plans', column: 'new_ehc_plans' }],
  },
  {
    part: 'data/requests.csv',
    allRows: 'All requests for EHC needs assessments',
    periodKind: 'calendar-year',
    measures: [
      { measure: 'requests-received', column: 'requests_received_in_year' },
      {
        measure: 'requests-refused',
        numerator: 'requests_decided_not_to_assess',
        denominator: 'requests_received_in_year',
        rate: 'request_not_assess_pc',
      },
      {
        measure: 'decisions-within-6-weeks',
        numerator: 'request_outcome_six_weeks',
        denominator: ['request_outcome_six_weeks', 'request_outcome_over_6_weeks'],
        rate: 'request_outcome_six_weeks_pc',
      },
    ],
  },
  {
    // "Number of assessments where it was decided NOT to issue a plan which were within [over] 16 weeks"; the
    // percentage "only appl[ies] where a decision was made" (data guidance), so it is within ÷ (within + over).
    part: 'data/assessments.csv',
    allRows: 'All EHC needs assessments',
    periodKind: 'calendar-year',
    measures: [
      {
        measure: 'no-plan-decisions-within-16-weeks',
        numerator: 'outcome_decision_within_time',
        denominator: ['outcome_decision_within_time', 'outcome_decision_over_time'],
        rate: 'outcome_decision_within_time_pc',
      },
    ],
  },
  {
    part: 'data/timeliness_20_week.csv',
    allRows: 'All EHC plans issued',
    periodKind: 'calendar-year',
    measures: [
      {
        measure: 'plans-within-20-weeks',
        numerator: 'plans_issued_within_20_weeks',
        denominator: 'plans_issued_den',
        rate: 'pc_plans_issued_within_20_weeks',
      },
      {
        measure: 'plans-within-20-weeks-excluding-exceptions',
        numerator: 'plans_issued_20_weeks_ex',
        denominator: 'plans_issued_den_ex',
        rate: 'PC_plans_issued_20_weeks_ex',
      },
    ],
  },
  {
    part: 'data/annual_reviews.csv',
    allRows: 'All annual reviews',
    periodKind: 'calendar-year',
    measures: [
      {
        measure: 'annual-reviews-within-4-weeks',
        numerator: 'number_decsion_4weeks',
        denominator: ['number_decsion_4weeks', 'number_decision_gt_4weeks'],
        rate: 'pc_decsion_4weeks',
      },
      { measure: 'annual-reviews-outstanding', column: 'review_decision_outstanding' },
    ],
  },
];

/** The columns every EES data file has before its measures. */
export const EES_COMMON_COLUMNS = [
  'time_period',
  'time_identifier',
  'geographic_level',
  'country_code',
  'country_name',
  'region_code',
  'region_name',
  'new_la_code',
  'old_la_code',
  'la_name',
] as const;

const GUIDANCE = 'data-guidance/data-guidance.txt';
const TRIBUNAL = /^supporting-files\/SEND Tribunals and appeal rate[^/]*\.csv$/i;

function columnsOf(spec: PartSpec): string[] {
  const columns = new Set<string>([...EES_COMMON_COLUMNS, 'breakdown_topic', 'breakdown']);
  for (const m of spec.measures) {
    if ('column' in m) columns.add(m.column);
    else {
      columns.add(m.numerator);
      for (const d of typeof m.denominator === 'string' ? [m.denominator] : m.denominator) columns.add(d);
      columns.add(m.rate);
    }
  }
  return [...columns];
}

/** The platform's period for an EES time_period: "2024" a calendar year, "2025-01" the January of 202425. */
export function periodOf(
  timePeriod: string,
  timeIdentifier: string,
  kind: PartSpec['periodKind'],
): string | undefined {
  if (kind === 'calendar-year' && timeIdentifier === 'Calendar year' && /^\d{4}$/.test(timePeriod))
    return timePeriod;
  if (kind === 'january' && timeIdentifier === 'Academic year' && /^\d{6}$/.test(timePeriod)) {
    const first = Number(timePeriod.slice(0, 4));
    if (Number(timePeriod.slice(4)) === (first + 1) % 100) return `${first + 1}-01`;
  }
  return undefined;
}

const LEVELS: Record<string, GeographicLevel> = {
  National: 'national',
  Regional: 'regional',
  'Local authority': 'local-authority',
};

/** The release's title, from the first lines of its data guidance: "Education, health and care plans, reporting year 2025". */
export function releaseName(guidance: string, fileLabel: string): string {
  const lines = guidance
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const title = lines[0] ?? '';
  const year = /^Reporting year (\d{4})$/i.exec(lines[1] ?? '')?.[1];
  if (title.toLowerCase() !== 'education, health and care plans' || !year) {
    throw new PublishedFileError(
      `${fileLabel}: its data guidance is for "${title.slice(0, 80)}", not the "Education, health and care plans" release (expected ${EHC_PLANS_RELEASE_EXPECTED})`,
    );
  }
  return `Education, health and care plans, reporting year ${year}`;
}

/**
 * The figures of one data file of the release. Also records, in the LA name map, every LA the file
 * names, so that the tribunal table can be joined on names the release itself uses.
 */
export function parseReleaseDataFile(
  table: CsvTable,
  spec: PartSpec,
  options: { release: string; fileLabel: string; laNames: LaNameMap; warnings: string[] },
): ParsedPart {
  const c = Object.fromEntries(columnsOf(spec).map((name) => [name, table.column(name)]));
  const col = (name: string) => c[name] as number;
  const figures: PublishedFigure[] = [];
  const seen = new Map<string, number>();
  const otherLevels = new Set<string>();
  for (const row of table.rows) {
    const f = row.fields;
    const get = (name: string) => (f[col(name)] ?? '').trim();
    const level = LEVELS[get('geographic_level')];
    if (!level) {
      otherLevels.add(get('geographic_level'));
      continue;
    }
    if (get('breakdown_topic') !== spec.allRows || get('breakdown') !== spec.allRows) continue;
    const timePeriod = get('time_period');
    const timeIdentifier = get('time_identifier');
    const period = periodOf(timePeriod, timeIdentifier, spec.periodKind);
    if (!period) {
      throw new PublishedFileError(
        `${options.fileLabel} line ${row.line}: time period "${timePeriod}" (${timeIdentifier}) is not ${spec.periodKind === 'january' ? 'an academic year such as 202425' : 'a calendar year such as 2024'}, as ${spec.part} of the release has`,
      );
    }
    let area: { areaCode: string; gssCode: string | null; areaName: string };
    if (level === 'national') {
      area = {
        areaCode: get('country_code'),
        gssCode: get('country_code'),
        areaName: get('country_name') || 'England',
      };
      if (area.areaCode !== 'E92000001') {
        throw new PublishedFileError(
          `${options.fileLabel} line ${row.line}: a national row for ${area.areaCode}, not England (E92000001)`,
        );
      }
    } else if (level === 'regional') {
      area = { areaCode: get('region_code'), gssCode: get('region_code'), areaName: get('region_name') };
      if (!/^E1[23]\d{6}$/.test(area.areaCode)) {
        throw new PublishedFileError(
          `${options.fileLabel} line ${row.line}: region code "${area.areaCode}" is not a GSS region code such as E12000005`,
        );
      }
    } else {
      area = { areaCode: get('old_la_code'), gssCode: get('new_la_code') || null, areaName: get('la_name') };
      if (!/^\d{3}$/.test(area.areaCode)) {
        throw new PublishedFileError(
          `${options.fileLabel} line ${row.line}: LA code "${area.areaCode}" is not a three-digit LA number such as 336`,
        );
      }
      options.laNames.add({
        laNumber: area.areaCode,
        gssCode: area.gssCode ?? '',
        name: area.areaName,
        regionCode: get('region_code'),
        regionName: get('region_name'),
        timePeriod,
      });
    }
    const key = `${area.areaCode}|${period}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new PublishedFileError(
        `${options.fileLabel}: lines ${earlier} and ${row.line} both give the ${spec.allRows} figures of ${area.areaName} for ${timePeriod}`,
      );
    }
    seen.set(key, row.line);
    const read = (name: string): Cell =>
      readCell(f[col(name)] ?? '', () => `${options.fileLabel} line ${row.line}, column ${name}`);
    for (const m of spec.measures) {
      let numbers: Pick<PublishedFigure, 'numerator' | 'denominator' | 'value' | 'marker'>;
      if ('column' in m) {
        const cell = read(m.column);
        numbers = { numerator: null, denominator: null, value: cell.value, marker: cell.marker };
      } else {
        const denominator =
          typeof m.denominator === 'string'
            ? read(m.denominator)
            : sumCells(read(m.denominator[0]), read(m.denominator[1]));
        numbers = rateFigure(read(m.numerator), denominator, read(m.rate));
      }
      figures.push({
        sourceRow: row.line,
        measure: m.measure,
        period,
        timePeriod,
        timeIdentifier,
        geographicLevel: level,
        ...area,
        breakdown: 'Total',
        ...numbers,
      });
    }
  }
  if (otherLevels.size > 0) {
    options.warnings.push(
      `${spec.part}: rows at other geographic levels (${[...otherLevels].join(', ')}) were not stored; the measures are kept for England, regions and LAs.`,
    );
  }
  if (figures.length === 0) {
    throw new PublishedFileError(
      `${options.fileLabel} has no "${spec.allRows}" rows: expected ${EHC_PLANS_RELEASE_EXPECTED}`,
    );
  }
  return {
    source: 'ehc-plans-release',
    release: options.release,
    part: spec.part,
    rowsRead: table.rows.length,
    figures,
  };
}

export type ParsedRelease = {
  release: string;
  parts: ParsedPart[];
  tribunal: Omit<ParsedTribunalTable, 'part'>;
  /** The LAs the release names (its own name map), for joining and for the demo extract's region. */
  laNames: LaNameMap;
  warnings: string[];
};

/** Parses the release zip: every part or nothing. */
export function parseEhcPlansRelease(
  file: { name: string; bytes: Uint8Array },
  options: { onProgress?: (done: number, total: number) => void } = {},
): ParsedRelease {
  const zip = openZip(file.bytes, file.name, EHC_PLANS_RELEASE_EXPECTED);
  const tribunalName = zip.entries.map((e) => e.name).find((n) => TRIBUNAL.test(n));
  const missing = [...RELEASE_PARTS.map((p) => p.part), GUIDANCE].filter((p) => !zip.has(p));
  if (!tribunalName) missing.push('supporting-files/SEND Tribunals and appeal rate ….csv');
  if (missing.length > 0) {
    const found = zip.entries.map((e) => e.name).filter((n) => !n.endsWith('/'));
    throw new PublishedFileError(
      `${file.name} is not the expected release: it has no ${missing.join(', ')}. Expected ${EHC_PLANS_RELEASE_EXPECTED}; it holds ${found.slice(0, 12).join(', ') || 'nothing'}${found.length > 12 ? ' …' : ''}.`,
    );
  }
  const names = [GUIDANCE, ...RELEASE_PARTS.map((p) => p.part), tribunalName as string];
  const total = names.length;
  let done = 0;
  options.onProgress?.(done, total);
  const bytes = zip.extract(names);
  const text = (name: string, expected: string) =>
    decodeUtf8(bytes.get(name) as Uint8Array, `${file.name}: ${name}`, expected);
  const release = releaseName(text(GUIDANCE, 'the data guidance of the release'), file.name);
  options.onProgress?.((done += 1), total);

  // Every data file is checked for its columns before any is parsed, so that a wrong file is named first.
  const tables = RELEASE_PARTS.map((spec) => {
    const label = `${file.name}: ${spec.part}`;
    const expected = `${spec.part} of the "Education, health and care plans" release`;
    return {
      spec,
      label,
      table: readCsvTable(text(spec.part, expected), {
        fileLabel: label,
        expected,
        required: columnsOf(spec),
      }),
    };
  });
  const laNames = createLaNameMap();
  const warnings: string[] = [];
  const parts: ParsedPart[] = [];
  for (const { spec, label, table } of tables) {
    parts.push(parseReleaseDataFile(table, spec, { release, fileLabel: label, laNames, warnings }));
    options.onProgress?.((done += 1), total);
  }
  const tribunal = parseTribunalTable(text(tribunalName as string, 'the SEND Tribunal appeal-rate table'), {
    release,
    part: tribunalName as string,
    laNames,
    fileLabel: `${file.name}: ${tribunalName}`,
  });
  parts.push(tribunal.part);
  options.onProgress?.(done + 1, total);
  for (const u of tribunal.unknownNames) {
    warnings.push(
      `${tribunalName} line ${u.line}: "${u.name}" is no LA the release names; its appeal rates were not stored.`,
    );
  }
  for (const m of tribunal.codeMismatches) {
    warnings.push(
      `${tribunalName} line ${m.line}: "${m.name}" is printed with LA code ${m.printed}; stored under LA ${m.laNumber}, the LA of that name in the release.`,
    );
  }
  const { part: _part, ...tribunalReport } = tribunal;
  void _part;
  return { release, parts, tribunal: tribunalReport, laNames, warnings };
}
