import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { parseCsv } from '../../lib/csv.ts';
import type {
  GeographicLevel,
  NeighbourList,
  PublishedFigure,
  PublishedSource,
} from '../../modules/performance/import/types.ts';
import {
  createPublishedStatisticsRepository,
  type PublishedFileRow,
} from '../../modules/performance/published/repository.ts';
import type { Database } from '../types.ts';

/**
 * The demo's published statistics (issue 6, ADR 18): a compact extract of the official figures for the
 * demo area, its statistical neighbours (every list), its region and England, made from the official
 * files by `npm run statistics:extract` and committed beside this file, so that a fresh `npm start`
 * shows the area against England without any download. Each figure keeps where it came from: source,
 * release, file, part and row, with the file's checksum. The files rows are marked is_demo.
 *
 * The extract is a CSV after a few "#" lines (source and licence). Every row has a kind and a file_ref:
 *   file       one imported part (file_ref numbers it): source, release, file_name, part, sha256,
 *              size_bytes, rows_read
 *   figure     one figure of the part its file_ref names, with the part and row it came from
 *   neighbour  one of the demo area's statistical neighbours in a list (list_name, in_force_from, rank)
 * The release is written once, on its file row, to keep the extract small. An empty cell is no value;
 * a marker printed as an empty cell is written "empty".
 */

export const EXTRACT_PATH = new URL('./published-statistics-extract.csv', import.meta.url);

export const EXTRACT_COLUMNS = [
  'kind',
  'file_ref',
  'source',
  'release',
  'file_name',
  'part',
  'sha256',
  'size_bytes',
  'rows_read',
  'source_row',
  'measure',
  'period',
  'time_period',
  'time_identifier',
  'geographic_level',
  'area_code',
  'gss_code',
  'area_name',
  'breakdown',
  'numerator',
  'denominator',
  'value',
  'marker',
  'list_name',
  'in_force_from',
  'rank',
  'neighbour_la_number',
  'neighbour_name',
] as const;

type Column = (typeof EXTRACT_COLUMNS)[number];
export type ExtractRow = Partial<Record<Column, string | number | null>>;

export const EMPTY_MARKER = 'empty';

