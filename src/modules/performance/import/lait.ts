import { parquetMetadata, parquetRead, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { MeasureId, PeriodKind } from '../domain/catalogue.ts';
import { ENGLAND, isEnglandName, regionGssCode } from './region-codes.ts';
import { PublishedFileError, type GeographicLevel, type ParsedPart, type PublishedFigure } from './types.ts';

/**
 * The DfE Local Authority Interactive Tool (LAIT) data store in long form (`lait_bds_long_0.parquet`):
 * one row per measure ("Short Desc"), year, and LA, region or England, with the value as printed. The
 * store carries every LAIT measure; only those that are the same quantity as a measure of the catalogue
 * are read, each checked against the LAIT data dictionary and against the DfE release it comes from
 * (figures identical to the release's published rates and counts). The store has no numerators or
 * denominators: a rate stays the published percentage, a count the published count.
 */

export const LAIT_RELEASE = 'DfE Local Authority Interactive Tool data store';

/**
 * The part every import of the store replaces (with the source and release, the key of what a file stored):
 * one fixed name, not the file's, so that a newer store, or the same one under another name, replaces the
 * figures before it instead of being stored beside them. The file's own name is kept as its file_name.
 */
export const LAIT_PART = 'LAIT data store';

export const LAIT_COLUMNS = [
  'Short Desc',
  'Data item',
  'Years',
  'LA and Regions',
  'Values',
  'LA Number',
  'Region',
] as const;

/** The columns read; "Data item" (the long title) and "Region" (the LA's region name) are not needed. */
const READ_COLUMNS = ['Short Desc', 'Years', 'LA and Regions', 'Values', 'LA Number'] as const;

export type LaitMeasure = {
  /** The LAIT measure code ("Short Desc", the dictionary's Measure_short). */
  shortDesc: string;
  measure: MeasureId;
  /** How the store's "Years" is read: a January census ("2025" → "2025-01") or a calendar year. */
  periodKind: Extract<PeriodKind, 'january' | 'calendar-year'>;
  /** The dictionary's Year_Type for the measure, kept as the figure's time identifier. */
  timeIdentifier: string;
  /** Why this is the catalogue's measure: what it was checked against. */
  checkedAgainst: string;
};

/**
 * The LAIT measures that are catalogue measures. Left out: SEN_PLAN_ISSUED / SEN_PLAN_NOT_ISSUED /
 * SEN_ASSESSMENT, SEN_CASES_DUR_YEAR, SEN_TOT_CEASED_EHC_PLAN and the annual review volumes (no catalogue
 * measure).
 */
export const LAIT_MEASURES: readonly LaitMeasure[] = [
  {
    shortDesc: 'SEN_TotStat',
    measure: 'pupils-with-ehc-plan',
    periodKind: 'january',
    timeIdentifier: 'Academic Year',
    checkedAgainst:
      '"Special educational needs in England": England 5.3% in January 2025, 4.8% in January 2024 (Years 2025, 2024).',
  },
  {
    shortDesc: 'SEN_TotSENSuP',
    measure: 'pupils-on-sen-support',
    periodKind: 'january',
    timeIdentifier: 'Academic Year',
    checkedAgainst:
      '"Special educational needs in England": England 14.2% in January 2025, 13.6% in January 2024.',
  },
  {
    shortDesc: 'SEN_EHC_All_20wks',
    measure: 'plans-within-20-weeks',
    periodKind: 'calendar-year',
    timeIdentifier: 'Calendar Year',
    checkedAgainst:
      'timeliness_20_week.csv pc_plans_issued_within_20_weeks (2019–2024) and sen2_mi.csv inc_exc_20week_rate (2016–2018).',
  },
  {
    shortDesc: 'SEN_EHC_Excpt_20wks',
    measure: 'plans-within-20-weeks-excluding-exceptions',
    periodKind: 'calendar-year',
    timeIdentifier: 'Calendar Year',
    checkedAgainst:
      'timeliness_20_week.csv PC_plans_issued_20_weeks_ex (2019–2024) and sen2_mi.csv no_exc_20week_rate (2016–2018).',
  },
  {
    shortDesc: 'SEN_AppealableDec',
    measure: 'tribunal-appeal-rate',
    periodKind: 'calendar-year',
    timeIdentifier: 'Calendar Year',
    checkedAgainst:
      '"SEND Tribunals and appeal rate 2014-2024": appeals registered ÷ total appealable decisions (England 3.2% in 2024; not the "in development" 6.1%).',
  },
  {
    shortDesc: 'SEN_CASES_JAN',
    measure: 'active-plans',
    periodKind: 'january',
    timeIdentifier: 'Annual - January',
    checkedAgainst: 'caseload.csv ehcplans (England 353,995 in January 2019, 201819).',
  },
  {
    shortDesc: 'SEN_INIT_REQ',
    measure: 'requests-received',
    periodKind: 'calendar-year',
    timeIdentifier: 'Calendar Year',
    checkedAgainst: 'requests.csv requests_received_in_year (England 154,489 in 2024).',
  },
  {
    shortDesc: 'SEN_NOT_ISSUE_PLAN_16WKS',
    measure: 'no-plan-decisions-within-16-weeks',
    periodKind: 'calendar-year',
    timeIdentifier: 'Calendar Year',
    checkedAgainst:
      'assessments.csv outcome_decision_within_time_pc, a share of the decisions not to issue a plan (England 36.2% in 2023 and 34.1% in 2024; Wolverhampton 66.7% = 10 of 15 in 2023, 62.5% in 2024), although the dictionary words it as a share of all assessments.',
  },
  {
    shortDesc: 'SEN_PEC_OUTCOME_COM_4WKS',
    measure: 'annual-reviews-within-4-weeks',
    periodKind: 'calendar-year',
    timeIdentifier: 'Calendar Year',
    checkedAgainst: 'annual_reviews.csv pc_decsion_4weeks (England 44.4% in 2024).',
  },
];

/** An area the store names that is neither England, a region nor an LA with a three-digit number. */
export type LaitUnknownArea = { laNumber: string | null; name: string; rows: number };

export type LaitReport = {
  /** Rows of the store belonging to the measures read. */
  rowsOfMeasures: number;
  figuresByMeasure: Partial<Record<MeasureId, number>>;
  /** Marker → how many figures carry it ("-" is the store's only marker at the time of writing). */
  markers: Record<string, number>;
  /** Kept as figures under their own code, never dropped; listed so the import can say so. */
  unknownAreas: LaitUnknownArea[];
  /** Rows of a measure read whose "Years" is not a plain year: not stored (no period to give them). */
  unreadPeriods: { shortDesc: string; years: string; rows: number }[];
  /** The most recent year of each measure, as printed. */
  latestYears: Partial<Record<MeasureId, string>>;
};

export type LaitParsedPart = ParsedPart & { report: LaitReport };

const BY_SHORT_DESC = new Map(LAIT_MEASURES.map((m) => [m.shortDesc, m]));

export async function parseLaitDataStore(
  file: { name: string; bytes: Uint8Array },
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<LaitParsedPart> {
  const buffer = asArrayBuffer(file.bytes);
  const metadata = readMetadata(file.name, buffer);
  const total = Number(metadata.num_rows);

  const figures: PublishedFigure[] = [];
  const unknown = new Map<string, LaitUnknownArea>();
  const unreadPeriods = new Map<string, { shortDesc: string; years: string; rows: number }>();
  const markers: Record<string, number> = {};
  const figuresByMeasure: Partial<Record<MeasureId, number>> = {};
  const latestYears: Partial<Record<MeasureId, string>> = {};
  let rowsOfMeasures = 0;

  options.onProgress?.(0, total);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    const rows = await readRows(file.name, buffer, metadata, groupStart, groupStart + groupRows);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as unknown[];
      const lait = BY_SHORT_DESC.get(row[0] as string);
      if (!lait) continue;
      rowsOfMeasures++;
      const rowIndex = groupStart + i;
      const years = text(row[1]);
      if (!/^\d{4}$/.test(years)) {
        const key = `${lait.shortDesc}\u0000${years}`;
        const seen = unreadPeriods.get(key) ?? { shortDesc: lait.shortDesc, years, rows: 0 };
        seen.rows++;
        unreadPeriods.set(key, seen);
        continue;
      }
      const area = classifyArea(text(row[2]), row[4]);
      if (area.unknown) {
        const key = `${area.areaCode}\u0000${area.areaName}`;
        const seen = unknown.get(key) ?? { laNumber: area.laNumber, name: area.areaName, rows: 0 };
        seen.rows++;
        unknown.set(key, seen);
      }
      const { value, marker } = parseValue(row[3]);
      if (marker !== null) markers[marker] = (markers[marker] ?? 0) + 1;
      figuresByMeasure[lait.measure] = (figuresByMeasure[lait.measure] ?? 0) + 1;
      if (years > (latestYears[lait.measure] ?? '')) latestYears[lait.measure] = years;
      figures.push({
        sourceRow: rowIndex + 1,
        measure: lait.measure,
        period: lait.periodKind === 'january' ? `${years}-01` : years,
        timePeriod: years,
        timeIdentifier: lait.timeIdentifier,
        geographicLevel: area.geographicLevel,
        areaCode: area.areaCode,
        gssCode: area.gssCode,
        areaName: area.areaName,
        breakdown: 'Total',
        numerator: null,
        denominator: null,
        value,
        marker,
      });
    }
    groupStart += groupRows;
    options.onProgress?.(groupStart, total);
  }

  return {
    source: 'lait',
    release: LAIT_RELEASE,
    part: LAIT_PART,
    rowsRead: total,
    figures,
    report: {
      rowsOfMeasures,
      figuresByMeasure,
      markers,
      unknownAreas: [...unknown.values()],
      unreadPeriods: [...unreadPeriods.values()],
      latestYears,
    },
  };
}

