/**
 * `npm run bench:statistics-import`: importing the DfE "Education, health and care plans" 2025 release zip
 * (../shared/data/dfe/education-health-and-care-plans_2025.zip, or BENCH_RELEASE_ZIP) with the importer the
 * command line uses, on PostgreSQL and on PGlite, against issue 6's target of under 60 s.
 *
 *   npm run bench:statistics-import
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ npm run bench:statistics-import
 *
 * Each engine gets its own new database (PostgreSQL: send_bench_statistics_<pid> on the server
 * BENCH_DATABASE_URL names, dropped at the end; PGlite: a temporary directory, removed), migrated. The zip is
 * imported three times: the first into empty tables, the next two replacing what the one before stored (as a
 * re-import does). Each run is timed from reading the file to the commit; the median of the three is held
 * against the target. The time to check and parse the zip alone (no database) is shown beside. Bounded in
 * time: a watchdog stops it after BENCH_DEADLINE seconds (default 600).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { createTransactor } from '../src/db/repositories.ts';
import { systemClock } from '../src/lib/clock.ts';
import { parseEhcPlansRelease } from '../src/modules/performance/import/ees-release.ts';
import { importPublishedFile } from '../src/modules/performance/import/importer.ts';
import { benchDatabase } from './lib/server.ts';

const TARGET_S = 60;
const RUNS = 3;
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/';
const sharedDir = process.env.SHARED_DIR ? path.resolve(process.env.SHARED_DIR) : path.resolve('../shared');
const zipPath =
  process.env.BENCH_RELEASE_ZIP ??
  path.join(sharedDir, 'data', 'dfe', 'education-health-and-care-plans_2025.zip');
const engines = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];

const deadlineMs = Number(process.env.BENCH_DEADLINE ?? 600) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench:statistics-import did not finish in ${deadlineMs / 1000} s; stopping`);
  process.exit(2);
}, deadlineMs);
watchdog.unref();

if (!existsSync(zipPath)) {
  console.error(`No release zip at ${zipPath}: set SHARED_DIR (holding data/dfe) or BENCH_RELEASE_ZIP.`);
  process.exit(1);
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const seconds = (ms: number) => (ms / 1000).toFixed(2);

const bytes = new Uint8Array(readFileSync(zipPath));

type Row = { engine: string; runs: number[]; figures: number };
const rows: Row[] = [];
for (const engine of engines) {
  const { env, cleanup } = await benchDatabase(engine, postgresUrl, 'bench-statistics');
  try {
    const config = loadConfig({ ...env, NODE_ENV: 'development', LOG_LEVEL: 'silent' });
    const database = await openDatabase(config);
    try {
      await migrateToLatest(database.db);
      const deps = { transaction: createTransactor(database.db), clock: systemClock };
      const runs: number[] = [];
      let stored = 0;
      for (let i = 0; i < RUNS; i += 1) {
        const started = performance.now();
        const result = await importPublishedFile(zipPath, deps);
        runs.push(performance.now() - started);
        stored = result.parts.reduce((n, p) => n + p.figuresStored, 0);
        console.error(`${engine} run ${i + 1}: ${seconds(runs.at(-1) as number)} s, ${stored} figures`);
      }
      rows.push({
        engine: engine === 'postgres' ? 'PostgreSQL' : 'PGlite (directory)',
        runs,
        figures: stored,
      });
    } finally {
      await database.close();
    }
  } finally {
    await cleanup();
  }
}

// After the imports, so that this too runs on warmed-up code: the share of a run that is parsing.
const parseMs: number[] = [];
let figures = 0;
for (let i = 0; i < RUNS; i += 1) {
  const started = performance.now();
  const release = parseEhcPlansRelease({ name: path.basename(zipPath), bytes });
  parseMs.push(performance.now() - started);
  figures = release.parts.reduce((n, p) => n + p.figures.length, 0);
}

const lines = [
  `Importing ${path.basename(zipPath)} (${(bytes.length / 1e6).toFixed(1)} MB; ${figures.toLocaleString('en-GB')} figures from 6 parts), ${RUNS} runs per engine: the first into empty tables, then re-imports replacing it.`,
  '',
  '| engine | run 1 (s) | run 2 (s) | run 3 (s) | median (s) | figures | under 60 s |',
  '|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.engine} | ${r.runs.map(seconds).join(' | ')} | ${seconds(median(r.runs))} | ${r.figures.toLocaleString('en-GB')} | ${median(r.runs) / 1000 < TARGET_S ? 'yes' : 'no'} |`,
  ),
  '',
  `Checking and parsing the zip alone (no database): median ${seconds(median(parseMs))} s of ${parseMs.map(seconds).join(', ')}.`,
  `Target, import in under ${TARGET_S} s on both engines: ${rows.every((r) => median(r.runs) / 1000 < TARGET_S) ? 'met' : 'not met'}.`,
];
console.log(lines.join('\n'));
clearTimeout(watchdog);
