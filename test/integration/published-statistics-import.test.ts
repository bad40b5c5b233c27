import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { createRepositories, createTransactor, type Transactor } from '../../src/db/repositories.ts';
import { seedDemoArea } from '../../src/db/seed/demo.ts';
import {
  EXTRACT_PATH,
  parseExtract,
  seedPublishedStatistics,
} from '../../src/db/seed/published-statistics.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { importPublishedFile, type ImportResult } from '../../src/modules/performance/import/importer.ts';
import { PublishedFileError } from '../../src/modules/performance/import/types.ts';
import { DEMO_PASSWORD, freshDatabase } from '../helpers/test-app.ts';
import { requireShared } from '../helpers/shared.ts';

/**
 * Every official file in ../shared/data/dfe imported through the importer on the engine under test: the
 * figures checked against the raw lines of the files, a second import changing nothing, refused files
 * storing nothing, and the committed demo extract equal to what the importer gives from the files.
 */
const shared = requireShared('the DfE published statistics (data/dfe) for the statistics import tests');
const dfe =
  shared && existsSync(path.join(shared, 'data', 'dfe')) ? path.join(shared, 'data', 'dfe') : undefined;
if (shared && !dfe) console.warn(`SKIPPING the statistics import tests: no data/dfe in ${shared}`);

const RELEASE_ZIP = 'education-health-and-care-plans_2025.zip';
const SEN2_MI = 'sen2_mi_2014-2022.csv';

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** A raw line of a CSV inside the release zip, with its line number (header line 1) and its cells by column. */
function rawLine(zipEntry: string, match: (cells: Record<string, string>) => boolean) {
  const zip = unzipSync(new Uint8Array(readFileSync(path.join(dfe as string, RELEASE_ZIP))), {
    filter: (f) => f.name === zipEntry,
  });
  const lines = strFromU8(zip[zipEntry] as Uint8Array)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const header = (lines[0] as string).split(',');
  for (let i = 1; i < lines.length; i += 1) {
    const cells = Object.fromEntries((lines[i] as string).split(',').map((v, k) => [header[k] as string, v]));
    if (match(cells)) return { line: i + 1, cells };
  }
  throw new Error(`no such line in ${zipEntry}`);
}

async function snapshot(database: DatabaseHandle) {
  const { rows } = await sql<{
    files: string;
    figures: string;
    neighbours: string;
    checksum: string;
    lists: string;
  }>`
    select
      (select count(*) from published_statistics_files) as files,
      (select count(*) from published_figures) as figures,
      (select count(*) from statistical_neighbours) as neighbours,
      (select md5(coalesce(string_agg(concat_ws('|', l.name, l.in_force_from, f.release, n.la_number, n.la_name, n.rank,
          n.neighbour_la_number, n.neighbour_name), ';' order by l.in_force_from, n.la_number, n.rank), ''))
        from statistical_neighbours n join statistical_neighbour_lists l on l.id = n.list_id
        join published_statistics_files f on f.id = l.file_id) as lists,
      (select md5(coalesce(string_agg(concat_ws('|', f.source, f.release, f.part, f.file_name, f.sha256, f.size_bytes,
          f.rows_read, f.figures_stored, g.source_row, g.measure, g.period, g.time_period, g.time_identifier,
          g.geographic_level, g.area_code, coalesce(g.gss_code, '(null)'), g.area_name, g.breakdown,
          coalesce(g.numerator::text, '(null)'), coalesce(g.denominator::text, '(null)'), coalesce(g.value::text, '(null)'),
          coalesce(g.marker, '(null)')), ';' order by f.source, f.release, f.part, g.measure, g.area_code, g.period, g.breakdown), ''))
        from published_figures g join published_statistics_files f on f.id = g.file_id) as checksum
  `.execute(database.db);
  return rows[0];
}

