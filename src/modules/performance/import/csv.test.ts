import { describe, expect, it } from 'vitest';
import { decodeUtf8, parseCsvRecords, readCsvTable } from './csv.ts';
import { PublishedFileError } from './types.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('decodeUtf8', () => {
  it('drops the byte order mark', () => {
    expect(decodeUtf8(bytes('\uFEFFtime_period,la_name\n'), 'f.csv', 'x')).toBe('time_period,la_name\n');
  });

  it('refuses Latin-1, naming the line and what was expected', () => {
    // "St Helens £" with the pound sign as Latin-1 (0xA3): not valid UTF-8.
    const latin1 = new Uint8Array([...bytes('a,b\nSt Helens '), 0xa3, ...bytes('\n')]);
    expect(() => decodeUtf8(latin1, 'sen2_mi.csv', 'sen2_mi.csv as published')).toThrow(PublishedFileError);
    expect(() => decodeUtf8(latin1, 'sen2_mi.csv', 'sen2_mi.csv as published')).toThrow(
      /sen2_mi.csv is not UTF-8 text \(an invalid byte at position 14, on line 2\): expected sen2_mi.csv as published, encoded in UTF-8/,
    );
  });

  it('reads UTF-8 names as they are', () => {
    expect(decodeUtf8(bytes('Ynys Môn – “test”'), 'f', 'x')).toBe('Ynys Môn – “test”');
  });
});

describe('parseCsvRecords', () => {
  it('keeps the line each record starts on, counting the lines inside quoted fields', () => {
    const text = 'a,b\r\n1,"two\nlines"\r\n\r\n"x ""y""",\n3,4';
    expect(parseCsvRecords(text, 'f')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'two\nlines'] },
      { line: 5, fields: ['x "y"', ''] },
      { line: 6, fields: ['3', '4'] },
    ]);
  });

  it('refuses a file that ends inside a quoted field', () => {
    expect(() => parseCsvRecords('a,b\n1,"unfinished', 'cut.csv')).toThrow(
      /cut.csv ends inside a quoted field that starts on line 2/,
    );
  });
});

describe('readCsvTable', () => {
  const options = {
    fileLabel: 'requests.csv',
    expected: 'requests.csv of the release',
    required: ['time_period', 'la_name'],
  };

  it('finds the columns by name', () => {
    const table = readCsvTable('la_name,time_period\nWolverhampton,2024\n', options);
    expect(table.rows[0]?.fields[table.column('time_period')]).toBe('2024');
    expect(table.rows[0]?.line).toBe(2);
  });

  it('refuses missing columns, naming them and what was expected', () => {
    expect(() => readCsvTable('la_name,period\n', options)).toThrow(
      'requests.csv does not have the columns expected of requests.csv of the release: missing time_period. Expected at least: time_period, la_name.',
    );
  });

  it('refuses a row cut short', () => {
    expect(() => readCsvTable('la_name,time_period\nWolverhampton,2024\nSandwell\n', options)).toThrow(
      /requests.csv line 3 has 1 fields where the header has 2/,
    );
  });

  it('refuses an empty file', () => {
    expect(() => readCsvTable('', options)).toThrow(/requests.csv is empty/);
  });
});
