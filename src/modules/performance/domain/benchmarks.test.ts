import { describe, expect, it } from 'vitest';
import { parseValue } from '../import/lait.ts';
import { MARKER_MEANINGS, MARKERS, parseCell } from '../import/markers.ts';
import {
  compareWithBenchmarks,
  figureValue,
  formatCount,
  formatRate,
  markerLabel,
  neighbourListFor,
  publishedPeriodEnd,
  rate,
  roundedRate,
  roundHalfUp,
  trend,
  type BenchmarkFigure,
} from './benchmarks.ts';
import { BENCHMARK_CONVENTIONS, measure, MEASURES, type Measure } from './catalogue.ts';

describe('rate', () => {
  it('is numerator ÷ denominator as a percentage, and null with no denominator or a zero one', () => {
    expect(rate(206, 395)).toBeCloseTo(52.151898734, 8);
    expect(rate(0, 10)).toBe(0);
    expect(rate(3, 0)).toBeNull();
    expect(rate(3, null)).toBeNull();
    expect(rate(null, 10)).toBeNull();
    expect(rate(3, undefined)).toBeNull();
  });
});

describe('roundHalfUp', () => {
  it('rounds half up on the decimal digits, where Math.round(x * 100) / 100 goes wrong', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // the naive way
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
    expect(roundHalfUp(1.045, 2)).toBe(1.05);
    expect(roundHalfUp(52.25, 1)).toBe(52.3);
    expect(roundHalfUp(52.24999, 1)).toBe(52.2);
    expect(roundHalfUp(0.5, 0)).toBe(1);
    expect(roundHalfUp(2.5, 0)).toBe(3); // not to even
    expect(roundHalfUp(9.995, 2)).toBe(10);
    expect(roundHalfUp(99.95, 1)).toBe(100);
    expect(roundHalfUp(0.004, 2)).toBe(0);
    expect(roundHalfUp(12, 1)).toBe(12);
  });

  it('rounds negative numbers away from zero, and tiny and huge ones correctly', () => {
    expect(roundHalfUp(-1.005, 2)).toBe(-1.01);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
    expect(roundHalfUp(1.5e-7, 7)).toBe(2e-7);
    expect(roundHalfUp(1.4e-7, 7)).toBe(1e-7);
    expect(roundHalfUp(4e-8, 2)).toBe(0);
    expect(roundHalfUp(1.2345e21, 1)).toBe(1.2345e21);
    expect(roundHalfUp(Number.NaN, 1)).toBeNaN();
    expect(() => roundHalfUp(1, 1.5)).toThrow(RangeError);
  });

  it('rounds a rate from its counts in whole numbers', () => {
    // 1 of 8 is 12.5%; 1,005 of 100,000 is 1.005% exactly.
    expect(roundedRate(1, 8, 0)).toBe(13);
    expect(roundedRate(1005, 100_000, 2)).toBe(1.01);
    expect(roundedRate(206, 395, 1)).toBe(52.2);
    expect(roundedRate(2, 3, 1)).toBe(66.7);
    expect(roundedRate(1, 3, 1)).toBe(33.3);
    expect(roundedRate(0, 5, 1)).toBe(0);
    expect(roundedRate(5, 0, 1)).toBeNull();
    // 1 of 13 is 7.6923…%: 7.69 exactly as written, not 7 + 69/100 = 7.6899999999999995.
    expect(roundedRate(1, 13, 2)).toBe(7.69);
    expect(String(roundedRate(1, 13, 2))).toBe('7.69');
  });

  it('gives, for every count over a sweep, the double of the decimal rounded half up: no float noise', () => {
    // The reference: the exact quotient in whole numbers (BigInt), rounded half up by its remainder, written
    // out as a decimal string with the point put in.
    const reference = (n: number, d: number, places: number): string => {
      const scaled = BigInt(n) * 10n ** BigInt(places + 2);
      let q = scaled / BigInt(d);
      if (2n * (scaled % BigInt(d)) >= BigInt(d)) q += 1n;
      if (places === 0) return q.toString();
      const digits = q.toString().padStart(places + 1, '0');
      return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
    };
    let checked = 0;
    const counts = [
      ...Array.from({ length: 120 }, (_, i) => i + 1),
      997,
      1_000,
      4_587,
      99_999,
      154_489,
      689_739,
      2 ** 31 - 1,
    ];
    for (const d of counts)
      for (const n of new Set([
        0,
        1,
        2,
        3,
        7,
        Math.floor(d / 3),
        Math.floor(d / 2),
        d - 1,
        d,
        d + 1,
        2 * d + 5,
      ]))
        for (const places of [0, 1, 2, 3, 4]) {
          if (n < 0) continue;
          const expected = reference(n, d, places);
          const got = roundedRate(n, d, places) as number;
          expect(got, `${n}/${d} at ${places}`).toBe(Number(expected));
          // Printed back, the number is the decimal itself, with no more places than asked for.
          expect(got.toFixed(places), `${n}/${d} at ${places}`).toBe(expected);
          expect((String(got).split('.')[1] ?? '').length, `${n}/${d} at ${places}`).toBeLessThanOrEqual(
            places,
          );
          checked += 1;
        }
    expect(checked).toBeGreaterThan(5_000);
  });
});