describe.skipIf(!dfe)('importing the official published statistics', () => {
  const dir = dfe as string;
  let database: DatabaseHandle;
  let transaction: Transactor;
  const clock = fixedClock('2026-01-05T10:00:00Z');
  const results = new Map<string, ImportResult>();
  let dictionaryRefusal: unknown;

  const importAll = async () => {
    for (const file of filesIn(dir)) {
      if (/dictionary/i.test(file)) {
        dictionaryRefusal = await importPublishedFile(file, { transaction, clock }).catch((e: unknown) => e);
        continue;
      }
      results.set(path.basename(file), await importPublishedFile(file, { transaction, clock }));
    }
  };

  beforeAll(async () => {
    database = await freshDatabase();
    transaction = createTransactor(database.db);
    await importAll();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('imports every file, telling each kind from its content, and refuses the LAIT dictionary', () => {
    expect([...results.values()].map((r) => [r.fileName, r.kind])).toEqual([
      [RELEASE_ZIP, 'ehc-plans-release'],
      ['lait_bds_long_0.parquet', 'lait'],
      [SEN2_MI, 'sen2-mi'],
      ['sn_april_2021.xlsx', 'statistical-neighbours'],
      ['sn_may_2025.xlsx', 'statistical-neighbours'],
    ]);
    expect(dictionaryRefusal).toBeInstanceOf(PublishedFileError);
    expect((dictionaryRefusal as Error).message).toMatch(
      /LAIT data dictionary .* import the LAIT data store/,
    );
    const release = results.get(RELEASE_ZIP) as ImportResult;
    expect(release.parts.map((p) => p.part)).toEqual([
      'data/caseload.csv',
      'data/newplans.csv',
      'data/requests.csv',
      'data/assessments.csv',
      'data/timeliness_20_week.csv',
      'data/annual_reviews.csv',
      'supporting-files/SEND Tribunals and appeal rate 2014-2024.csv',
    ]);
    // Every tribunal row names an LA of the release.
    expect(release.warnings.filter((w) => w.includes('is no LA the release names'))).toEqual([]);
  });

  it('keeps each file with its checksum, size and rows read', async () => {
    const files = await createRepositories(database.db).publishedStatistics.files();
    const timeliness = files.find((f) => f.part === 'data/timeliness_20_week.csv');
    const bytes = readFileSync(path.join(dir, RELEASE_ZIP));
    const { createHash } = await import('node:crypto');
    expect(timeliness).toMatchObject({
      source: 'ehc-plans-release',
      release: 'Education, health and care plans, reporting year 2025',
      fileName: RELEASE_ZIP,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sizeBytes: bytes.length,
      isDemo: false,
      importedAt: clock.now(),
    });
  });

  it('stores plans within 20 weeks for Wolverhampton and England in 2024 as the raw lines give them', async () => {
    const la = rawLine(
      'data/timeliness_20_week.csv',
      (c) =>
        c.time_period === '2024' && c.old_la_code === '336' && c.breakdown_topic === 'All EHC plans issued',
    );
    const england = rawLine(
      'data/timeliness_20_week.csv',
      (c) =>
        c.time_period === '2024' &&
        c.geographic_level === 'National' &&
        c.breakdown_topic === 'All EHC plans issued',
    );
    const figures = await createRepositories(database.db).publishedStatistics.figures({
      measures: ['plans-within-20-weeks', 'plans-within-20-weeks-excluding-exceptions'],
      areaCodes: ['336', 'E92000001'],
    });
    const of = (measure: string, area: string) =>
      figures.find(
        (f) =>
          f.measure === measure &&
          f.areaCode === area &&
          f.period === '2024' &&
          f.source === 'ehc-plans-release',
      );
    for (const [area, raw] of [
      ['336', la],
      ['E92000001', england],
    ] as const) {
      expect(of('plans-within-20-weeks', area)).toMatchObject({
        sourceRow: raw.line,
        part: 'data/timeliness_20_week.csv',
        numerator: Number(raw.cells.plans_issued_within_20_weeks),
        denominator: Number(raw.cells.plans_issued_den),
        value: Number(raw.cells.pc_plans_issued_within_20_weeks),
        marker: null,
        timePeriod: '2024',
        timeIdentifier: 'Calendar year',
      });
      expect(of('plans-within-20-weeks-excluding-exceptions', area)).toMatchObject({
        sourceRow: raw.line,
        numerator: Number(raw.cells.plans_issued_20_weeks_ex),
        denominator: Number(raw.cells.plans_issued_den_ex),
        value: Number(raw.cells.PC_plans_issued_20_weeks_ex),
      });
    }
    expect(of('plans-within-20-weeks', '336')).toMatchObject({
      gssCode: la.cells.new_la_code,
      areaName: 'Wolverhampton',
    });
  });

  it('stores the plans maintained in January 2025, and requests, refusals and decisions within 6 weeks in 2024', async () => {
    const caseload = rawLine(
      'data/caseload.csv',
      (c) => c.time_period === '202425' && c.old_la_code === '336' && c.breakdown_topic === 'All EHC plans',
    );
    const requests = rawLine(
      'data/requests.csv',
      (c) =>
        c.time_period === '2024' &&
        c.old_la_code === '336' &&
        c.breakdown_topic === 'All requests for EHC needs assessments',
    );
    const figures = await createRepositories(database.db).publishedStatistics.figures({
      measures: ['active-plans', 'requests-received', 'requests-refused', 'decisions-within-6-weeks'],
      areaCodes: ['336'],
      geographicLevels: ['local-authority'],
    });
    const of = (measure: string, period: string) =>
      figures.find((f) => f.measure === measure && f.period === period && f.source === 'ehc-plans-release');
    expect(of('active-plans', '2025-01')).toMatchObject({
      value: Number(caseload.cells.ehcplans),
      sourceRow: caseload.line,
      timePeriod: '202425',
    });
    expect(of('requests-received', '2024')).toMatchObject({
      value: Number(requests.cells.requests_received_in_year),
    });
    expect(of('requests-refused', '2024')).toMatchObject({
      numerator: Number(requests.cells.requests_decided_not_to_assess),
      denominator: Number(requests.cells.requests_received_in_year),
    });
    expect(of('decisions-within-6-weeks', '2024')).toMatchObject({
      numerator: Number(requests.cells.request_outcome_six_weeks),
      denominator:
        Number(requests.cells.request_outcome_six_weeks) +
        Number(requests.cells.request_outcome_over_6_weeks),
      value: Number(requests.cells.request_outcome_six_weeks_pc),
    });
  });

  it('stores the no-plan decisions within 16 weeks from assessments.csv, and the LAIT figure beside it', async () => {
    const raw = (geographicLevel: string, laCode: string) =>
      rawLine(
        'data/assessments.csv',
        (c) =>
          c.time_period === '2023' &&
          c.geographic_level === geographicLevel &&
          c.old_la_code === laCode &&
          c.breakdown_topic === 'All EHC needs assessments' &&
          c.breakdown === 'All EHC needs assessments',
      );
    const la = raw('Local authority', '336');
    const england = raw('National', '');
    const figures = await createRepositories(database.db).publishedStatistics.figures({
      measures: ['no-plan-decisions-within-16-weeks'],
      areaCodes: ['336', 'E92000001'],
    });
    const of = (source: string, area: string, period: string) =>
      figures.find((f) => f.source === source && f.areaCode === area && f.period === period);
    for (const [area, line] of [
      ['336', la],
      ['E92000001', england],
    ] as const) {
      const within = Number(line.cells.outcome_decision_within_time);
      const over = Number(line.cells.outcome_decision_over_time);
      expect(of('ehc-plans-release', area, '2023')).toMatchObject({
        part: 'data/assessments.csv',
        sourceRow: line.line,
        breakdown: 'Total',
        numerator: within,
        denominator: within + over,
        value: Number(line.cells.outcome_decision_within_time_pc),
        marker: null,
      });
      // The published percentage is within ÷ (within + over), as the data guidance defines it.
      expect(Math.round((1000 * within) / (within + over)) / 10).toBe(
        Number(line.cells.outcome_decision_within_time_pc),
      );
      // LAIT's SEN_NOT_ISSUE_PLAN_16WKS is the same percentage.
      expect(of('lait', area, '2023')?.value).toBe(Number(line.cells.outcome_decision_within_time_pc));
    }
    // Wolverhampton 2023 and England 2023 as published: 10 of 15, 66.7%; 1,661 of 4,587, 36.2%.
    expect([la.cells.outcome_decision_within_time, la.cells.outcome_decision_over_time]).toEqual(['10', '5']);
    expect(england.cells.outcome_decision_within_time_pc).toBe('36.2');
    // Before 2023 the release prints x: a marker, never 0.
    expect(of('ehc-plans-release', '336', '2022')).toMatchObject({ value: null, marker: 'x' });
  });

  it('joins the tribunal table on LA names: Nottingham and Nottinghamshire under their own numbers', async () => {
    const zip = unzipSync(new Uint8Array(readFileSync(path.join(dir, RELEASE_ZIP))), {
      filter: (f) => f.name.startsWith('supporting-files/SEND Tribunals'),
    });
    const table = parseCsv(strFromU8(Object.values(zip)[0] as Uint8Array));
    const row = (name: string) => table.find((r) => r[0] === name) as string[];
    const count = (s: string) => Number(s.replace(/,/g, ''));
    const figures = await createRepositories(database.db).publishedStatistics.figures({
      measures: ['tribunal-appeal-rate'],
      areaCodes: ['892', '891'],
    });
    const of = (area: string) =>
      figures.find(
        (f) =>
          f.areaCode === area &&
          f.period === '2024' &&
          f.breakdown === 'Total' &&
          f.source === 'send-tribunal-appeal-rate',
      );
    // 2024 is the eleventh year: columns 2 + 10 × 3 = 32 (appeals), 33 (decisions), 34 (rate).
    expect(row('Nottingham')[1]).toBe('891');
    expect(of('892')).toMatchObject({
      areaName: 'Nottingham',
      numerator: count(row('Nottingham')[32] as string),
      denominator: count(row('Nottingham')[33] as string),
    });
    expect(of('891')).toMatchObject({
      areaName: 'Nottinghamshire',
      numerator: count(row('Nottinghamshire')[32] as string),
      denominator: count(row('Nottinghamshire')[33] as string),
    });
  });

  it('stores sen2_mi.csv for 2014–2022 and parses its markers, never as zero', async () => {
    const lines = readFileSync(path.join(dir, SEN2_MI), 'utf8').split(/\r?\n/);
    const header = (lines[0] as string).split(',').map((h) => h.replace(/"/g, ''));
    const index = lines.findIndex((l) => l.startsWith('2018,') && l.includes(',E08000031,336,'));
    const cells = Object.fromEntries(
      (lines[index] as string).split(',').map((v, k) => [header[k], v.replace(/"/g, '').trim()]),
    );
    const figures = await createRepositories(database.db).publishedStatistics.figures({
      measures: ['plans-within-20-weeks', 'requests-received'],
      areaCodes: ['336'],
    });
    const sen2 = figures.filter((f) => f.source === 'sen2-mi');
    expect(sen2.find((f) => f.measure === 'plans-within-20-weeks' && f.period === '2018')).toMatchObject({
      sourceRow: index + 1,
      numerator: Number(cells.inc_exc_20week_ehc),
      denominator: Number(cells.tot_inc_exc_ehc),
    });
    // Initial requests were not collected in 2014 ("z"): no value, the marker kept.
    expect(sen2.find((f) => f.measure === 'requests-received' && f.period === '2014')).toMatchObject({
      value: null,
      marker: 'z',
    });
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from published_figures where marker is not null and (value = 0 and numerator is null and denominator is null)`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe('0');
  });

  it('imports again without changing anything', async () => {
    const before = await snapshot(database);
    expect(Number(before?.figures)).toBeGreaterThan(20_000);
    results.clear();
    await importAll();
    const after = await snapshot(database);
    expect(after).toEqual(before);
    expect(
      (results.get(RELEASE_ZIP) as ImportResult).parts.every((p) => p.figuresReplaced === p.figuresStored),
    ).toBe(true);
  });

  it('stores the LAIT data store under one part, so the store under another name replaces it', async () => {
    const lait = path.join(dir, 'lait_bds_long_0.parquet');
    const repo = createRepositories(database.db).publishedStatistics;
    const laitFiles = async () => (await repo.files()).filter((f) => f.source === 'lait');
    const before = await snapshot(database);
    const [stored] = await laitFiles();
    expect(await laitFiles()).toHaveLength(1);
    expect(stored).toMatchObject({ part: 'LAIT data store', fileName: 'lait_bds_long_0.parquet' });

    // A newer download, saved as the DfE names the next one: the same part, so it replaces the first.
    const renamed = await importPublishedFile(
      { name: 'lait_bds_long_1.parquet', bytes: new Uint8Array(readFileSync(lait)) },
      { transaction, clock },
    );
    expect(renamed.parts).toEqual([
      expect.objectContaining({
        part: 'LAIT data store',
        figuresStored: stored?.figuresStored,
        figuresReplaced: stored?.figuresStored,
      }),
    ]);
    const files = await laitFiles();
    expect(files.map((f) => [f.part, f.fileName])).toEqual([['LAIT data store', 'lait_bds_long_1.parquet']]);
    const after = await snapshot(database);
    expect(after?.figures).toBe(before?.figures);
    const { rows } = await sql<{ n: string; keys: string }>`
      select count(*) as n, count(distinct (measure, period, area_code, breakdown)) as keys
        from published_figures g join published_statistics_files f on f.id = g.file_id
       where f.source = 'lait'`.execute(database.db);
    expect(rows[0]?.n).toBe(String(stored?.figuresStored));
    expect(rows[0]?.keys).toBe(rows[0]?.n);

    // Back under its own name, for the tests that follow: exactly as before.
    await importPublishedFile(lait, { transaction, clock });
    expect(await snapshot(database)).toEqual(before);
  });

  describe('refuses a file that is not the expected one, storing nothing', () => {
    const release = () => new Uint8Array(readFileSync(path.join(dir, RELEASE_ZIP)));
    const rezip = (change: (files: Record<string, Uint8Array>) => void) => {
      const files = unzipSync(release());
      change(files);
      return zipSync(files, { level: 1 });
    };
    const refused = async (name: string, bytes: Uint8Array, expected: RegExp) => {
      const before = await snapshot(database);
      const error = await importPublishedFile({ name, bytes }, { transaction, clock }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PublishedFileError);
      expect((error as Error).message).toMatch(expected);
      expect(await snapshot(database)).toEqual(before);
    };

    it('a truncated zip', async () => {
      const bytes = release();
      await refused(
        RELEASE_ZIP,
        bytes.subarray(0, Math.floor(bytes.length * 0.6)),
        /is not a complete zip file .* expected the DfE "Education, health and care plans" release zip/,
      );
    });

    it('a zip without the release’s files', async () => {
      const caseload = unzipSync(release(), { filter: (f) => f.name === 'data/caseload.csv' });
      const bytes = zipSync(caseload, { level: 1 });
      await refused(
        'other.zip',
        bytes,
        /other.zip is not the expected release: it has no data\/newplans.csv, .* Expected the DfE/,
      );
    });

    it('a release whose file has the wrong columns', async () => {
      const bytes = rezip((files) => {
        const text = strFromU8(files['data/timeliness_20_week.csv'] as Uint8Array);
        files['data/timeliness_20_week.csv'] = strToU8(
          text.replace('plans_issued_den_ex,', 'plans_issued_denominator_ex,'),
        );
      });
      await refused(
        RELEASE_ZIP,
        bytes,
        /data\/timeliness_20_week.csv does not have the columns expected .*: missing plans_issued_den_ex/,
      );
    });

    it('a CSV with the wrong columns', async () => {
      const text = readFileSync(path.join(dir, SEN2_MI), 'utf8').replace(
        '"tot_no_exc_ehc"',
        '"total_no_exc_ehc"',
      );
      await refused(
        SEN2_MI,
        strToU8(text),
        /sen2_mi_2014-2022.csv does not have the columns expected of sen2_mi.csv.*: missing tot_no_exc_ehc/,
      );
    });

    it('a Latin-1 file', async () => {
      const bytes = new Uint8Array(readFileSync(path.join(dir, SEN2_MI)));
      const at = Buffer.from(bytes).indexOf('Wolverhampton');
      bytes[at + 1] = 0xf6; // "Wölverhampton" as Latin-1 writes it
      await refused(
        SEN2_MI,
        bytes,
        /sen2_mi_2014-2022.csv is not UTF-8 text .*: expected sen2_mi.csv, the DfE "Education, health and care plans" LA file/,
      );
    });

    it('a failure while storing leaves what was there before (one transaction per file)', async () => {
      const before = await snapshot(database);
      const failing: Transactor = (work) =>
        transaction((repos) =>
          work({
            ...repos,
            publishedStatistics: {
              ...repos.publishedStatistics,
              replacePart: async (meta, figures) => {
                if (meta.part === 'data/annual_reviews.csv') throw new Error('the disk is full');
                return repos.publishedStatistics.replacePart(meta, figures);
              },
            },
          }),
        );
      await expect(
        importPublishedFile(path.join(dir, RELEASE_ZIP), { transaction: failing, clock }),
      ).rejects.toThrow('the disk is full');
      expect(await snapshot(database)).toEqual(before);
    });
  });

  it('the committed demo extract is what the importer gives from the official files', async () => {
    const text = readFileSync(EXTRACT_PATH, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThan(1_000_000);
    expect(text).toContain(
      'Contains public sector information licensed under the Open Government Licence v3.0',
    );
    const extract = parseExtract(text);
    const repo = createRepositories(database.db).publishedStatistics;
    const files = await repo.files();
    for (const file of extract.files) {
      expect(
        files.find((f) => f.source === file.source && f.release === file.release && f.part === file.part),
      ).toMatchObject(file);
    }
    const areas = [...new Set([...extract.figures.values()].flat().map((f) => f.areaCode))];
    const imported = await repo.figures({
      measures: [...new Set([...extract.figures.values()].flat().map((f) => f.measure))],
      areaCodes: areas,
    });
    const key = (
      source: string,
      release: string,
      part: string,
      f: { measure: string; areaCode: string; period: string; breakdown: string },
    ) => [source, release, part, f.measure, f.areaCode, f.period, f.breakdown].join('|');
    const byKey = new Map(imported.map((f) => [key(f.source, f.release, f.part, f), f]));
    let checked = 0;
    for (const file of extract.files) {
      for (const f of extract.figures.get(`${file.source}\u0000${file.release}\u0000${file.part}`) ?? []) {
        expect(byKey.get(key(file.source, file.release, file.part, f))).toMatchObject(f);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1_000);
    // Run `npm run statistics:extract` again when a parser changes what it stores.
    expect(imported.filter((f) => areas.includes(f.areaCode))).toHaveLength(checked);
    const lists = await repo.neighbourLists();
    for (const list of extract.neighbourLists) {
      const full = lists.find((l) => l.inForceFrom === list.inForceFrom);
      expect(
        full?.neighbours.filter((n) => n.laNumber === loadConfig({ NODE_ENV: 'test' }).area.laCode),
      ).toEqual(list.neighbours);
    }
  });
});

describe.skipIf(!dfe)('the demo seed', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('loads the extract: the demo area, its statistical neighbours and England, marked as demo data', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const seeded = await seedDemoArea(database.db, config.area, DEMO_PASSWORD, '2026-01-05', { ehc: false });
    expect(seeded.publishedStatistics).toMatchObject({ seeded: true, neighbourLists: 2 });
    const repo = createRepositories(database.db).publishedStatistics;
    expect((await repo.files()).every((f) => f.isDemo)).toBe(true);
    const lists = await repo.neighbourLists();
    expect(lists.map((l) => [l.inForceFrom, l.neighbours.length, l.isDemo])).toEqual([
      ['2021-04-01', 10, true],
      ['2025-05-01', 10, true],
    ]);
    const neighbours = (lists.at(-1)?.neighbours ?? []).map((n) => n.neighbourLaNumber);
    const figures = await repo.figures({
      measures: ['plans-within-20-weeks'],
      areaCodes: ['336', ...neighbours, 'E92000001'],
    });
    const in2024 = figures.filter((f) => f.period === '2024' && f.source === 'ehc-plans-release');
    expect(new Set(in2024.map((f) => f.areaCode))).toEqual(new Set(['336', ...neighbours, 'E92000001']));
    expect(in2024.every((f) => f.isDemo && f.numerator !== null && f.denominator !== null)).toBe(true);
    // The region is there too.
    expect(await repo.figures({ measures: ['active-plans'], areaCodes: ['E12000005'] })).not.toHaveLength(0);
  });

  it('seeds once, and never over published statistics already imported', async () => {
    expect(await seedPublishedStatistics(database.db)).toMatchObject({ seeded: false });
  });
});

describe.skipIf(!dfe)('npm run statistics:import', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'send-statistics-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const env = (() => {
    const base = { ...process.env };
    delete base.DATABASE_URL;
    return { ...base, NODE_ENV: 'test', PGLITE_DATA_DIR: path.join(root, 'pglite'), LOG_LEVEL: 'silent' };
  })();

  it('prints a summary per file, reports a wrong file and a directory plainly, imports the rest, exit code 1', () => {
    const wrong = path.join(root, 'caseload.csv');
    writeFileSync(
      wrong,
      'time_period,time_identifier,geographic_level,ehcplans\n2024,Calendar year,National,1\n',
    );
    // A directory given as a file: not a PublishedFileError, and no reason to skip the files after it.
    const directory = path.join(root, 'a-directory.csv');
    mkdirSync(directory);
    const result = spawnSync(
      process.execPath,
      ['src/cli/statistics-import.ts', wrong, directory, path.join(dfe as string, SEN2_MI)],
      { env, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain(`Imported ${SEN2_MI}`);
    expect(result.stderr).toContain(
      `Could not import ${directory}: it is a directory, not a file. Nothing from this file was stored.`,
    );
    expect(result.stderr).toContain('2 of 3 files were not imported.');
    const rows =
      readFileSync(path.join(dfe as string, SEN2_MI), 'utf8')
        .trim()
        .split('\n').length - 1;
    expect(result.stdout).toMatch(
      new RegExp(
        `sen2_mi.csv \\(.*\\): ${rows.toLocaleString('en-GB')} rows read, ${(5 * rows).toLocaleString('en-GB')} figures stored`,
      ),
    );
    expect(result.stderr).toContain('Checking and parsing: 1 of 1 parts');
    expect(result.stderr).toContain(
      `Refused ${wrong}: caseload.csv is one data file of a release, not the release`,
    );
    expect(result.stderr).toContain('Nothing from this file was stored.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
