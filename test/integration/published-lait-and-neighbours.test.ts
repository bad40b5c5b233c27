import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { isMeasureId } from '../../src/modules/performance/domain/catalogue.ts';
import {
  LAIT_MEASURES,
  LAIT_PART,
  parseLaitDataStore,
  type LaitParsedPart,
} from '../../src/modules/performance/import/lait.ts';
import {
  parseStatisticalNeighbours,
  type ParsedNeighbourList,
} from '../../src/modules/performance/import/neighbours.ts';
import { PublishedFileError } from '../../src/modules/performance/import/types.ts';
import { requireShared } from '../helpers/shared.ts';
import { freshDatabase } from '../helpers/test-app.ts';

/**
 * The LAIT data store and the statistical neighbour lists, parsed from the files as the DfE publishes
 * them (../shared/data/dfe) and checked against the same files read another way: the parquet through
 * hyparquet directly, the workbooks' sheet XML by hand. Then every parsed row is stored in the tables
 * of migration 0011, whose checks and keys it must pass.
 */
const shared = requireShared('the DfE LAIT data store and statistical neighbour lists');
const dfe = shared ? path.join(shared, 'data', 'dfe') : '';
const present = Boolean(shared) && existsSync(path.join(dfe, 'lait_bds_long_0.parquet'));

const LAIT_FILE = 'lait_bds_long_0.parquet';
const laitPath = () => path.join(dfe, LAIT_FILE);
const snPath = (name: string) => path.join(dfe, 'statistical-neighbours', name);

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * Wolverhampton's row of a neighbour workbook read straight from its XML (not through xlsx.ts): the
 * numbers in SN1 … SN10, found by the header row's labels, synchronously so that the test names can
 * say them.
 */