function expectedText(fileName: string): string {
  return `${fileName} is not the LAIT data store: expected the DfE Local Authority Interactive Tool long-form data store (lait_bds_long_*.parquet), a Parquet file with the columns ${LAIT_COLUMNS.join(', ')}`;
}

/** The bytes as an ArrayBuffer of their own: a Node Buffer can be a view of a larger (pooled) one. */
function asArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  if (buffer instanceof ArrayBuffer) {
    return byteOffset === 0 && byteLength === buffer.byteLength
      ? buffer
      : buffer.slice(byteOffset, byteOffset + byteLength);
  }
  return new Uint8Array(bytes).buffer;
}

function readMetadata(fileName: string, buffer: ArrayBuffer): FileMetaData {
  const head = new Uint8Array(buffer, 0, Math.min(4, buffer.byteLength));
  if (String.fromCharCode(...head) !== 'PAR1') {
    throw new PublishedFileError(`${expectedText(fileName)}; it does not start as a Parquet file does.`);
  }
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (error) {
    throw new PublishedFileError(
      `${expectedText(fileName)}; its Parquet footer cannot be read (${(error as Error).message}), so the file may be truncated.`,
    );
  }
  const present = new Set(metadata.schema.slice(1).map((s) => s.name));
  const missing = READ_COLUMNS.filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new PublishedFileError(`${expectedText(fileName)}; it has no column ${missing.join(', ')}.`);
  }
  // Every column chunk must lie inside the file: a cut-off file can keep a copied footer.
  for (const group of metadata.row_groups) {
    for (const column of group.columns) {
      const meta = column.meta_data;
      if (!meta) continue;
      const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
      if (start + Number(meta.total_compressed_size) > buffer.byteLength) {
        throw new PublishedFileError(
          `${expectedText(fileName)}; its data ends early, so the file is truncated.`,
        );
      }
    }
  }
  return metadata;
}

