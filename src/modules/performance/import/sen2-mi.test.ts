import { describe, expect, it } from 'vitest';
import { looksLikeSen2Mi, parseSen2Mi, SEN2_MI_COLUMNS } from './sen2-mi.ts';
import { PublishedFileError } from './types.ts';

const COMMON =
  'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name';
const MEASURES =
  'inreq_ehc,ass_refused_ehc,new_all_ehc,inc_exc_20week_ehc,tot_inc_exc_ehc,inc_exc_20week_rate,no_exc_20week_ehc,tot_no_exc_ehc,no_exc_20week_rate,statements_to_ehc';

function file(lines: string[], header = `${COMMON},${MEASURES}`) {
  return { name: 'sen2_mi_2014-2022.csv', bytes: new TextEncoder().encode([header, ...lines].join('\n')) };
}

const WOLVERHAMPTON_2022 =
  '"2022","Calendar year","Local authority","E92000001","England","E12000005","West Midlands","E08000031","336","Wolverhampton","457","49","377","92","376"," 24.5","90","350","25.7","z"';
const ENGLAND_2014 =
  '2014,Calendar year,National,E92000001,England,,,,,,z,2122,1359,836,1359,61.500000000000,757,1177,64.300000000000,2736';

describe('parseSen2Mi', () => {
  it('reads the five measures the file carries, with their counts', () => {
    const part = parseSen2Mi(file([WOLVERHAMPTON_2022, ENGLAND_2014]));
    expect(part).toMatchObject({
      source: 'sen2-mi',
      part: 'sen2_mi.csv',
      release:
        'Education, health and care plans (SEN2 aggregate return, sen2_mi.csv), calendar years 2014 to 2022',
      rowsRead: 2,
    });
    const of = (measure: string, area: string) =>
      part.figures.find((f) => f.measure === measure && f.areaCode === area);
    expect(of('requests-received', '336')).toMatchObject({
      value: 457,
      sourceRow: 2,
      period: '2022',
      gssCode: 'E08000031',
    });
    expect(of('requests-refused', '336')).toMatchObject({ numerator: 49, denominator: 457, marker: null });
    expect(of('requests-refused', '336')?.value).toBeCloseTo((100 * 49) / 457, 10);
    expect(of('new-plans', '336')).toMatchObject({ value: 377 });
    expect(of('plans-within-20-weeks', '336')).toMatchObject({
      numerator: 92,
      denominator: 376,
      value: 24.5,
    });
    expect(of('plans-within-20-weeks-excluding-exceptions', '336')).toMatchObject({
      numerator: 90,
      denominator: 350,
      value: 25.7,
    });
    // 2014: no initial requests were collected ("z"), so there is no refusal rate either.
    expect(of('requests-received', 'E92000001')).toMatchObject({
      value: null,
      marker: 'z',
      geographicLevel: 'national',
    });
    expect(of('requests-refused', 'E92000001')).toMatchObject({
      numerator: 2122,
      denominator: null,
      value: null,
      marker: 'z',
    });
    expect(of('plans-within-20-weeks', 'E92000001')).toMatchObject({
      numerator: 836,
      denominator: 1359,
      value: 61.5,
    });
  });

  it('is told apart by its columns', () => {
    expect(looksLikeSen2Mi(SEN2_MI_COLUMNS)).toBe(true);
    expect(looksLikeSen2Mi(['time_period', 'ehcplans'])).toBe(false);
  });

  it('refuses a file without its columns, naming them', () => {
    const header = `${COMMON},${MEASURES.replace('tot_no_exc_ehc', 'tot_no_exc')}`;
    expect(() => parseSen2Mi(file([], header))).toThrow(PublishedFileError);
    expect(() => parseSen2Mi(file([], header))).toThrow(/missing tot_no_exc_ehc/);
  });

  it('refuses a period that is not a calendar year, and an LA without its three-digit number', () => {
    expect(() =>
      parseSen2Mi(file([ENGLAND_2014.replace('2014,Calendar year', '201415,Academic year')])),
    ).toThrow(/line 2: time period "201415" \(Academic year\) is not a calendar year/);
    expect(() => parseSen2Mi(file([WOLVERHAMPTON_2022.replace('"336"', '"E08000031"')]))).toThrow(
      /"E08000031" is not a valid area code for a Local authority row/,
    );
  });

  it('refuses the same area twice in a year', () => {
    expect(() => parseSen2Mi(file([WOLVERHAMPTON_2022, WOLVERHAMPTON_2022]))).toThrow(
      /lines 2 and 3 are both Wolverhampton in 2022/,
    );
  });
});
