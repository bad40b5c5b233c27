import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';

/**
 * `npm run local-offer:import-postcodes`, run as a real process on its own PGlite directory, with
 * a file in the ONS Postcode Directory's layout (quoted fields, terminated postcodes, postcodes
 * without a location).
 */
const root = mkdtempSync(path.join(tmpdir(), 'send-postcodes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dataDir = path.join(root, 'pglite');
const env = (() => {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  return { ...base, NODE_ENV: 'test', PGLITE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
})();

function runImport(...args: string[]) {
  return spawnSync(process.execPath, ['src/cli/import-postcodes.ts', ...args], { env, encoding: 'utf8' });
}

const ONSPD = [
  'pcd,pcd2,pcds,dointr,doterm,oscty,lat,long',
  '"WV1 1SH","WV1  1SH","WV1 1SH","198001","","E99999999",52.587000,-2.128000',
  '"WV1 1AA","WV1  1AA","WV1 1AA","198001","","E99999999",52.585000,-2.124000',
  '"WV10 6QH","WV10 6QH","WV10 6QH","198001","","E99999999",52.620000,-2.125000',
  '"WV9 9ZZ","WV9  9ZZ","WV9 9ZZ","198001","200112","E99999999",52.630000,-2.150000',
  '"WV8 1ZZ","WV8  1ZZ","WV8 1ZZ","198001","","E99999999",99.999999,0.000000',
  '"B1 1AA","B1  1AA","B1 1AA","198001","","E99999999",52.480000,-1.900000',
  '"NOT A CODE","","NOT A CODE","198001","","E99999999",52.480000,-1.900000',
].join('\r\n');

async function postcodes() {
  const database = await openDatabase(loadConfig(env));
  try {
    return await database.db.selectFrom('postcodes').selectAll().orderBy('code').execute();
  } finally {
    await database.close();
  }
}

describe('importing the ONS Postcode Directory', () => {
  it('keeps live, located postcodes in the chosen areas, with each district centre, and shows progress', async () => {
    const file = path.join(root, 'ONSPD.csv');
    writeFileSync(file, `\uFEFF${ONSPD}\r\n`);
    const result = runImport(file, '--area', 'WV');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/\[#+\] 100% 3 postcodes/);
    expect(result.stdout).toContain('Imported 3 postcodes in 2 districts from 7 rows; skipped 4');

    const rows = await postcodes();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('WV11SH')).toMatchObject({ kind: 'unit', latitude: 52.587, longitude: -2.128 });
    expect(byCode.get('WV106QH')).toMatchObject({ kind: 'unit' });
    expect(byCode.has('WV99ZZ')).toBe(false); // terminated
    expect(byCode.has('WV81ZZ')).toBe(false); // no location
    expect(byCode.has('B11AA')).toBe(false); // outside the chosen area
    const district = byCode.get('WV1');
    expect(district?.kind).toBe('district');
    expect(district?.latitude).toBeCloseTo(52.586, 6);
    expect(district?.longitude).toBeCloseTo(-2.126, 6);

    // Again: the same rows, not duplicates.
    expect(runImport(file, '--area', 'WV').status).toBe(0);
    expect((await postcodes()).length).toBe(rows.length);
  }, 120_000);

  it('refuses a file without the ONS columns, with a clear message and no stack trace', () => {
    const file = path.join(root, 'wrong.csv');
    writeFileSync(file, 'postcode,latitude,longitude\nWV1 1SH,52.5,-2.1\n');
    const result = runImport(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The file must have the columns pcds, lat and long');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('asks for a file when none is given', () => {
    const result = runImport();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Give the CSV file to import');
  });
});