async function readRows(
  fileName: string,
  buffer: ArrayBuffer,
  metadata: FileMetaData,
  rowStart: number,
  rowEnd: number,
): Promise<unknown[][]> {
  let rows: unknown[][] = [];
  try {
    await parquetRead({
      file: buffer,
      metadata,
      columns: [...READ_COLUMNS],
      rowStart,
      rowEnd,
      compressors,
      onComplete: (result) => {
        rows = result;
      },
    });
  } catch (error) {
    throw new PublishedFileError(
      `${expectedText(fileName)}; rows ${rowStart + 1}–${rowEnd} cannot be read (${(error as Error).message}).`,
    );
  }
  return rows;
}

function text(cell: unknown): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

type Area = {
  geographicLevel: GeographicLevel;
  areaCode: string;
  gssCode: string | null;
  areaName: string;
  laNumber: string | null;
  unknown: boolean;
};

/** LAIT's own numbers for England (970) and the regions (980–990) are not GSS codes: go by name. */
const LAIT_AGGREGATE_FROM = 970;

export function classifyArea(name: string, laNumberCell: unknown): Area {
  const laNumber = laNumberText(laNumberCell);
  if (isEnglandName(name) || laNumber === String(LAIT_AGGREGATE_FROM)) {
    return {
      geographicLevel: 'national',
      areaCode: ENGLAND.gssCode,
      gssCode: ENGLAND.gssCode,
      areaName: name || ENGLAND.name,
      laNumber,
      unknown: false,
    };
  }
  const region = regionGssCode(name);
  if (region) {
    return {
      geographicLevel: 'regional',
      areaCode: region,
      gssCode: region,
      areaName: name,
      laNumber,
      unknown: false,
    };
  }
  if (laNumber && /^[1-9]\d{2}$/.test(laNumber) && Number(laNumber) < LAIT_AGGREGATE_FROM) {
    return {
      geographicLevel: 'local-authority',
      areaCode: laNumber,
      gssCode: null,
      areaName: name || laNumber,
      laNumber,
      unknown: false,
    };
  }
  // Kept under what the store printed, so that nothing is lost; the import reports it.
  const aggregate = laNumber !== null && Number(laNumber) >= LAIT_AGGREGATE_FROM;
  return {
    geographicLevel: aggregate ? 'regional' : 'local-authority',
    areaCode: (laNumber ?? name).slice(0, 20) || 'unknown',
    gssCode: null,
    areaName: name || laNumber || 'unknown',
    laNumber,
    unknown: true,
  };
}

/** As printed: the store keeps LA numbers as doubles (336), which are not padded (no LA number is below 201). */
function laNumberText(cell: unknown): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  const s = String(cell).trim();
  if (s === '') return null;
  return /^\d+\.0+$/.test(s) ? String(Number(s)) : s;
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?%?$/i;
const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?%?$/;

/**
 * A printed value: a number, or the marker printed instead (x, c, z, .., -, *, low, NA, NaN, or '' for
 * an empty cell), never zero. The store prints some values with 17 significant digits ("0.70000000000000007":
 * binary noise of a ×100); they are read to 15 significant digits, which no published figure exceeds.
 */
export function parseValue(cell: unknown): { value: number | null; marker: string | null } {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? { value: clean(cell), marker: null } : { value: null, marker: 'NaN' };
  }
  const raw = text(cell);
  // A thousands separator or a per cent sign is typography, not part of the number.
  if (NUMBER.test(raw) || GROUPED_NUMBER.test(raw)) {
    return { value: clean(Number(raw.replace(/[,%]/g, ''))), marker: null };
  }
  return { value: null, marker: raw.slice(0, 20) };
}

function clean(n: number): number {
  return n === 0 ? 0 : Number(n.toPrecision(15));
}
