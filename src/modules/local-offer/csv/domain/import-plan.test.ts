import { describe, expect, it } from 'vitest';
import { csvLine } from '../../../../lib/csv.ts';
import { listingSchema } from '../../domain/listing.ts';
import { COLUMNS, csvLookups, csvRecord, listingToRow, type CsvRow } from './columns.ts';
import {
  describeCounts,
  MAX_FILE_ROWS,
  planImport,
  readImportFile,
  serviceIdsIn,
  type ExistingForImport,
  type ImportFile,
} from './import-plan.ts';

const TODAY = '2026-06-01';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const organisation = { id: uuid(1), name: 'Play and Leisure (demo)' };
const category = { id: uuid(2), code: 'short-breaks', taxonomyKey: 'category', retired: false };
const lookups = csvLookups({ organisations: [organisation], terms: [category], today: TODAY });

const listing = listingSchema.parse({
  name: 'Holiday play scheme',
  description: 'Full and half days of play in the school holidays.',
  minimumAge: 5,
  maximumAge: 11,
  accessRoutes: ['self_referral'],
  isFree: true,
  termIds: [category.id],
});
const existing: ExistingForImport = {
  id: uuid(100),
  organisationId: organisation.id,
  organisationName: organisation.name,
  assuredDate: '2026-01-19',
  withdrawn: false,
  listing,
  fromFeed: false,
  isDemo: true,
};
const existingById = new Map([[existing.id, existing]]);
const rowOf = (changes: Partial<CsvRow> = {}): CsvRow => ({
  ...listingToRow(listing, {
    serviceId: existing.id,
    organisationName: organisation.name,
    assuredDate: existing.assuredDate,
    withdrawn: false,
    termsById: lookups.termsById,
  }),
  ...changes,
});

const upload = (text: string, filename = 'services.csv') => ({
  filename,
  bytes: new TextEncoder().encode(text),
  tooLarge: false,
});
const fileOf = (rows: CsvRow[]): string => `\uFEFF${csvLine([...COLUMNS])}${rows.map(csvRecord).join('')}`;
const read = (text: string): ImportFile => {
  const result = readImportFile(upload(text));
  if ('errors' in result) throw new Error(result.errors.join('; '));
  return result.file;
};

describe('reading an uploaded file', () => {
  it('refuses what is not a CSV of services, saying why', () => {
    const errors = (u: Parameters<typeof readImportFile>[0]) => {
      const result = readImportFile(u);
      return 'errors' in result ? result.errors : [];
    };
    expect(errors(undefined)).toEqual(['Select a CSV file']);
    expect(errors({ filename: '', bytes: new Uint8Array(), tooLarge: false })).toEqual(['Select a CSV file']);
    expect(errors({ ...upload('x'), tooLarge: true })).toEqual([
      'The selected file must be smaller than 5 MB',
    ]);
    expect(errors(upload('a,b', 'services.xlsx'))).toEqual(['The selected file must be a CSV']);
    expect(
      errors({
        filename: 'photo.csv',
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]),
        tooLarge: false,
      }),
    ).toEqual(['The selected file must be a CSV']);
    expect(
      errors({
        filename: 'latin1.csv',
        bytes: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xa3, 0x35]),
        tooLarge: false,
      })[0],
    ).toMatch(/CSV UTF-8/);
    expect(errors(upload(''))).toEqual(['The selected file is empty']);
    expect(errors(upload('"name\n'))[0]).toMatch(/missing closing quote/);
    expect(errors(upload(csvLine([...COLUMNS])))).toEqual([
      'The selected file has no services in it, only the column names',
    ]);
  });

  it('reports missing and unknown columns once each, for the whole file', () => {
    const result = readImportFile(upload('Name,Colour,service_id,,colour\nSwimming,blue,,,'));
    expect(result).toEqual({
      errors: [
        'The first row of the file must name the columns. This column is missing: organisation_name',
        'The file has columns we do not recognise: colour, (a column with no name), colour. Remove them or check their spelling',
        'The file has more than one column called colour',
      ],
    });
  });

  it('reads the columns in any order and case, skips empty rows and numbers rows as a spreadsheet does', () => {
    const file = read('NAME,service_id,organisation_name\r\nA,,X\r\n,,\r\n"B, with a comma",,X\r\n');
    expect(file.header).toEqual(['name', 'service_id', 'organisation_name']);
    expect(file.rows).toEqual([
      { rowNumber: 2, cells: ['A', '', 'X'] },
      { rowNumber: 4, cells: ['B, with a comma', '', 'X'] },
    ]);
  });

  it(`takes up to ${MAX_FILE_ROWS} services`, () => {
    const many = `name,service_id,organisation_name\n${'A,,X\n'.repeat(MAX_FILE_ROWS + 1)}`;
    const result = readImportFile(upload(many));
    expect('errors' in result && result.errors[0]).toMatch(
      /has 5,001 services. Import up to 5,000 at a time/,
    );
  });
});