function neighboursFromSheetXml(file: string, laNumber: string): string[] {
  const parts = unzipSync(readFileSync(file));
  const xml = (name: string) => strFromU8(parts[name] ?? new Uint8Array());
  const strings = [...xml('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''),
  );
  const rows = [...xml('xl/worksheets/sheet1.xml').matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
    const cells = new Map<string, string>();
    for (const c of (row[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const v = /<v>([^<]*)<\/v>/.exec(c[3] ?? '')?.[1];
      if (v === undefined) continue;
      cells.set(c[1] as string, /t="s"/.test(c[2] ?? '') ? (strings[Number(v)] ?? '') : v);
    }
    return cells;
  });
  const header = rows.find((r) => [...r.values()].includes('SN1'));
  const row = rows.find((r) => r.get('A') === laNumber);
  if (!header || !row) return [];
  const column = (label: string) => [...header.entries()].find(([, v]) => v === label)?.[0] as string;
  return Array.from({ length: 10 }, (_, i) => row.get(column(`SN${i + 1}`)) ?? '');
}

const sn2021 = present ? neighboursFromSheetXml(snPath('sn_april_2021.xlsx'), '336') : [];
const sn2025 = present ? neighboursFromSheetXml(snPath('sn_may_2025.xlsx'), '336') : [];

describe.skipIf(!present)('the LAIT data store (lait_bds_long_0.parquet)', () => {
  let bytes: Uint8Array;
  let parsed: LaitParsedPart;
  const progress: [number, number][] = [];
  /** The rows of the measures read, straight from the parquet, with their row index. */
  let raw: {
    index: number;
    shortDesc: string;
    years: string;
    area: string;
    value: string;
    laNumber: number;
  }[];

  beforeAll(async () => {
    bytes = readFileSync(laitPath());
    const started = performance.now();
    parsed = await parseLaitDataStore(
      { name: LAIT_FILE, bytes },
      { onProgress: (done, total) => progress.push([done, total]) },
    );
    console.log(
      `LAIT: ${parsed.rowsRead} rows read, ${parsed.figures.length} figures in ${Math.round(performance.now() - started)} ms; ` +
        `unknown areas ${parsed.report.unknownAreas.length}; markers ${JSON.stringify(parsed.report.markers)}`,
    );
    const codes = new Set(LAIT_MEASURES.map((m) => m.shortDesc));
    const rows = await parquetReadObjects({
      file: arrayBuffer(bytes),
      columns: ['Short Desc', 'Years', 'LA and Regions', 'Values', 'LA Number'],
      compressors,
    });
    raw = rows.flatMap((r, index) =>
      codes.has(r['Short Desc'] as string)
        ? [
            {
              index,
              shortDesc: r['Short Desc'] as string,
              years: r.Years as string,
              area: r['LA and Regions'] as string,
              value: r.Values as string,
              laNumber: r['LA Number'] as number,
            },
          ]
        : [],
    );
  });

  const figure = (measureId: string, areaCode: string, period: string) =>
    parsed.figures.find((f) => f.measure === measureId && f.areaCode === areaCode && f.period === period);

  it('reads every row of the file and gives one figure for each row of a measure it maps', () => {
    expect(parsed.rowsRead).toBe(Number(parquetMetadata(arrayBuffer(bytes)).num_rows));
    // One fixed part whatever the file is called, so that a newer store replaces the one before it.
    expect(parsed).toMatchObject({ source: 'lait', part: LAIT_PART });
    expect(LAIT_PART).not.toBe(LAIT_FILE);
    expect(parsed.release).toMatch(/Local Authority Interactive Tool/);
    expect(parsed.figures).toHaveLength(raw.length);
    expect(parsed.report.rowsOfMeasures).toBe(raw.length);
    for (const m of LAIT_MEASURES) {
      expect(parsed.report.figuresByMeasure[m.measure], m.shortDesc).toBe(
        raw.filter((r) => r.shortDesc === m.shortDesc).length,
      );
    }
    expect(parsed.figures.every((f) => isMeasureId(f.measure))).toBe(true);
  });

  it("gives Wolverhampton's and England's % of pupils with an EHC plan for the latest January census, as the parquet has them", () => {
    const ehc = raw.filter((r) => r.shortDesc === 'SEN_TotStat');
    const latest = ehc
      .map((r) => r.years)
      .sort()
      .at(-1) as string;
    const rawOf = (laNumber: number) =>
      Number(ehc.find((r) => r.years === latest && r.laNumber === laNumber)?.value);
    expect(latest).toBe('2025');
    const wolverhampton = figure('pupils-with-ehc-plan', '336', `${latest}-01`);
    const england = figure('pupils-with-ehc-plan', 'E92000001', `${latest}-01`);
    expect(wolverhampton).toMatchObject({
      areaName: 'Wolverhampton',
      geographicLevel: 'local-authority',
      timePeriod: '2025',
    });
    expect(england).toMatchObject({ areaName: 'England', geographicLevel: 'national', gssCode: 'E92000001' });
    expect(wolverhampton?.value).toBe(rawOf(336));
    expect(england?.value).toBe(rawOf(970));
    // As "Special educational needs in England", January 2025, publishes them.
    expect([wolverhampton?.value, england?.value]).toEqual([4.8, 5.3]);
    expect([wolverhampton?.numerator, wolverhampton?.denominator]).toEqual([null, null]);
    expect(figure('pupils-on-sen-support', 'E92000001', '2025-01')?.value).toBe(14.2);
  });

  it('points each figure at its row of the parquet (row index + 1) and keeps what the row printed', () => {
    const byIndex = new Map(raw.map((r) => [r.index, r]));
    for (const f of parsed.figures) {
      const row = byIndex.get(f.sourceRow - 1);
      expect(row, `row ${f.sourceRow}`).toBeDefined();
      expect(f.timePeriod).toBe(row?.years);
      expect(f.areaName).toBe(row?.area);
      if (f.value !== null) expect(f.value).toBeCloseTo(Number(row?.value), 9);
    }
  });

  it('keeps markers as markers with no value, never as zero', () => {
    const printedMarkers = raw.filter((r) => !/^-?\d/.test(r.value.trim()));
    expect(printedMarkers.length).toBeGreaterThan(0);
    const marked = parsed.figures.filter((f) => f.marker !== null);
    expect(marked).toHaveLength(printedMarkers.length);
    expect(marked.every((f) => f.value === null)).toBe(true);
    expect(parsed.report.markers).toEqual({ '-': printedMarkers.length });
    const zeros = parsed.figures.filter((f) => f.value === 0).length;
    expect(zeros).toBe(raw.filter((r) => Number(r.value) === 0 && /^-?\d/.test(r.value)).length);
  });

  it('converts January census years to "YYYY-01" and calendar years to "YYYY", keeping the year as published', () => {
    for (const m of LAIT_MEASURES) {
      const periods = new Set(parsed.figures.filter((f) => f.measure === m.measure).map((f) => f.period));
      const pattern = m.periodKind === 'january' ? /^\d{4}-01$/ : /^\d{4}$/;
      expect(
        [...periods].every((p) => pattern.test(p)),
        m.measure,
      ).toBe(true);
    }
    expect(figure('active-plans', 'E92000001', '2019-01')).toMatchObject({
      value: 353995,
      timePeriod: '2019',
    });
    expect(figure('tribunal-appeal-rate', 'E92000001', '2024')).toMatchObject({
      value: 3.2,
      timeIdentifier: 'Calendar Year',
    });
    expect(figure('tribunal-appeal-rate', '336', '2023')?.value).toBe(0.7);
    expect(figure('plans-within-20-weeks', '336', '2021')?.value).toBe(32.9);
    expect(figure('plans-within-20-weeks-excluding-exceptions', '336', '2021')?.value).toBe(38.1);
    // SEN_NOT_ISSUE_PLAN_16WKS, as assessments.csv outcome_decision_within_time_pc (10 of 15; 1,661 of 4,587).
    expect(figure('no-plan-decisions-within-16-weeks', '336', '2023')).toMatchObject({
      value: 66.7,
      timeIdentifier: 'Calendar Year',
    });
    expect(figure('no-plan-decisions-within-16-weeks', 'E92000001', '2023')?.value).toBe(36.2);
    expect(figure('no-plan-decisions-within-16-weeks', 'E92000001', '2024')?.value).toBe(34.1);
    expect(parsed.report.unreadPeriods).toEqual([]);
  });

  it('files England, the nine regions and Inner and Outer London by GSS code, every LA by its number, and reports no unknown area', () => {
    const regional = new Set(
      parsed.figures.filter((f) => f.geographicLevel === 'regional').map((f) => f.areaCode),
    );
    expect([...regional].sort()).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `E1200000${i + 1}`),
      'E13000001',
      'E13000002',
    ]);
    const national = new Set(
      parsed.figures.filter((f) => f.geographicLevel === 'national').map((f) => f.areaCode),
    );
    expect([...national]).toEqual(['E92000001']);
    const las = parsed.figures.filter((f) => f.geographicLevel === 'local-authority');
    expect(las.every((f) => /^\d{3}$/.test(f.areaCode) && f.gssCode === null)).toBe(true);
    expect(new Set(las.map((f) => f.areaCode)).size).toBe(
      new Set(raw.filter((r) => r.laNumber < 970).map((r) => r.laNumber)).size,
    );
    expect(parsed.report.unknownAreas).toEqual([]);
  });

  it('reports progress row group by row group up to the whole file', () => {
    expect(progress[0]).toEqual([0, parsed.rowsRead]);
    expect(progress.at(-1)).toEqual([parsed.rowsRead, parsed.rowsRead]);
    expect(progress.every(([done], i) => i === 0 || done > (progress[i - 1]?.[0] ?? 0))).toBe(true);
  });

  it('refuses a file that is not a parquet, and a truncated one, with PublishedFileError', async () => {
    const csv = readFileSync(path.join(dfe, 'lait_data_dictionary.csv'));
    await expect(parseLaitDataStore({ name: 'lait_data_dictionary.csv', bytes: csv })).rejects.toThrow(
      PublishedFileError,
    );
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    await expect(parseLaitDataStore({ name: LAIT_FILE, bytes: half })).rejects.toThrow(/truncated/);
    // Cut in the middle but ending with the real footer: the footer reads, the data it points to is gone.
    const footerLength = new DataView(arrayBuffer(bytes)).getUint32(bytes.length - 8, true) + 8;
    const spliced = new Uint8Array([
      ...bytes.subarray(0, 100_000),
      ...bytes.subarray(bytes.length - footerLength),
    ]);
    await expect(parseLaitDataStore({ name: LAIT_FILE, bytes: spliced })).rejects.toThrow(
      /data ends early, so the file is truncated/,
    );
    const xlsx = readFileSync(snPath('sn_may_2025.xlsx'));
    await expect(parseLaitDataStore({ name: 'sn_may_2025.xlsx', bytes: xlsx })).rejects.toThrow(
      /not the LAIT data store/,
    );
  });
});