describe('formatting for display', () => {
  it('shows rates to one place, half up, with the trailing zero', () => {
    expect(formatRate(52.15189, 1)).toBe('52.2%');
    expect(formatRate(50, 1)).toBe('50.0%');
    expect(formatRate({ numerator: 1005, denominator: 100_000 }, 2)).toBe('1.01%');
    expect(formatRate({ numerator: 3, denominator: 0 })).toBe('no figure');
    expect(formatRate(null, 1, 'c')).toBe('suppressed');
    expect(formatRate(null, 1, 'x')).toBe('not available');
  });

  it('shows counts with thousands separators, and markers in words, never as 0', () => {
    expect(formatCount(700_000)).toBe('700,000');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null, 'z')).toBe('not applicable');
    expect(formatCount(null, 'low')).toBe('rounds to 0, but is not 0');
    expect(formatCount(null, '')).toBe('no figure');
    expect(markerLabel('*')).toBe('suppressed');
    expect(markerLabel('..')).toBe('not available');
  });

  it('labels every marker the parsers emit, from the one list in import/markers.ts', () => {
    // The SEND Tribunal table's notes: "~ Suppressed", ".. Not Available".
    expect(markerLabel('~')).toBe('suppressed');
    expect(markerLabel('k')).toBe('rounds to 0, but is not 0');
    expect(markerLabel('.')).toBe('not applicable');
    expect(markerLabel(' X ')).toBe('not available');
    expect(markerLabel('-')).toBe('nil or not available');
    // The LAIT data store prints these as they come (parseValue keeps the case).
    expect(markerLabel('NA')).toBe('not available');
    expect(markerLabel('NaN')).toBe('not available');
    expect(markerLabel(null)).toBe('no figure');
    expect(markerLabel('n/a')).toBe('no figure');
    for (const printed of MARKERS) {
      expect(markerLabel(printed), printed).toBe(MARKER_MEANINGS[printed]);
      expect(markerLabel(printed), printed).not.toMatch(/^0|zero$/);
    }
    // What a parser keeps as a marker has a label of its own, not the fallback.
    for (const printed of ['x', 'z', 'c', '..', '-', '*', 'low', 'u', 'k', '~', ':', '.'])
      expect(parseCell(printed).marker !== null && markerLabel(parseCell(printed).marker)).not.toBe(
        'no figure',
      );
    for (const printed of ['NA', 'NaN', '-'])
      expect(markerLabel(parseValue(printed).marker), printed).not.toBe('no figure');
  });
});

const fig = (
  areaCode: string,
  areaName: string,
  f: Partial<BenchmarkFigure> = {},
  geographicLevel: BenchmarkFigure['geographicLevel'] = 'local-authority',
): BenchmarkFigure => ({
  period: '2024',
  areaCode,
  areaName,
  geographicLevel,
  numerator: null,
  denominator: null,
  value: null,
  marker: null,
  ...f,
});

describe('figureValue', () => {
  it('computes a rate from the counts when both are published, else takes the published value', () => {
    expect(figureValue(fig('336', 'W', { numerator: 206, denominator: 395, value: 52.2 }))).toBeCloseTo(
      52.1519,
      4,
    );
    expect(figureValue(fig('336', 'W', { value: 3.4 }))).toBe(3.4);
    expect(figureValue(fig('336', 'W', { numerator: 5, denominator: 0, value: 0 }))).toBe(0);
    expect(figureValue(fig('336', 'W', { marker: 'c' }))).toBeNull();
    expect(figureValue(fig('336', 'W', { value: 576 }), 'count')).toBe(576);
  });
});

