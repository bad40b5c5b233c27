import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLocalOfferRepository } from '../modules/local-offer/repository.ts';
import { parsePostcode } from '../modules/local-offer/domain/postcode.ts';
import { createCsvReader } from '../lib/csv.ts';
import { migrateToLatest } from '../db/database.ts';
import { runWithDatabase } from './run.ts';

/**
 * `npm run local-offer:import-postcodes -- <file.csv> [--area WV,B]`
 *
 * Reads the ONS Postcode Directory (or any CSV with the columns pcds, lat and long), keeps live
 * postcodes with a location, optionally only those in the given postcode areas, and upserts them
 * with the centre of each postcode district (the mean of its postcodes). Shows a progress bar.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { area: { type: 'string' }, 'batch-size': { type: 'string', default: '2000' } },
});

const file = positionals[0];
if (!file) {
  console.error('Give the CSV file to import: npm run local-offer:import-postcodes -- path/to/ONSPD.csv');
  process.exit(1);
}
const areas = values.area ? values.area.toUpperCase().split(',').filter(Boolean) : [];
const batchSize = Math.max(100, Number(values['batch-size']) || 2000);

function progressBar(done: number, total: number, rows: number): string {
  const width = 30;
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  return `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${rows.toLocaleString('en-GB')} postcodes`;
}

/** The postcode area: the letters at the start (WV for WV10 6QH, B for B1 1AA). */
const areaOf = (outward: string) => /^[A-Z]+/.exec(outward)?.[0] ?? '';

await runWithDatabase('Importing postcodes', async (_config, database) => {
  await migrateToLatest(database.db);
  const size = statSync(file).size;
  const repo = createLocalOfferRepository(database.db);
  let columns: { pcds: number; lat: number; long: number; doterm: number } | undefined;
  let batch: { code: string; kind: 'unit'; latitude: number; longitude: number }[] = [];
  const ready: (typeof batch)[] = [];
  const districts = new Map<string, { lat: number; long: number; n: number }>();
  let imported = 0;
  let skipped = 0;
  let rows = 0;

  const reader = createCsvReader((fields) => {
    if (!columns) {
      const header = fields.map((f) => f.trim().toLowerCase());
      columns = {
        pcds: header.indexOf('pcds'),
        lat: header.indexOf('lat'),
        long: header.indexOf('long'),
        doterm: header.indexOf('doterm'),
      };
      if (columns.pcds < 0 || columns.lat < 0 || columns.long < 0) {
        throw new Error(
          'The file must have the columns pcds, lat and long (the ONS Postcode Directory format)',
        );
      }
      return;
    }
    rows += 1;
    const parsed = parsePostcode(fields[columns.pcds] ?? '');
    const lat = Number(fields[columns.lat]);
    const long = Number(fields[columns.long]);
    const terminated = columns.doterm >= 0 && (fields[columns.doterm] ?? '').trim() !== '';
    // ONSPD gives postcodes with no grid reference a latitude of 99.999999.
    const located =
      Number.isFinite(lat) && Number.isFinite(long) && Math.abs(lat) <= 90 && Math.abs(long) <= 180;
    if (!parsed || parsed.kind !== 'unit' || terminated || !located) {
      skipped += 1;
      return;
    }
    if (areas.length > 0 && !areas.includes(areaOf(parsed.outward))) {
      skipped += 1;
      return;
    }
    batch.push({ code: parsed.code, kind: 'unit', latitude: lat, longitude: long });
    const d = districts.get(parsed.outward) ?? { lat: 0, long: 0, n: 0 };
    d.lat += lat;
    d.long += long;
    d.n += 1;
    districts.set(parsed.outward, d);
    imported += 1;
    if (batch.length >= batchSize) {
      ready.push(batch);
      batch = [];
    }
  });

  let read = 0;
  let first = true;
  let lastDrawn = 0;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    const text = chunk as string;
    read += Buffer.byteLength(text);
    reader.push(first ? text.replace(/^\uFEFF/, '') : text);
    first = false;
    // Written before the next chunk is read, so memory stays flat however large the file.
    for (const rowsToWrite of ready.splice(0)) await repo.upsertPostcodes(rowsToWrite);
    if (Date.now() - lastDrawn > 200) {
      lastDrawn = Date.now();
      process.stderr.write(progressBar(read, size, imported));
    }
  }
  reader.end();
  for (const rowsToWrite of [...ready.splice(0), batch]) await repo.upsertPostcodes(rowsToWrite);
  await repo.upsertPostcodes(
    [...districts.entries()].map(([code, d]) => ({
      code,
      kind: 'district' as const,
      latitude: d.lat / d.n,
      longitude: d.long / d.n,
    })),
  );
  process.stderr.write(`${progressBar(size, size, imported)}\n`);
  console.log(
    `Imported ${imported.toLocaleString('en-GB')} postcodes in ${districts.size.toLocaleString('en-GB')} districts from ${rows.toLocaleString('en-GB')} rows; skipped ${skipped.toLocaleString('en-GB')} (terminated, without a location, not a postcode${areas.length ? ' or outside the chosen areas' : ''}).`,
  );
});