describe.skipIf(!present)('the statistical neighbour lists', () => {
  let april2021: ParsedNeighbourList;
  let may2025: ParsedNeighbourList;
  const neighboursOf = (list: ParsedNeighbourList, laNumber: string) =>
    list.neighbours.filter((n) => n.laNumber === laNumber).sort((a, b) => a.rank - b.rank);

  beforeAll(() => {
    const read = (name: string) => parseStatisticalNeighbours({ name, bytes: readFileSync(snPath(name)) });
    april2021 = read('sn_april_2021.xlsx');
    may2025 = read('sn_may_2025.xlsx');
  });

  it('dates the lists by their file names: April 2021 and May 2025', () => {
    expect([april2021.name, april2021.inForceFrom, may2025.name, may2025.inForceFrom]).toEqual([
      'April 2021',
      '2021-04-01',
      'May 2025',
      '2025-05-01',
    ]);
    expect([april2021.part, may2025.part]).toEqual(['LA SN Groups', 'LA SN Groups']);
    expect(april2021.release).not.toBe(may2025.release);
  });

  it(`April 2021: Wolverhampton (336) has 10 neighbours, ${sn2021.join(', ')}`, () => {
    const list = neighboursOf(april2021, '336');
    expect(list.map((n) => n.neighbourLaNumber)).toEqual(sn2021);
    expect(list.map((n) => n.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(list[0]).toMatchObject({
      laName: 'Wolverhampton',
      neighbourLaNumber: '333',
      neighbourName: 'Sandwell',
    });
  });

  it(`May 2025: Wolverhampton (336) has 10 neighbours, ${sn2025.join(', ')}`, () => {
    const list = neighboursOf(may2025, '336');
    expect(list.map((n) => n.neighbourLaNumber)).toEqual(sn2025);
    expect(list.map((n) => n.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('the 2021 and 2025 lists differ where they do', () => {
    const in2021 = new Set(neighboursOf(april2021, '336').map((n) => n.neighbourLaNumber));
    const in2025 = new Set(neighboursOf(may2025, '336').map((n) => n.neighbourLaNumber));
    expect([...in2021].filter((n) => !in2025.has(n))).toEqual(sn2021.filter((n) => !sn2025.includes(n)));
    expect([...in2025].filter((n) => !in2021.has(n))).toEqual(sn2025.filter((n) => !sn2021.includes(n)));
    // Nottingham, Birmingham, Southampton, Sheffield and Peterborough gave way to Hull, Rochdale,
    // Doncaster, Middlesbrough and North East Lincolnshire; Stoke-on-Trent moved from 10th to 2nd.
    expect([...in2021].filter((n) => !in2025.has(n)).sort()).toEqual(['330', '373', '852', '874', '892']);
    expect([...in2025].filter((n) => !in2021.has(n)).sort()).toEqual(['354', '371', '806', '810', '812']);
    const stoke = (list: ParsedNeighbourList) =>
      neighboursOf(list, '336').find((n) => n.neighbourLaNumber === '861')?.rank;
    expect([stoke(april2021), stoke(may2025)]).toEqual([10, 2]);
    const changed = new Set(
      may2025.neighbours
        .filter((n) => {
          const before = april2021.neighbours.find((o) => o.laNumber === n.laNumber && o.rank === n.rank);
          return before?.neighbourLaNumber !== n.neighbourLaNumber;
        })
        .map((n) => n.laNumber),
    );
    expect(changed.size).toBeGreaterThan(100);
  });

  it('gives every LA with neighbours 10 distinct ones, named, and reports the LAs a list has none for', () => {
    for (const list of [april2021, may2025]) {
      const byLa = Map.groupBy(list.neighbours, (n) => n.laNumber);
      expect(byLa.size).toBe(list.report.lasWithNeighbours);
      for (const [la, ns] of byLa) {
        expect(new Set(ns.map((n) => n.neighbourLaNumber)).size, la).toBe(10);
        expect(ns.every((n) => /^\d{3}$/.test(n.neighbourLaNumber) && n.neighbourName.length > 0)).toBe(true);
      }
    }
    expect(april2021.report.withoutNeighbours.map((l) => l.laName)).toEqual([
      'Cumberland',
      'Westmorland and Furness',
    ]);
    expect(may2025.report.withoutNeighbours).toEqual([]);
    expect(neighboursOf(may2025, '942')).toHaveLength(10);
    expect(may2025.report.formerLas.map((l) => l.laNumber)).toEqual(['835', '836', '837', '928', '909']);
  });

  it('refuses the parquet given as a neighbour list', () => {
    expect(() =>
      parseStatisticalNeighbours({ name: 'sn_may_2025.xlsx', bytes: readFileSync(laitPath()) }),
    ).toThrow(PublishedFileError);
  });
});

describe.skipIf(!present)('the parsed rows fit the published statistics tables (migration 0011)', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('stores every LAIT figure and both neighbour lists', async () => {
    const db = database.db;
    const lait = await parseLaitDataStore({ name: LAIT_FILE, bytes: readFileSync(laitPath()) });
    const file = await db
      .insertInto('published_statistics_files')
      .values({
        source: lait.source,
        release: lait.release,
        file_name: LAIT_FILE,
        part: lait.part,
        sha256: '0'.repeat(64),
        size_bytes: 0,
        rows_read: lait.rowsRead,
        figures_stored: lait.figures.length,
        imported_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < lait.figures.length; i += 2000) {
      await db
        .insertInto('published_figures')
        .values(
          lait.figures.slice(i, i + 2000).map((f) => ({
            file_id: file.id,
            source_row: f.sourceRow,
            measure: f.measure,
            period: f.period,
            time_period: f.timePeriod,
            time_identifier: f.timeIdentifier,
            geographic_level: f.geographicLevel,
            area_code: f.areaCode,
            gss_code: f.gssCode,
            area_name: f.areaName,
            breakdown: f.breakdown,
            numerator: f.numerator,
            denominator: f.denominator,
            value: f.value,
            marker: f.marker,
          })),
        )
        .execute();
    }
    const stored = await db
      .selectFrom('published_figures')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(lait.figures.length);
    const wolverhampton = await db
      .selectFrom('published_figures')
      .select(['value', 'marker'])
      .where('measure', '=', 'pupils-with-ehc-plan')
      .where('area_code', '=', '336')
      .where('period', '=', '2025-01')
      .executeTakeFirstOrThrow();
    expect(Number(wolverhampton.value)).toBe(4.8);

    for (const name of ['sn_april_2021.xlsx', 'sn_may_2025.xlsx']) {
      const list = parseStatisticalNeighbours({ name, bytes: readFileSync(snPath(name)) });
      const snFile = await db
        .insertInto('published_statistics_files')
        .values({
          source: 'statistical-neighbours',
          release: list.release,
          file_name: name,
          part: list.part,
          sha256: '0'.repeat(64),
          size_bytes: 0,
          rows_read: list.report.lasListed,
          figures_stored: list.neighbours.length,
          imported_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const stored = await db
        .insertInto('statistical_neighbour_lists')
        .values({ file_id: snFile.id, name: list.name, in_force_from: list.inForceFrom })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('statistical_neighbours')
        .values(
          list.neighbours.map((n) => ({
            list_id: stored.id,
            la_number: n.laNumber,
            la_name: n.laName,
            rank: n.rank,
            neighbour_la_number: n.neighbourLaNumber,
            neighbour_name: n.neighbourName,
          })),
        )
        .execute();
    }
    const neighbours = await db
      .selectFrom('statistical_neighbours')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(neighbours.n)).toBe(1560 + 1580);
  });
});
