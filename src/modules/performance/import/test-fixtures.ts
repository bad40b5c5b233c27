import { strToU8, zipSync, type Zippable } from 'fflate';
import { EES_COMMON_COLUMNS, RELEASE_PARTS } from './ees-release.ts';

/**
 * A small "Education, health and care plans" release zip in the 2025 layout, for unit tests: the files
 * and columns of the real one, with England, the West Midlands and two LAs (Wolverhampton, and
 * Nottingham, whose code the tribunal table prints wrongly), plus a breakdown row that is not stored.
 * Figures are made up; tests of the real files are in test/integration.
 */

type Area = { level: string; region: [string, string]; la: [string, string, string] };
const ENGLAND: Area = { level: 'National', region: ['', ''], la: ['', '', ''] };
const WEST_MIDLANDS: Area = { level: 'Regional', region: ['E12000005', 'West Midlands'], la: ['', '', ''] };
const WOLVERHAMPTON: Area = {
  level: 'Local authority',
  region: ['E12000005', 'West Midlands'],
  la: ['E08000031', '336', 'Wolverhampton'],
};
const NOTTINGHAM: Area = {
  level: 'Local authority',
  region: ['E12000004', 'East Midlands'],
  la: ['E06000018', '892', 'Nottingham'],
};
export const FIXTURE_AREAS = [ENGLAND, WEST_MIDLANDS, WOLVERHAMPTON, NOTTINGHAM];

function measureColumns(part: (typeof RELEASE_PARTS)[number]): string[] {
  const columns = new Set<string>();
  for (const m of part.measures) {
    if ('column' in m) columns.add(m.column);
    else {
      columns.add(m.numerator);
      for (const d of typeof m.denominator === 'string' ? [m.denominator] : m.denominator) columns.add(d);
      columns.add(m.rate);
    }
  }
  return [...columns];
}

/** Every measure column of a row gets `value(column, areaIndex)`. */
export function releaseCsv(
  part: string,
  options: {
    value?: (column: string, area: number) => string;
    periods?: string[];
    dropColumn?: string;
    bom?: boolean;
  } = {},
): string {
  const spec = RELEASE_PARTS.find((p) => p.part === part);
  if (!spec) throw new Error(`no part ${part}`);
  const measures = measureColumns(spec).filter((c) => c !== options.dropColumn);
  const header = [...EES_COMMON_COLUMNS, 'breakdown_topic', 'breakdown', ...measures, 'other_column'];
  const periods =
    options.periods ?? (spec.periodKind === 'january' ? ['202324', '202425'] : ['2023', '2024']);
  const identifier = spec.periodKind === 'january' ? 'Academic year' : 'Calendar year';
  const value = options.value ?? ((column: string, area: number) => String(10 * (area + 1) + column.length));
  const lines = [header.join(',')];
  for (const period of periods) {
    FIXTURE_AREAS.forEach((a, i) => {
      const row = (topic: string, breakdown: string, values: string[]) =>
        [
          period,
          identifier,
          a.level,
          'E92000001',
          'England',
          ...a.region,
          ...a.la,
          topic,
          breakdown,
          ...values,
          '7',
        ]
          .map((f) => (f.includes(',') ? `"${f}"` : f))
          .join(',');
      lines.push(
        row(
          spec.allRows,
          spec.allRows,
          measures.map((c) => value(c, i)),
        ),
      );
      lines.push(
        row(
          'Sex',
          'Female',
          measures.map(() => '1'),
        ),
      );
    });
  }
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}

const YEARS = ['2023', '2024'];

/** The tribunal table in its published layout: title, years, column names, region headings, notes. */
export function tribunalCsv(
  rows: { name: string; code: string; cells: string[] }[] = defaultTribunalRows(),
  options: { inDevelopment?: boolean } = {},
): string {
  const inDevelopment = options.inDevelopment ?? true;
  const blank = (n: number) => Array.from({ length: n }, () => '');
  const width = 2 + YEARS.length * 3 + (inDevelopment ? 2 : 0);
  const line = (fields: string[]) =>
    [...fields, ...blank(width - fields.length)]
      .map((f) => (/[,"\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f))
      .join(',');
  return [
    line([
      'SEND Appeal rate table 1: Special Educational Needs - Appeal rate to the SEND Tribunal based on total appealable decisions1, by local authorities in England 2023-20242,3',
    ]),
    line([]),
    line(['Local Authority', 'LA code', ...YEARS.flatMap((y) => [y, '', ''])]),
    line([
      '',
      '',
      ...YEARS.flatMap(() => [
        'Appeals registered4',
        'Total Appealable Decisions1',
        'SEND Tribunal Appeal Rate2',
      ]),
      ...(inDevelopment
        ? ['In development: Total Appealable Decisions1,8', 'In development: SEND Tribunal Appeal Rate2']
        : []),
    ]),
    line(['WEST MIDLANDS']),
    ...rows.map((r) => line([r.name, r.code, ...r.cells.slice(0, width - 2)])),
    line([]),
    line(['Sources:', 'Appeals - HMCTS']),
    line(['1. Total Appealable Decisions is calculated\nfrom several figures']),
  ].join('\n');
}

export function defaultTribunalRows(): { name: string; code: string; cells: string[] }[] {
  return [
    {
      name: 'Wolverhampton',
      code: '336',
      cells: ['10', '2,000', '0.50%', '27', '3,257', '0.80%', '2,036', '1.30%'],
    },
    // The table prints Nottinghamshire's code for Nottingham.
    {
      name: 'Nottingham',
      code: '891',
      cells: [' - ', '1,500', '0.00%', '52', '2,102', '2.50%', '1,451', '3.60%'],
    },
    { name: 'Atlantis3', code: '999', cells: ['1', '10', '10.00%', '1', '10', '10.00%', '5', '20.00%'] },
    {
      name: 'England Total4,9',
      code: '',
      cells: ['15,615', '617,776', '2.50%', '22,276', '689,739', '3.20%', '364,912', '6.10%'],
    },
    {
      name: 'England total excluding suppressed',
      code: '',
      cells: ['', '', '', '22,082', '', '', '364,912', '5.70%'],
    },
  ];
}

export const GUIDANCE =
  'Education, health and care plans\nReporting year 2025\n\nDescription\n\nThis document describes the data.\n';

export const TRIBUNAL_PART = 'supporting-files/SEND Tribunals and appeal rate 2014-2024.csv';

/** The zip; `override` replaces (or with null, leaves out) files by name. */
export function releaseZip(override: Record<string, string | Uint8Array | null> = {}): Uint8Array {
  const files: Record<string, string | Uint8Array | null> = {
    'data-guidance/data-guidance.txt': GUIDANCE,
    [TRIBUNAL_PART]: `\uFEFF${tribunalCsv()}`,
    'data/assessments.csv': 'time_period\n2024\n',
    ...Object.fromEntries(RELEASE_PARTS.map((p) => [p.part, releaseCsv(p.part)])),
    ...override,
  };
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(zippable);
}
