import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/database.ts';
import { createTransactor } from '../db/repositories.ts';
import { systemClock } from '../lib/clock.ts';
import {
  importPublishedFile,
  type ImportProgress,
  type ImportResult,
} from '../modules/performance/import/importer.ts';
import { PublishedFileError } from '../modules/performance/import/types.ts';
import { runWithDatabase } from './run.ts';

/**
 * `npm run statistics:import -- <file>... [--in-force-from YYYY-MM-DD]`
 *
 * Imports published SEND statistics as downloaded (ADR 18): the DfE "Education, health and care plans"
 * release zip, sen2_mi.csv, the LAIT data store (lait_bds_long_*.parquet) and statistical neighbour
 * workbooks (sn_*.xlsx). Each file is imported in one transaction: all of it or, if it is refused,
 * none of it; importing a file again replaces what it stored before. Shows progress on stderr (a bar on
 * a terminal, a line per step otherwise), then a summary per file. A refused file is named with what was
 * expected; a file that cannot be imported for any other reason (a directory, an unreadable file, a
 * failure while storing) is named with the reason in one line. Either way nothing from that file is
 * stored, the other files are still imported, and the exit code is 1 at the end.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'in-force-from': { type: 'string' } },
});

if (positionals.length === 0) {
  console.error(
    'Give the files to import: npm run statistics:import -- ../shared/data/dfe/education-health-and-care-plans_2025.zip sen2_mi.csv lait_bds_long_0.parquet sn_may_2025.xlsx',
  );
  process.exit(1);
}

const STEPS: Record<ImportProgress['step'], string> = {
  reading: 'Reading',
  parsing: 'Checking and parsing',
  storing: 'Storing',
};

/** A progress bar on a terminal; on a pipe or a log, one line when each step starts and ends. */
function createProgress(stream: NodeJS.WriteStream) {
  const tty = stream.isTTY === true;
  let step: ImportProgress['step'] | undefined;
  let lastDrawn = 0;
  let lastLine = '';
  const describe = (p: ImportProgress) =>
    `${STEPS[p.step]}: ${p.done.toLocaleString('en-GB')} of ${p.total.toLocaleString('en-GB')} ${p.unit}`;
  return {
    update(p: ImportProgress) {
      const finished = p.done >= p.total;
      if (!tty) {
        if (p.step !== step || finished) {
          const line = describe(p);
          if (line !== lastLine) stream.write(`${line}\n`);
          lastLine = line;
        }
        step = p.step;
        return;
      }
      if (step !== undefined && p.step !== step) stream.write('\n');
      step = p.step;
      if (!finished && Date.now() - lastDrawn < 100) return;
      lastDrawn = Date.now();
      const width = 30;
      const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
      const filled = Math.round(ratio * width);
      const bar = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%`;
      stream.write(`\r${bar} ${describe(p)}`.padEnd(Math.min(stream.columns ?? 100, 120)));
    },
    end() {
      if (tty && step !== undefined) stream.write('\n');
      step = undefined;
      lastLine = '';
    },
  };
}

function summary(result: ImportResult, seconds: number): string {
  const n = (v: number) => v.toLocaleString('en-GB');
  const lines = [
    `Imported ${result.fileName} (${n(result.sizeBytes)} bytes, sha256 ${result.sha256.slice(0, 12)}…) in ${seconds.toFixed(1)} s:`,
  ];
  for (const p of result.parts) {
    const replaced = p.figuresReplaced > 0 ? `, replacing the ${n(p.figuresReplaced)} stored before` : '';
    const what = p.source === 'statistical-neighbours' ? 'neighbours' : 'figures';
    lines.push(
      `  ${p.part} (${p.release}): ${n(p.rowsRead)} rows read, ${n(p.figuresStored)} ${what} stored${replaced}`,
    );
  }
  for (const l of result.neighbourLists) {
    lines.push(`  statistical neighbours ${l.name}, in force from ${l.inForceFrom}: ${n(l.las)} LAs`);
  }
  if (result.warnings.length > 0) {
    lines.push(`  ${result.warnings.length === 1 ? 'Note' : 'Notes'}:`);
    for (const w of result.warnings) lines.push(`  - ${w}`);
  }
  return lines.join('\n');
}

/** Why a file could not be imported, in one line: the system's words for the usual file errors. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'it cannot be read (permission denied)';
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'an unexpected error';
}

await runWithDatabase('Importing published statistics', async (_config, database) => {
  await migrateToLatest(database.db);
  const deps = { transaction: createTransactor(database.db), clock: systemClock };
  let failed = 0;
  for (const file of positionals) {
    const progress = createProgress(process.stderr);
    const started = performance.now();
    try {
      if (positionals.length > 1) process.stderr.write(`${file}\n`);
      const result = await importPublishedFile(file, deps, {
        onProgress: (p) => progress.update(p),
        importedBy: 'command line (npm run statistics:import)',
        ...(values['in-force-from'] ? { inForceFrom: values['in-force-from'] } : {}),
      });
      progress.end();
      console.log(summary(result, (performance.now() - started) / 1000));
    } catch (error) {
      // Caught per file, whatever it is, so that one bad file never stops the others.
      progress.end();
      failed += 1;
      if (error instanceof PublishedFileError)
        console.error(`Refused ${file}: ${error.message}\nNothing from this file was stored.`);
      else console.error(`Could not import ${file}: ${reason(error)}. Nothing from this file was stored.`);
    }
  }
  if (failed > 0) {
    if (positionals.length > 1) console.error(`${failed} of ${positionals.length} files were not imported.`);
    process.exitCode = 1;
  }
});
