import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError } from '../config.ts';
import { databaseFromPglite, migrateToLatest } from '../db/database.ts';
import { openPgliteMemory } from '../db/pglite.ts';
import { createRepositories, createTransactor } from '../db/repositories.ts';
import {
  EMPTY_MARKER,
  EXTRACT_PATH,
  formatExtract,
  type ExtractRow,
} from '../db/seed/published-statistics.ts';
import { systemClock } from '../lib/clock.ts';
import { MEASURES } from '../modules/performance/domain/catalogue.ts';
import { parseEhcPlansRelease } from '../modules/performance/import/ees-release.ts';
import { detectKind, importPublishedFile } from '../modules/performance/import/importer.ts';
import { PublishedFileError } from '../modules/performance/import/types.ts';

/**
 * `npm run statistics:extract`
 *
 * Makes the demo's published statistics (src/db/seed/published-statistics-extract.csv, committed): imports
 * every file of the shared data directory (SHARED_DIR, else ../shared beside the project; data/dfe) into a
 * temporary in-memory database with the importer itself, then keeps only the demo area (config.area), its
 * statistical neighbours in every list, its region and England, for every measure, with the provenance of
 * each figure. The output depends only on the files, so running it again on the same files changes nothing.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function dataFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

async function main(): Promise<void> {
  const config = loadConfig();
  const shared = process.env.SHARED_DIR
    ? path.resolve(process.env.SHARED_DIR)
    : path.resolve(projectRoot, '../shared');
  const dir = path.join(shared, 'data', 'dfe');
  if (!existsSync(dir)) {
    throw new ConfigError(
      `There is no ${dir}: set SHARED_DIR to the shared data directory (the one holding data/dfe).`,
    );
  }
  const laCode = config.area.laCode;
  const handle = databaseFromPglite(await openPgliteMemory());
  try {
    await migrateToLatest(handle.db);
    const deps = { transaction: createTransactor(handle.db), clock: systemClock };
    let regionCode: string | undefined;
    for (const file of dataFiles(dir)) {
      const name = path.relative(dir, file);
      const bytes = new Uint8Array(readFileSync(file));
      let kind;
      try {
        kind = detectKind({ name: path.basename(file), bytes });
      } catch (error) {
        // The LAIT dictionary defines the data store's measures; it holds no figures.
        if (error instanceof PublishedFileError && /dictionary/i.test(name)) {
          console.error(`${name}: not figures (the LAIT data dictionary); not imported.`);
          continue;
        }
        throw error;
      }
      const result = await importPublishedFile({ name: path.basename(file), bytes }, deps);
      const stored = result.parts.reduce((n, p) => n + p.figuresStored, 0);
      console.error(`${name}: ${result.parts.length} parts, ${stored.toLocaleString('en-GB')} rows stored`);
      if (kind === 'ehc-plans-release') {
        regionCode = parseEhcPlansRelease({ name, bytes }).laNames.byNumber(laCode)?.regionCode;
      }
    }
    // The region as the release places the LA, else as the area's configuration says.
    regionCode ??= config.area.regionCode;
    if (config.area.regionCode && regionCode !== config.area.regionCode) {
      console.error(
        `Note: the release places LA ${laCode} in ${regionCode}; the area configuration says ${config.area.regionCode}. The release's is used.`,
      );
    }
    if (!regionCode) {
      throw new ConfigError(
        `The release zip in ${dir} has no LA ${laCode} (config.area.laCode), or there is no release zip.`,
      );
    }

    const repos = createRepositories(handle.db);
    const lists = await repos.publishedStatistics.neighbourLists();
    const neighbourRows = lists.flatMap((l) =>
      l.neighbours.filter((n) => n.laNumber === laCode).map((n) => ({ list: l, n })),
    );
    const areas = [
      ...new Set([laCode, ...neighbourRows.map((r) => r.n.neighbourLaNumber), regionCode, 'E92000001']),
    ];
    const figures = await repos.publishedStatistics.figures({
      measures: MEASURES.map((m) => m.id),
      areaCodes: areas,
    });
    const files = await repos.publishedStatistics.files();
    const used = new Set([
      ...figures.map((f) => `${f.source}|${f.release}|${f.part}`),
      ...neighbourRows.map((r) => `statistical-neighbours|${r.list.release}|${r.list.part}`),
    ]);

    const rows: ExtractRow[] = [];
    const refs = new Map<string, number>();
    for (const f of files.filter((f) => used.has(`${f.source}|${f.release}|${f.part}`))) {
      refs.set(`${f.source}|${f.release}|${f.part}`, refs.size + 1);
      rows.push({
        kind: 'file',
        file_ref: refs.size,
        source: f.source,
        release: f.release,
        file_name: f.fileName,
        part: f.part,
        sha256: f.sha256,
        size_bytes: f.sizeBytes,
        rows_read: f.rowsRead,
      });
    }
    const order = (a: (typeof figures)[number], b: (typeof figures)[number]) =>
      a.source.localeCompare(b.source) ||
      a.release.localeCompare(b.release) ||
      a.part.localeCompare(b.part) ||
      a.measure.localeCompare(b.measure) ||
      a.areaCode.localeCompare(b.areaCode) ||
      a.period.localeCompare(b.period) ||
      a.breakdown.localeCompare(b.breakdown);
    for (const f of [...figures].sort(order)) {
      rows.push({
        kind: 'figure',
        file_ref: refs.get(`${f.source}|${f.release}|${f.part}`),
        part: f.part,
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
        marker: f.marker === '' ? EMPTY_MARKER : f.marker,
      });
    }
    for (const { list, n } of neighbourRows) {
      rows.push({
        kind: 'neighbour',
        file_ref: refs.get(`statistical-neighbours|${list.release}|${list.part}`),
        part: list.part,
        area_code: n.laNumber,
        area_name: n.laName,
        list_name: list.name,
        in_force_from: list.inForceFrom,
        rank: n.rank,
        neighbour_la_number: n.neighbourLaNumber,
        neighbour_name: n.neighbourName,
      });
    }
    const text = formatExtract(rows);
    const out = fileURLToPath(EXTRACT_PATH);
    writeFileSync(out, text);
    console.log(
      `Wrote ${path.relative(process.cwd(), out)}: ${figures.length.toLocaleString('en-GB')} figures for ${areas.length} areas ` +
        `(LA ${laCode}, ${areas.length - 3} statistical neighbours in ${lists.length} lists, region ${regionCode}, England), ` +
        `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB.`,
    );
  } finally {
    await handle.close();
  }
}

try {
  await main();
} catch (error) {
  const known = error instanceof ConfigError || error instanceof PublishedFileError;
  console.error(known ? (error as Error).message : `Making the extract failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
