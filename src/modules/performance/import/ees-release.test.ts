import { describe, expect, it } from 'vitest';
import { parseEhcPlansRelease, periodOf, releaseName } from './ees-release.ts';
import { releaseCsv, releaseZip, TRIBUNAL_PART } from './test-fixtures.ts';
import { PublishedFileError, type PublishedFigure } from './types.ts';

const parse = (bytes: Uint8Array) =>
  parseEhcPlansRelease({ name: 'education-health-and-care-plans_2025.zip', bytes });

function figure(figures: PublishedFigure[], measure: string, areaCode: string, period: string) {
  return figures.find((f) => f.measure === measure && f.areaCode === areaCode && f.period === period);
}

describe('periodOf', () => {
  it('reads calendar years as they are and an academic year as the January census within it', () => {
    expect(periodOf('2024', 'Calendar year', 'calendar-year')).toBe('2024');
    expect(periodOf('202425', 'Academic year', 'january')).toBe('2025-01');
    expect(periodOf('201819', 'Academic year', 'january')).toBe('2019-01');
    expect(periodOf('199900', 'Academic year', 'january')).toBe('2000-01');
  });

  it('gives nothing for a period of another kind', () => {
    expect(periodOf('202425', 'Academic year', 'calendar-year')).toBeUndefined();
    expect(periodOf('2024', 'Calendar year', 'january')).toBeUndefined();
    expect(periodOf('202426', 'Academic year', 'january')).toBeUndefined();
  });
});

describe('releaseName', () => {
  it('names the release from its data guidance', () => {
    expect(releaseName('Education, health and care plans\r\nReporting year 2025\r\n', 'r.zip')).toBe(
      'Education, health and care plans, reporting year 2025',
    );
  });

  it('refuses the guidance of another release', () => {
    expect(() => releaseName('Special educational needs in England\nReporting year 2025\n', 'r.zip')).toThrow(
      /r.zip: its data guidance is for "Special educational needs in England", not the "Education, health and care plans" release/,
    );
  });
});