describe('the neighbour list in force', () => {
  const lists = [
    { name: 'May 2025', inForceFrom: '2025-05-01' },
    { name: 'April 2021', inForceFrom: '2021-04-01' },
  ];
  it('is the latest list in force at the end of the period', () => {
    expect(neighbourListFor(lists, '2021-12-31')).toEqual({ list: lists[1], inForce: true });
    expect(neighbourListFor(lists, '2024-12-31')).toEqual({ list: lists[1], inForce: true });
    expect(neighbourListFor(lists, '2025-05-01')).toEqual({ list: lists[0], inForce: true });
    expect(neighbourListFor(lists, '2025-12-31')).toEqual({ list: lists[0], inForce: true });
  });
  it('before any list, the earliest, marked as not in force; none without lists', () => {
    expect(neighbourListFor(lists, '2019-12-31')).toEqual({ list: lists[1], inForce: false });
    expect(neighbourListFor([], '2019-12-31')).toBeNull();
  });
  it('knows the last day of each kind of published period', () => {
    expect(publishedPeriodEnd('2024')).toBe('2024-12-31');
    expect(publishedPeriodEnd('2024-02')).toBe('2024-02-29');
    expect(publishedPeriodEnd('2025-01')).toBe('2025-01-31');
    expect(publishedPeriodEnd('2024/25')).toBe('2025-08-31');
    expect(publishedPeriodEnd('next year')).toBeNull();
  });
});

describe('compareWithBenchmarks', () => {
  const neighbour = (rank: number, number: string, name: string) => ({
    laNumber: '336',
    laName: 'Wolverhampton',
    rank,
    neighbourLaNumber: number,
    neighbourName: name,
  });
  const lists = [
    {
      name: 'April 2021',
      inForceFrom: '2021-04-01',
      neighbours: [
        neighbour(1, '333', 'Sandwell'),
        neighbour(2, '332', 'Dudley'),
        neighbour(3, '335', 'Walsall'),
        { ...neighbour(1, '336', 'Wolverhampton'), laNumber: '333', laName: 'Sandwell' },
      ],
    },
    {
      name: 'May 2025',
      inForceFrom: '2025-05-01',
      neighbours: [neighbour(1, '331', 'Coventry'), neighbour(2, '333', 'Sandwell')],
    },
  ];
  const figures: BenchmarkFigure[] = [
    fig('336', 'Wolverhampton', { numerator: 206, denominator: 395, value: 52.2 }),
    fig('E92000001', 'England', { numerator: 46_000, denominator: 100_000, value: 46 }, 'national'),
    fig('E12000005', 'West Midlands', { value: 40.5 }, 'regional'),
    fig('333', 'Sandwell', { numerator: 30, denominator: 60 }), // 50%
    fig('332', 'Dudley', { numerator: 9, denominator: 10 }), // 90%: the mean is of rates, not of counts
    fig('335', 'Walsall', { marker: 'c' }),
    fig('331', 'Coventry', { value: 70, period: '2025' }),
    fig('333', 'Sandwell', { value: 10, period: '2025' }),
  ];

  it('the area, England, the region and the unweighted mean of the neighbours with a figure', () => {
    const c = compareWithBenchmarks(figures, {
      period: '2024',
      areaCode: '336',
      regionCode: 'E12000005',
      neighbourLists: lists,
    });
    expect(c.area.value).toBeCloseTo(52.1519, 4);
    expect(c.england.value).toBe(46);
    expect(c.region).toMatchObject({ areaName: 'West Midlands', value: 40.5, status: 'figure' });
    expect(c.neighbours.list).toEqual({ name: 'April 2021', inForceFrom: '2021-04-01', inForce: true });
    // (50 + 90) / 2, not (30 + 9) / (60 + 10).
    expect(c.neighbours.mean).toBe(70);
    expect(c.neighbours.withFigure).toBe(2);
    expect(c.neighbours.of).toBe(3);
    expect(c.neighbours.suppressed).toEqual(['Walsall']);
    expect(c.neighbours.missing).toEqual([]);
    expect(c.neighbours.members.map((m) => [m.rank, m.areaName, m.status])).toEqual([
      [1, 'Sandwell', 'figure'],
      [2, 'Dudley', 'figure'],
      [3, 'Walsall', 'suppressed'],
    ]);
  });

  it('uses the list in force for the period, and shows an area with no row as missing, not zero', () => {
    const c = compareWithBenchmarks(figures, { period: '2025', areaCode: '336', neighbourLists: lists });
    expect(c.neighbours.list?.name).toBe('May 2025');
    expect(c.neighbours.mean).toBe(40); // Coventry 70, Sandwell 10
    expect(c.area).toMatchObject({ status: 'missing', value: null });
    expect(c.england).toMatchObject({ status: 'missing', value: null, areaName: 'England' });
    expect(c.region).toBeNull();
  });

  it('with no neighbour figures the mean is null, with every neighbour listed as missing', () => {
    const c = compareWithBenchmarks([], { period: '2023', areaCode: '336', neighbourLists: lists });
    expect(c.neighbours.mean).toBeNull();
    expect(c.neighbours.withFigure).toBe(0);
    expect(c.neighbours.missing).toEqual(['Sandwell', 'Dudley', 'Walsall']);
  });
});