export const EXTRACT_ATTRIBUTION = [
  'Published SEND statistics for the demo area, its statistical neighbours, its region and England, extracted by `npm run statistics:extract` from the official files, unchanged.',
  'Sources: Department for Education, "Education, health and care plans" (explore-education-statistics, reporting year 2025, and sen2_mi.csv 2014-2022); Ministry of Justice / HMCTS with the DfE, "SEND Tribunals and appeal rate 2014-2024"; DfE Local Authority Interactive Tool data store; DfE children\'s services statistical neighbour lists.',
  'Contains public sector information licensed under the Open Government Licence v3.0: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
];

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The extract as text: the attribution lines, the header, then the rows as given. */
export function formatExtract(rows: readonly ExtractRow[]): string {
  const lines = [
    ...EXTRACT_ATTRIBUTION.map((l) => `# ${l}`),
    EXTRACT_COLUMNS.join(','),
    ...rows.map((r) => EXTRACT_COLUMNS.map((c) => field(r[c])).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}

export type PublishedStatisticsExtract = {
  files: Omit<PublishedFileRow, 'id' | 'figuresStored' | 'importedAt' | 'isDemo'>[];
  figures: Map<string, PublishedFigure[]>;
  neighbourLists: NeighbourList[];
};

const partKey = (source: string, release: string, part: string) => `${source}\u0000${release}\u0000${part}`;

/** Reads the extract's text back into files, figures by part and neighbour lists. */
export function parseExtract(text: string): PublishedStatisticsExtract {
  const body = text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
  const [header, ...rows] = parseCsv(body);
  if (!header || header.join(',') !== EXTRACT_COLUMNS.join(',')) {
    throw new Error(
      `The published statistics extract does not have the columns ${EXTRACT_COLUMNS.join(', ')}`,
    );
  }
  const files: PublishedStatisticsExtract['files'] = [];
  const byRef = new Map<string, PublishedStatisticsExtract['files'][number]>();
  const figures = new Map<string, PublishedFigure[]>();
  const lists = new Map<string, NeighbourList>();
  const number = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
  for (const cells of rows) {
    const r = Object.fromEntries(EXTRACT_COLUMNS.map((c, i) => [c, cells[i] ?? ''])) as Record<
      Column,
      string
    >;
    if (r.kind === 'file') {
      const file = {
        source: r.source as PublishedSource,
        release: r.release,
        fileName: r.file_name,
        part: r.part,
        sha256: r.sha256,
        sizeBytes: Number(r.size_bytes),
        rowsRead: Number(r.rows_read),
      };
      files.push(file);
      byRef.set(r.file_ref, file);
      continue;
    }
    const file = byRef.get(r.file_ref);
    if (!file)
      throw new Error(
        `The published statistics extract has a ${r.kind} row of file_ref "${r.file_ref}", no file row`,
      );
    const key = partKey(file.source, file.release, file.part);
    if (r.kind === 'figure') {
      const list = figures.get(key) ?? [];
      list.push({
        sourceRow: Number(r.source_row),
        measure: r.measure,
        period: r.period,
        timePeriod: r.time_period,
        timeIdentifier: r.time_identifier,
        geographicLevel: r.geographic_level as GeographicLevel,
        areaCode: r.area_code,
        gssCode: r.gss_code === '' ? null : r.gss_code,
        areaName: r.area_name,
        breakdown: r.breakdown,
        numerator: number(r.numerator),
        denominator: number(r.denominator),
        value: number(r.value),
        marker: r.marker === '' ? null : r.marker === EMPTY_MARKER ? '' : r.marker,
      });
      figures.set(key, list);
    } else if (r.kind === 'neighbour') {
      const list = lists.get(key) ?? {
        name: r.list_name,
        inForceFrom: r.in_force_from,
        release: file.release,
        part: file.part,
        neighbours: [],
      };
      list.neighbours.push({
        laNumber: r.area_code,
        laName: r.area_name,
        rank: Number(r.rank),
        neighbourLaNumber: r.neighbour_la_number,
        neighbourName: r.neighbour_name,
      });
      lists.set(key, list);
    } else {
      throw new Error(`The published statistics extract has a row of unknown kind "${r.kind}"`);
    }
  }
  return { files, figures, neighbourLists: [...lists.values()] };
}

export type PublishedStatisticsSeedResult = {
  seeded: boolean;
  parts: number;
  figures: number;
  neighbourLists: number;
};

/**
 * Loads the extract, once: only into a database with no published statistics at all, so a real import
 * is never mixed with or overwritten by the demo's. A later import of the same part replaces the demo's.
 */
export async function seedPublishedStatistics(
  db: Kysely<Database>,
  options: { now?: Date; extract?: string } = {},
): Promise<PublishedStatisticsSeedResult> {
  const none = { seeded: false, parts: 0, figures: 0, neighbourLists: 0 };
  const existing = await db.selectFrom('published_statistics_files').select('id').limit(1).executeTakeFirst();
  if (existing) return none;
  const extract = parseExtract(options.extract ?? readFileSync(EXTRACT_PATH, 'utf8'));
  const importedAt = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const repo = createPublishedStatisticsRepository(trx);
    let figures = 0;
    let neighbourLists = 0;
    for (const file of extract.files) {
      const meta = { ...file, importedAt, isDemo: true, importedBy: 'demo seed' };
      if (file.source === 'statistical-neighbours') {
        const list = extract.neighbourLists.find((l) => l.release === file.release && l.part === file.part);
        if (!list) continue;
        await repo.replaceNeighbourList(meta, list);
        neighbourLists += 1;
      } else {
        const partFigures = extract.figures.get(partKey(file.source, file.release, file.part)) ?? [];
        await repo.replacePart(meta, partFigures);
        figures += partFigures.length;
      }
    }
    return { seeded: true, parts: extract.files.length, figures, neighbourLists };
  });
}
