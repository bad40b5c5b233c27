import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/database.ts';
import { createRepositories, createTransactor } from '../db/repositories.ts';
import { systemClock } from '../lib/clock.ts';
import { reportLines } from '../modules/open-referral/import/domain/report.ts';
import { createOrukImportService, type ImportProgress } from '../modules/open-referral/import/service.ts';
import { runWithDatabase } from './run.ts';

/**
 * `npm run oruk:import -- <feed base URL> [--name "NHS Black Country ICB directory"] [--full]
 *   [--allow-withdrawing-most]`
 *
 * Imports a partner's Open Referral UK 3.0 feed into the Local Offer as read-only listings (ADR 15),
 * adding the feed the first time under --name (or its host name). Later runs read only what changed
 * there since the last good import (--full reads everything again), withdraw what left the feed,
 * and never duplicate. If any record fails validation, nothing is imported: every failing record
 * is listed with its problems and the exit code is 1. An import that would withdraw every one of
 * the feed's services on the Local Offer, or more than half of them, fails too, unless it is run
 * with --allow-withdrawing-most (after checking with the feed's publisher that they really went).
 * Only one import of a feed runs at a time: another started meanwhile fails at once. Shows progress
 * on stderr; a scheduler (cron, a Kubernetes CronJob) can run it nightly.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    full: { type: 'boolean', default: false },
    'allow-withdrawing-most': { type: 'boolean', default: false },
  },
});

const url = positionals[0];
if (!url) {
  console.error(
    'Give the address of the feed to import: npm run oruk:import -- https://directory.example.org/api/oruk --name "Its name"',
  );
  process.exit(1);
}

const STAGES: Record<ImportProgress['stage'], string> = {
  listing: 'pages of the list',
  reading: 'services read',
  saving: 'services saved',
};

function progressBar({ stage, done, total }: ImportProgress): string {
  const width = 30;
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  return `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} ${STAGES[stage]}`.padEnd(
    80,
  );
}

await runWithDatabase('Importing the feed', async (config, database) => {
  await migrateToLatest(database.db);
  const imports = createOrukImportService({
    repos: createRepositories(database.db),
    transaction: createTransactor(database.db),
    clock: systemClock,
    settings: config.openData,
  });
  let lastDrawn = 0;
  let lastStage: ImportProgress['stage'] | undefined;
  const onProgress = (p: ImportProgress) => {
    const finished = p.done >= p.total;
    if (p.stage !== lastStage && lastStage !== undefined) process.stderr.write('\n');
    lastStage = p.stage;
    if (finished || Date.now() - lastDrawn > 200) {
      lastDrawn = Date.now();
      process.stderr.write(progressBar(p));
    }
  };
  const { feed, added, report } = await imports.importFromCommandLine(
    { url, name: values.name },
    { full: values.full, allowMassWithdrawal: values['allow-withdrawing-most'], onProgress },
  );
  if (lastStage !== undefined) process.stderr.write('\n');
  console.log(`${added ? 'Added the feed' : 'The feed'} ${feed.name} (${feed.base_url}).`);
  const lines = reportLines(report);
  if (report.status === 'ok') console.log(lines.join('\n'));
  else {
    console.error(lines.join('\n'));
    process.exitCode = 1;
  }
});