describe('trend', () => {
  const s = (...values: (number | null)[]) => values.map((value, i) => ({ period: String(2019 + i), value }));
  it('compares the last two values as shown, the better way for the measure', () => {
    expect(trend(s(50, 55), true)).toBe('improving');
    expect(trend(s(55, 50), true)).toBe('worsening');
    expect(trend(s(55, 50), false)).toBe('improving');
    expect(trend(s(52.21, 52.24), true)).toBe('no change'); // both 52.2
    expect(trend(s(52.24, 52.25), true)).toBe('improving'); // 52.2 to 52.3
    expect(trend(s(40, null, 50), true)).toBe('improving'); // the latest against the latest earlier figure
  });
  it('is not comparable when the latest period has no value, rather than comparing older points', () => {
    // Suppressed or missing this year: last year against the year before says nothing about now.
    expect(trend(s(40, 50, null), true)).toBe('not comparable');
    expect(trend(s(40, 50, Number.NaN), true)).toBe('not comparable');
    // The series is taken in period order, whatever order it comes in.
    expect(
      trend(
        [
          { period: '2024', value: null },
          { period: '2022', value: 40 },
          { period: '2023', value: 50 },
        ],
        true,
      ),
    ).toBe('not comparable');
  });
  it('compares a count with a direction (the catalogue’s rule), and no volume', () => {
    const outstanding = measure('annual-reviews-outstanding') as Measure;
    expect(outstanding.kind).toBe('count');
    expect(trend(s(985, 700), outstanding.higherIsBetter, { places: 0 })).toBe('improving');
    expect(trend(s(700, 985), outstanding.higherIsBetter, { places: 0 })).toBe('worsening');
    for (const m of MEASURES) {
      const t = trend(s(100, 200), m.higherIsBetter, { places: 0 });
      expect(t === 'not comparable', m.id).toBe(m.higherIsBetter === null);
    }
    const rule = BENCHMARK_CONVENTIONS.find((c) => c.title === 'Improving or not')?.text ?? '';
    expect(rule).toMatch(/for a volume/);
    expect(rule).toMatch(/count with a direction.* is compared/);
    expect(rule).not.toMatch(/or for a count\./);
  });
  it('is not comparable with fewer than two values, across a series break, or for a volume', () => {
    expect(trend(s(50), true)).toBe('not comparable');
    expect(trend(s(null, 50), true)).toBe('not comparable');
    expect(trend([], true)).toBe('not comparable');
    const breaks = [{ from: '2023', note: 'SEN2 became person-level' }];
    expect(
      trend(
        [
          { period: '2022', value: 40 },
          { period: '2023', value: 60 },
        ],
        true,
        { seriesBreaks: breaks },
      ),
    ).toBe('not comparable');
    expect(
      trend(
        [
          { period: '2023', value: 40 },
          { period: '2024', value: 60 },
        ],
        true,
        { seriesBreaks: breaks },
      ),
    ).toBe('improving');
    expect(trend(s(100, 200), null)).toBe('not comparable');
  });
});
