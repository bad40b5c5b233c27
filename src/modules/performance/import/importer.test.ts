import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectKind } from './importer.ts';
import { releaseZip } from './test-fixtures.ts';
import { PublishedFileError } from './types.ts';

const file = (name: string, bytes: Uint8Array | string) => ({
  name,
  bytes: typeof bytes === 'string' ? strToU8(bytes) : bytes,
});

describe('detectKind', () => {
  it('tells the files apart by their content, not their names', () => {
    expect(detectKind(file('download.zip', releaseZip()))).toBe('ehc-plans-release');
    expect(detectKind(file('anything', zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') })))).toBe(
      'statistical-neighbours',
    );
    expect(detectKind(file('store.bin', new Uint8Array([0x50, 0x41, 0x52, 0x31, 0, 0])))).toBe('lait');
    expect(
      detectKind(file('export.csv', '\uFEFF"time_period","inreq_ehc","tot_inc_exc_ehc","new_all_ehc"\n')),
    ).toBe('sen2-mi');
  });

  it('sends a zip cut short to the parser its name points to, which refuses it', () => {
    const cut = releaseZip().subarray(0, 200);
    expect(detectKind(file('sn_may_2025.xlsx', cut))).toBe('statistical-neighbours');
    expect(detectKind(file('education-health-and-care-plans_2025.zip', cut))).toBe('ehc-plans-release');
  });

  it('refuses the LAIT dictionary, one data file of a release, and anything else, saying what to import', () => {
    expect(() =>
      detectKind(file('lait_data_dictionary.csv', '"Measure_code","Topic","Measure","Measure_short"\n')),
    ).toThrow(/is the LAIT data dictionary .* import the LAIT data store, lait_bds_long_\*.parquet, instead/);
    expect(() =>
      detectKind(file('caseload.csv', 'time_period,time_identifier,geographic_level,ehcplans\n')),
    ).toThrow(
      /caseload.csv is one data file of a release, not the release: import the whole "Education, health and care plans" release zip/,
    );
    expect(() => detectKind(file('notes.txt', 'hello'))).toThrow(PublishedFileError);
    expect(() => detectKind(file('notes.txt', 'hello'))).toThrow(
      /notes.txt is not a file the importer knows: expected the DfE/,
    );
    expect(() => detectKind(file('empty.csv', ''))).toThrow(/empty.csv is empty/);
  });
});