describe('parseEhcPlansRelease', () => {
  it('reads every part: the all-rows breakdown of each topic, and the tribunal table', () => {
    const release = parse(releaseZip());
    expect(release.release).toBe('Education, health and care plans, reporting year 2025');
    expect(release.parts.map((p) => [p.source, p.part, p.rowsRead, p.figures.length])).toEqual([
      ['ehc-plans-release', 'data/caseload.csv', 16, 8],
      ['ehc-plans-release', 'data/newplans.csv', 16, 8],
      ['ehc-plans-release', 'data/requests.csv', 16, 24],
      ['ehc-plans-release', 'data/assessments.csv', 16, 8],
      ['ehc-plans-release', 'data/timeliness_20_week.csv', 16, 16],
      ['ehc-plans-release', 'data/annual_reviews.csv', 16, 16],
      // Wolverhampton, Nottingham and England, two years, and the 2024 "in development" series.
      ['send-tribunal-appeal-rate', TRIBUNAL_PART, 6, 9],
    ]);
    expect(
      release.parts.every((p) =>
        p.figures.every((f) => f.breakdown === 'Total' || f.measure === 'tribunal-appeal-rate'),
      ),
    ).toBe(true);
  });

  it('keys areas by LA number, region GSS code and England, with the period in the platform’s terms', () => {
    const figures = parse(releaseZip()).parts.flatMap((p) => p.figures);
    const plans = figure(figures, 'active-plans', '336', '2025-01');
    expect(plans).toMatchObject({
      timePeriod: '202425',
      timeIdentifier: 'Academic year',
      geographicLevel: 'local-authority',
      gssCode: 'E08000031',
      areaName: 'Wolverhampton',
      breakdown: 'Total',
      numerator: null,
      denominator: null,
      value: 38, // 10 × 3 + "ehcplans".length
      marker: null,
    });
    // Line 1 is the header; each period has four areas, each an all-rows line then a breakdown line.
    expect(plans?.sourceRow).toBe(14);
    expect(figure(figures, 'active-plans', 'E12000005', '2025-01')).toMatchObject({
      geographicLevel: 'regional',
      areaName: 'West Midlands',
    });
    expect(figure(figures, 'active-plans', 'E92000001', '2025-01')).toMatchObject({
      geographicLevel: 'national',
      gssCode: 'E92000001',
      areaName: 'England',
    });
  });

  it('keeps numerators and denominators of the rates, summing a denominator published in two parts', () => {
    const value = (column: string, area: number) =>
      area !== 2
        ? '1'
        : ({
            plans_issued_within_20_weeks: '206',
            plans_issued_den: '395',
            pc_plans_issued_within_20_weeks: '52.2',
            request_outcome_six_weeks: '560',
            request_outcome_over_6_weeks: '14',
            request_outcome_six_weeks_pc: '97.6',
          }[column] ?? 'x');
    const figures = parse(
      releaseZip({
        'data/timeliness_20_week.csv': releaseCsv('data/timeliness_20_week.csv', { value }),
        'data/requests.csv': releaseCsv('data/requests.csv', { value }),
      }),
    ).parts.flatMap((p) => p.figures);
    expect(figure(figures, 'plans-within-20-weeks', '336', '2024')).toMatchObject({
      numerator: 206,
      denominator: 395,
      value: 52.2,
      marker: null,
    });
    expect(figure(figures, 'plans-within-20-weeks-excluding-exceptions', '336', '2024')).toMatchObject({
      numerator: null,
      denominator: null,
      value: null,
      marker: 'x',
    });
    expect(figure(figures, 'decisions-within-6-weeks', '336', '2024')).toMatchObject({
      numerator: 560,
      denominator: 574,
      value: 97.6,
    });
    expect(figure(figures, 'requests-refused', '336', '2024')).toMatchObject({
      numerator: null,
      marker: 'x',
    });
  });

  it('reads the no-plan decisions within 16 weeks from assessments.csv: within ÷ (within + over), the published rate kept', () => {
    // Wolverhampton 2023 as published: 10 within 16 weeks, 5 over, 66.7%.
    const value = (column: string, area: number) =>
      area !== 2
        ? 'x'
        : ({
            outcome_decision_within_time: '10',
            outcome_decision_over_time: '5',
            outcome_decision_within_time_pc: '66.7',
          }[column] ?? 'x');
    const release = parse(
      releaseZip({ 'data/assessments.csv': releaseCsv('data/assessments.csv', { value }) }),
    );
    const part = release.parts.find((p) => p.part === 'data/assessments.csv');
    expect(part?.figures.map((f) => f.measure)).toEqual(
      Array.from({ length: 8 }, () => 'no-plan-decisions-within-16-weeks'),
    );
    expect(figure(part?.figures ?? [], 'no-plan-decisions-within-16-weeks', '336', '2023')).toMatchObject({
      timeIdentifier: 'Calendar year',
      breakdown: 'Total',
      numerator: 10,
      denominator: 15,
      value: 66.7,
      marker: null,
    });
    // Before 2023 the release prints x: no value, the marker kept, never 0.
    expect(
      figure(part?.figures ?? [], 'no-plan-decisions-within-16-weeks', 'E92000001', '2023'),
    ).toMatchObject({
      numerator: null,
      denominator: null,
      value: null,
      marker: 'x',
    });
  });

  it('refuses a release without assessments.csv', () => {
    expect(() => parse(releaseZip({ 'data/assessments.csv': null }))).toThrow(
      /it has no data\/assessments.csv\. Expected the DfE/,
    );
  });

  it('joins the tribunal table on names, not its printed codes, and reports a name it does not know', () => {
    const release = parse(releaseZip());
    const tribunal = release.parts.find((p) => p.source === 'send-tribunal-appeal-rate')?.figures ?? [];
    expect(figure(tribunal, 'tribunal-appeal-rate', '892', '2023')).toMatchObject({
      areaName: 'Nottingham',
      gssCode: 'E06000018',
      numerator: null,
      denominator: 1500,
      value: 0,
      marker: '-',
      sourceRow: 7,
    });
    expect(tribunal.some((f) => f.areaCode === '891')).toBe(false);
    expect(figure(tribunal, 'tribunal-appeal-rate', 'E92000001', '2024')).toMatchObject({
      numerator: 22276,
      denominator: 689739,
      value: 3.2,
    });
    expect(
      tribunal.find((f) => f.areaCode === '336' && f.period === '2024' && f.breakdown !== 'Total'),
    ).toMatchObject({
      numerator: 27,
      denominator: 2036,
      value: 1.3,
      breakdown: 'In development: appealable decisions counted the new way',
    });
    expect(release.tribunal.unknownNames).toEqual([{ line: 8, name: 'Atlantis3' }]);
    expect(release.warnings).toContain(
      `${TRIBUNAL_PART} line 8: "Atlantis3" is no LA the release names; its appeal rates were not stored.`,
    );
    // Nottingham's wrong code is a known one, so it is not reported.
    expect(release.tribunal.codeMismatches).toEqual([]);
    expect(release.tribunal.skipped.map((s) => s.name)).toEqual([
      'WEST MIDLANDS',
      'England total excluding suppressed',
    ]);
  });

  it('refuses a zip without the release’s files, naming what was expected', () => {
    const bytes = releaseZip({ 'data/timeliness_20_week.csv': null, 'data/annual_reviews.csv': null });
    expect(() => parse(bytes)).toThrow(PublishedFileError);
    expect(() => parse(bytes)).toThrow(
      /education-health-and-care-plans_2025.zip is not the expected release: it has no data\/timeliness_20_week.csv, data\/annual_reviews.csv. Expected the DfE "Education, health and care plans" release zip/,
    );
  });

  it('refuses a data file with wrong columns, naming the columns', () => {
    const bytes = releaseZip({
      'data/timeliness_20_week.csv': releaseCsv('data/timeliness_20_week.csv', {
        dropColumn: 'plans_issued_den_ex',
      }),
    });
    expect(() => parse(bytes)).toThrow(
      /data\/timeliness_20_week.csv does not have the columns expected of data\/timeliness_20_week.csv of the "Education, health and care plans" release: missing plans_issued_den_ex/,
    );
  });

  it('refuses a file that is not UTF-8', () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode(releaseCsv('data/caseload.csv', { bom: false })),
      0xa3,
      0x0a,
    ]);
    expect(() => parse(releaseZip({ 'data/caseload.csv': latin1 }))).toThrow(
      /data\/caseload.csv is not UTF-8 text/,
    );
  });

  it('refuses a cell that is neither a number nor a marker', () => {
    const value = (column: string, area: number) => (area === 2 && column === 'ehcplans' ? 'n/a' : '5');
    expect(() =>
      parse(releaseZip({ 'data/caseload.csv': releaseCsv('data/caseload.csv', { value }) })),
    ).toThrow(/data\/caseload.csv line 6, column ehcplans: "n\/a" is neither a number nor a marker/);
  });

  it('refuses two rows giving the same figures', () => {
    const bytes = releaseZip({
      'data/newplans.csv': releaseCsv('data/newplans.csv', { periods: ['2024', '2024'] }),
    });
    expect(() => parse(bytes)).toThrow(
      /lines 2 and 10 both give the New EHC plans figures of England for 2024/,
    );
  });

  it('refuses a truncated zip', () => {
    const bytes = releaseZip();
    expect(() => parse(bytes.subarray(0, Math.floor(bytes.length / 2)))).toThrow(
      /is not a complete zip file/,
    );
  });
});