describe('planning an import', () => {
  it('counts new, changed and unchanged services, and what changes', () => {
    const file = read(
      fileOf([rowOf(), { ...rowOf({ name: 'Brand new club' }), service_id: '', withdrawn: '' }]),
    );
    const unchanged = planImport(file, lookups, existingById);
    expect(unchanged.ok && unchanged.counts).toEqual({ created: 1, changed: 0, unchanged: 1 });

    const changedFile = read(fileOf([rowOf({ name: 'Holiday play scheme (renamed)', assured_date: '' })]));
    const changed = planImport(changedFile, lookups, existingById);
    if (!changed.ok) throw new Error(JSON.stringify(changed.problems));
    expect(changed.rows[0]).toMatchObject({
      kind: 'changed',
      serviceId: existing.id,
      assuredDate: TODAY,
      changed: ['name', 'assured_date'],
    });

    const checked = planImport(read(fileOf([rowOf({ assured_date: '2026-05-30' })])), lookups, existingById);
    expect(checked.ok && checked.rows[0]).toMatchObject({
      kind: 'confirmed',
      assuredDate: '2026-05-30',
      changed: ['assured_date'],
    });
    expect(checked.ok && checked.counts).toEqual({ created: 0, changed: 1, unchanged: 0 });
  });

  it('reports every problem in every row, with row numbers, and plans nothing', () => {
    const file = read(
      fileOf([
        rowOf(),
        { ...rowOf(), service_id: uuid(999) },
        { ...rowOf({ minimum_age: 'ten', organisation_name: 'Nobody' }), service_id: '' },
        rowOf(),
        { ...rowOf(), service_id: 'not-an-id' },
      ]),
    );
    const plan = planImport(file, lookups, existingById);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.rowCount).toBe(5);
    expect(plan.problems.map((p) => [p.rowNumber, p.column])).toEqual([
      [3, 'service_id'],
      [4, 'organisation_name'],
      [4, 'minimum_age'],
      [5, 'service_id'],
      [6, 'service_id'],
    ]);
    expect(plan.problems[0]?.message).toBe('No service has this ID. Leave it blank for a new service');
    expect(plan.problems[3]?.message).toBe(
      'This service is also in row 2. Each service can be in the file once',
    );
  });

  it('reports a row with the wrong number of values', () => {
    const file = read(`${csvLine([...COLUMNS])}${csvRecord(rowOf()).replace(/\r\n$/, ',extra\r\n')}`);
    const plan = planImport(file, lookups, existingById);
    expect(!plan.ok && plan.problems).toEqual([
      {
        rowNumber: 2,
        column: null,
        message: `This row has ${COLUMNS.length + 1} values but the first row names ${COLUMNS.length} columns. Check for a comma that should be inside quotes`,
      },
    ]);
  });

  it("leaves a partner feed's listing alone unless the row would change it", () => {
    const fromFeed = new Map([[existing.id, { ...existing, fromFeed: true }]]);
    expect(planImport(read(fileOf([rowOf()])), lookups, fromFeed).ok).toBe(true);
    const plan = planImport(read(fileOf([rowOf({ name: 'Changed' })])), lookups, fromFeed);
    expect(!plan.ok && plan.problems[0]?.message).toMatch(/partner's open data feed/);
  });

  it('finds the well-formed service ids to look up', () => {
    const file = read(
      fileOf([rowOf(), { ...rowOf(), service_id: 'nonsense' }, { ...rowOf(), service_id: '' }]),
    );
    expect(serviceIdsIn(file)).toEqual([existing.id]);
  });
});

describe('describeCounts', () => {
  it('says what an import does in a line', () => {
    expect(describeCounts({ created: 12, changed: 30, unchanged: 3 })).toBe(
      '12 new services, 30 changes, 3 unchanged',
    );
    expect(describeCounts({ created: 1, changed: 1, unchanged: 1200 })).toBe(
      '1 new service, 1 change, 1,200 unchanged',
    );
  });
});
