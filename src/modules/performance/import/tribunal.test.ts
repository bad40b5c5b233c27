import { describe, expect, it } from 'vitest';
import { createLaNameMap } from './la-names.ts';
import { tribunalCsv } from './test-fixtures.ts';
import { IN_DEVELOPMENT_BREAKDOWN, parseTribunalTable } from './tribunal.ts';
import { PublishedFileError } from './types.ts';

function names() {
  const map = createLaNameMap();
  map.add({
    laNumber: '336',
    gssCode: 'E08000031',
    name: 'Wolverhampton',
    regionCode: 'E12000005',
    regionName: 'West Midlands',
    timePeriod: '2024',
  });
  map.add({
    laNumber: '892',
    gssCode: 'E06000018',
    name: 'Nottingham',
    regionCode: 'E12000004',
    regionName: 'East Midlands',
    timePeriod: '2024',
  });
  map.add({
    laNumber: '891',
    gssCode: 'E10000024',
    name: 'Nottinghamshire',
    regionCode: 'E12000004',
    regionName: 'East Midlands',
    timePeriod: '2024',
  });
  return map;
}

const parse = (text: string) =>
  parseTribunalTable(text, {
    release: 'Education, health and care plans, reporting year 2025',
    part: 'tribunal.csv',
    laNames: names(),
  });

describe('parseTribunalTable', () => {
  it('reads appeals, appealable decisions and the rate of each year, from the line each is on', () => {
    const { part } = parse(tribunalCsv());
    const wolverhampton = part.figures.filter((f) => f.areaCode === '336');
    expect(
      wolverhampton.map((f) => [f.period, f.breakdown, f.numerator, f.denominator, f.value, f.sourceRow]),
    ).toEqual([
      ['2023', 'Total', 10, 2000, 0.5, 6],
      ['2024', 'Total', 27, 3257, 0.8, 6],
      ['2024', IN_DEVELOPMENT_BREAKDOWN, 27, 2036, 1.3, 6],
    ]);
    expect(part.source).toBe('send-tribunal-appeal-rate');
  });

  it('reports an unexpected code that differs from the LA of the name, but not the known wrong ones', () => {
    const text = tribunalCsv([
      { name: 'Nottingham', code: '891', cells: ['1', '10', '10.00%', '1', '10', '10.00%', '5', '20.00%'] },
      {
        name: 'Nottinghamshire',
        code: '999',
        cells: ['1', '10', '10.00%', '1', '10', '10.00%', '5', '20.00%'],
      },
      { name: 'England Total', code: '', cells: ['1', '10', '10.00%', '1', '10', '10.00%', '5', '20.00%'] },
    ]);
    expect(parse(text).codeMismatches).toEqual([
      { line: 7, name: 'Nottinghamshire', printed: '999', laNumber: '891' },
    ]);
  });

  it('reads a table without the "in development" columns', () => {
    const { part } = parse(tribunalCsv(undefined, { inDevelopment: false }));
    expect(part.figures.some((f) => f.breakdown === IN_DEVELOPMENT_BREAKDOWN)).toBe(false);
    expect(part.figures.filter((f) => f.areaCode === 'E92000001')).toHaveLength(2);
  });

  it('refuses a table of another layout, saying what was expected', () => {
    expect(() => parse('Local Authority,Year,Appeals\nWolverhampton,2024,3\n')).toThrow(PublishedFileError);
    expect(() => parse('Local Authority,Year,Appeals\nWolverhampton,2024,3\n')).toThrow(
      /tribunal.csv is not the SEND Tribunal appeal-rate table: expected the "SEND Tribunals and appeal rate" table/,
    );
    const swapped = tribunalCsv().replace(
      'Appeals registered4,Total Appealable Decisions1',
      'Total Appealable Decisions1,Appeals registered4',
    );
    expect(() => parse(swapped)).toThrow(
      /the columns under 2023 are not Appeals registered, Total Appealable Decisions, SEND Tribunal Appeal Rate/,
    );
  });

  it('refuses a table cut off before England’s total', () => {
    const text = tribunalCsv([
      {
        name: 'Wolverhampton',
        code: '336',
        cells: ['1', '10', '10.00%', '1', '10', '10.00%', '5', '20.00%'],
      },
    ]);
    expect(() => parse(text)).toThrow(/has no "England Total" row/);
  });
});
