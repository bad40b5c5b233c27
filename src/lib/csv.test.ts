import { describe, expect, it } from 'vitest';
import { createCsvReader, csvLine, parseCsv } from './csv.ts';

describe('CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,b,c\r\n"1,2","say ""hi""","line\nbreak"\n')).toEqual([
      ['a', 'b', 'c'],
      ['1,2', 'say "hi"', 'line\nbreak'],
    ]);
  });

  it('reads a last line without a line break and skips blank lines', () => {
    expect(parseCsv('\uFEFFx,y\n\n1,2')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });

  it('reads the same rows whatever the chunk boundaries', () => {
    const text = 'pcds,lat,long\n"WV1 1SH",52.586,-2.128\n"WV10 6QH",52.62,"-2.12"\n';
    const whole = parseCsv(text);
    for (let size = 1; size < 8; size += 1) {
      const rows: string[][] = [];
      const reader = createCsvReader((r) => rows.push(r));
      for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
      reader.end();
      expect(rows).toEqual(whole);
    }
  });

  it('refuses a file that ends inside quotes', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/inside a quoted field/);
  });

  it('writes fields that round-trip, and defuses spreadsheet formulas', () => {
    const line = csvLine(['plain', 'a, b', 'say "hi"', '=HYPERLINK("x")', 3, null]);
    expect(line).toBe('plain,"a, b","say ""hi""","\'=HYPERLINK(""x"")",3,\r\n');
    expect(parseCsv(line)[0]).toEqual(['plain', 'a, b', 'say "hi"', '\'=HYPERLINK("x")', '3', '']);
  });
});
