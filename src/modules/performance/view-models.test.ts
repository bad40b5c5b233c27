import { describe, expect, it } from 'vitest';
import type { Comparison } from './domain/benchmarks.ts';
import { measure } from './domain/catalogue.ts';
import { calendarYear, dateRange, month } from './domain/periods.ts';
import type { CaseworkPoint, Dashboard, MeasureView, PublishedFigureShown } from './service.ts';
import {
  caseworkBlock,
  caseworkChart,
  caseworkTable,
  definitionRows,
  downloadTable,
  markerText,
  measureDownload,
  periodHeading,
  periodQuery,
  publishedBlock,
  publishedChart,
  publishedTable,
  readPeriodQuery,
  summaryTable,
  trendTag,
  trendTagFromSeries,
  valueText,
  valuesFor,
  type TableModel,
} from './view-models.ts';

const TODAY = '2026-12-02';
const DEFAULT = calendarYear(2026);

// ------------------------------------------------------------------ fixtures, worked by hand

function known(id: string) {
  const m = measure(id);
  if (!m) throw new Error(`no measure ${id}`);
  return m;
}
const plans = known('plans-within-20-weeks');
const requests = known('requests-received');

const point = (year: number, numerator: number, denominator: number | null): CaseworkPoint => ({
  period: calendarYear(year),
  numerator,
  denominator,
  value: denominator ? (100 * numerator) / denominator : denominator === null ? numerator : null,
});

const area = (
  code: string,
  name: string,
  numerator: number | null,
  denominator: number | null,
  marker: string | null = null,
) => ({
  areaCode: code,
  areaName: name,
  numerator,
  denominator,
  value: numerator !== null && denominator ? (100 * numerator) / denominator : null,
  status: numerator === null ? ('suppressed' as const) : ('figure' as const),
  marker,
});

function comparison(
  period: string,
  areaFigure: ReturnType<typeof area>,
  englandRate: number,
  mean: number | null,
): Comparison {
  return {
    period,
    area: areaFigure,
    england: { ...area('E92000001', 'England', null, null), value: englandRate, status: 'figure' },
    region: { ...area('E12000005', 'West Midlands', null, null), value: 50, status: 'figure' },
    neighbours: {
      list: { name: 'April 2021', inForceFrom: '2021-04-01', inForce: true },
      mean,
      withFigure: mean === null ? 0 : 9,
      of: 10,
      members: [],
      suppressed: mean === null ? [] : ['Walsall'],
      missing: [],
    },
  };
}

const provenance = {
  source: 'ehc-plans-release' as const,
  release: 'Education, health and care plans, reporting year 2025',
  fileName: 'education-health-and-care-plans_2025.zip',
  part: 'data/timeliness_20_week.csv',
  row: 1234,
  importedAt: new Date('2026-11-30T10:00:00Z'),
  isDemo: false,
};

const plansView: MeasureView = {
  measure: plans,
  casework: {
    series: [point(2025, 383, 527), point(2026, 347, 428)],
    chosen: point(2026, 347, 428),
    lastYear: point(2025, 383, 527),
    breakdowns: [],
    trend: 'improving',
  },
  published: {
    series: [
      comparison('2022', area('336', 'Wolverhampton', 92, 376), 49.2, 57.14),
      comparison('2023', area('336', 'Wolverhampton', null, null, 'c'), 50.3, 53.6),
      comparison('2024', area('336', 'Wolverhampton', 206, 395), 45.94, null),
    ],
    latest: comparison('2024', area('336', 'Wolverhampton', 206, 395), 45.94, null),
    trend: 'not comparable',
    figures: [
      {
        period: '2023',
        areaCode: '336',
        areaName: 'Wolverhampton',
        role: 'area',
        numerator: null,
        denominator: null,
        value: null,
        marker: 'c',
        provenance,
      } satisfies PublishedFigureShown,
      {
        period: '2024',
        areaCode: '336',
        areaName: 'Wolverhampton',
        role: 'area',
        numerator: 206,
        denominator: 395,
        value: (100 * 206) / 395,
        marker: null,
        provenance: { ...provenance, row: 1300 },
      },
    ],
    releases: [
      {
        source: 'ehc-plans-release',
        release: 'Education, health and care plans, reporting year 2025',
        isDemo: false,
      },
    ],
  },
};

const requestsView: MeasureView = {
  measure: requests,
  casework: {
    series: [point(2025, 597, null), point(2026, 830, null)],
    chosen: point(2026, 830, null),
    lastYear: point(2025, 597, null),
    breakdowns: [],
    trend: 'not comparable',
  },
  published: { series: [], latest: null, trend: 'not comparable', figures: [], releases: [] },
};

const dashboard: Dashboard = {
  period: DEFAULT,
  today: TODAY,
  area: { name: 'Wolverhampton', laCode: '336' },
  region: { code: 'E12000005', name: 'West Midlands' },
  measures: [plansView, requestsView],
  canPrepareSen2: false,
};

// ------------------------------------------------------------------ the period filter

describe('the period asked for', () => {
  it('is the default when nothing is asked for', () => {
    expect(readPeriodQuery({}, TODAY, DEFAULT)).toEqual({
      ok: true,
      period: DEFAULT,
      values: { 'period-type': 'year', year: '2026' },
      chosen: false,
    });
  });

  it('reads a calendar year, a month and a range of dates', () => {
    expect(readPeriodQuery({ 'period-type': 'year', year: '2024' }, TODAY, DEFAULT)).toMatchObject({
      ok: true,
      period: calendarYear(2024),
      chosen: true,
    });
    expect(
      readPeriodQuery({ 'period-type': 'month', 'month-month': '3', 'month-year': '2026' }, TODAY, DEFAULT),
    ).toMatchObject({ ok: true, period: month('2026-03') });
    expect(
      readPeriodQuery(
        {
          'period-type': 'range',
          'from-day': '1',
          'from-month': '4',
          'from-year': '2025',
          'to-day': '31',
          'to-month': '3',
          'to-year': '2026',
        },
        TODAY,
        DEFAULT,
      ),
    ).toMatchObject({ ok: true, period: dateRange('2025-04-01', '2026-03-31') });
  });

  it('refuses what is not a period, saying what is wrong and linking to the field', () => {
    const refused = (query: Record<string, string>) => {
      const choice = readPeriodQuery(query, TODAY, DEFAULT);
      if (choice.ok) throw new Error('accepted');
      return { summary: choice.errors.summary, values: choice.values };
    };
    expect(refused({ 'period-type': 'year', year: '' }).summary).toEqual([
      { text: 'Select a year', href: '#year' },
    ]);
    expect(refused({ 'period-type': 'year', year: '2027' }).summary[0]?.text).toBe(
      'Year must be between 2010 and 2026',
    );
    expect(refused({ 'period-type': 'month', 'month-month': '1', 'month-year': '2027' }).summary[0]).toEqual({
      text: 'The month must be this month or in the past',
      href: '#month-month',
    });
    expect(refused({ 'period-type': 'month', 'month-month': '4' }).summary[0]?.href).toBe('#month-year');
    const range = refused({
      'period-type': 'range',
      'from-day': '31',
      'from-month': '2',
      'from-year': '2026',
      'to-day': '',
      'to-month': '',
      'to-year': '',
    });
    expect(range.summary).toEqual([
      { text: 'The start date must be a real date', href: '#from-day' },
      { text: 'Enter the end date', href: '#to-day' },
    ]);
    expect(range.values['from-day']).toBe('31');
    expect(
      refused({
        'period-type': 'range',
        'from-day': '1',
        'from-month': '1',
        'from-year': '2015',
        'to-day': '1',
        'to-month': '1',
        'to-year': '2026',
      }).summary[0]?.text,
    ).toBe('The dates must be no more than 5 years apart');
    expect(refused({ 'period-type': 'quarter' }).summary[0]).toEqual({
      text: 'Choose a calendar year, a month or a range of dates',
      href: '#year',
    });
  });

  it('round-trips through the query string links carry', () => {
    for (const period of [calendarYear(2024), month('2026-03'), dateRange('2025-04-01', '2026-03-31')]) {
      const query = Object.fromEntries(new URLSearchParams(periodQuery(period).slice(1)));
      expect(readPeriodQuery(query, TODAY, DEFAULT)).toMatchObject({ ok: true, period });
      expect(valuesFor(period)['period-type']).toBeTruthy();
    }
  });

  it('says when a period is still running', () => {
    expect(periodHeading(calendarYear(2026), TODAY)).toBe('2026 (to 2 December)');
    expect(periodHeading(calendarYear(2025), TODAY)).toBe('2025');
    expect(periodHeading(month('2026-12'), TODAY)).toBe('December 2026 (to 2 December)');
  });
});

// ------------------------------------------------------------------ figures in words

describe('figures as shown', () => {
  it('rounds rates half up to one place and separates thousands', () => {
    expect(valueText(45.95, 'rate')).toBe('46.0%');
    expect(valueText(12.25, 'rate')).toBe('12.3%');
    expect(valueText(638745, 'count')).toBe('638,745');
  });

  it('shows what was printed instead of a number, never a zero', () => {
    expect(markerText('c')).toBe('Suppressed (c)');
    expect(markerText('x')).toBe('Not available (x)');
    expect(markerText('z')).toBe('Not applicable (z)');
    expect(markerText('')).toBe('No figure published');
    expect(valueText(null, 'rate', 'c')).toBe('Suppressed (c)');
  });

  it('says whether a measure is improving, and for a volume which way it went', () => {
    expect(trendTag('improving', plans, 81, 72).text).toBe('Improving');
    expect(trendTag('worsening', plans, 70, 72).text).toBe('Getting worse');
    expect(trendTag('not comparable', requests, 830, 597)).toEqual({
      text: 'Up',
      classes: 'govuk-tag--blue',
    });
    expect(trendTag('not comparable', requests, 830, null).text).toBe('No earlier figure');
  });

  it('compares nothing when the latest period has no figure, for a rate or a volume', () => {
    expect(trendTagFromSeries('not comparable', plans, [60, 70, null]).text).toBe(
      'No figure for the latest period',
    );
    expect(trendTagFromSeries('not comparable', requests, [597, 830, null]).text).toBe(
      'No figure for the latest period',
    );
    expect(trendTagFromSeries('improving', plans, [null, 60, 70]).text).toBe('Improving');
  });
});

// ------------------------------------------------------------------ tables and downloads

describe('tables', () => {
  it('give the casework series with the counts behind each rate', () => {
    const table = caseworkTable(plansView, dashboard);
    expect(table?.head.map((h) => h.text)).toEqual(['Period', 'Numerator', 'Denominator', 'Rate']);
    expect(table?.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['2025', '383', '527', '72.7%'],
      ['2026 (to 2 December)', '347', '428', '81.1%'],
    ]);
    // 347 / 428 = 81.07…%: the download has the rate as shown.
    expect(downloadTable(table as TableModel).rows[1]).toEqual(['2026 (to 2 December)', 347, 428, 81.1]);
    expect(caseworkTable(requestsView, dashboard)?.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['2025', '597'],
      ['2026 (to 2 December)', '830'],
    ]);
  });

  it('give the published series, a suppressed figure as suppressed and a missing mean as such', () => {
    const table = publishedTable(plansView, dashboard);
    expect(table?.head.map((h) => h.text)).toEqual([
      'Period',
      'Numerator',
      'Denominator',
      'Wolverhampton',
      'England',
      'West Midlands',
      'Neighbours (mean)',
    ]);
    expect(table?.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['2022', '92', '376', '24.5%', '49.2%', '50.0%', '57.1%'],
      ['2023', '', '', 'Suppressed (c)', '50.3%', '50.0%', '53.6%'],
      ['2024', '206', '395', '52.2%', '45.9%', '50.0%', 'No neighbour figures'],
    ]);
    const download = downloadTable(table as TableModel);
    expect(download.rows[1]).toEqual(['2023', '', '', 'Suppressed (c)', 50.3, 50, 53.6]);
  });

  it('sum up every measure for the period, casework and published apart', () => {
    const casework = summaryTable(dashboard, 'casework');
    expect(casework.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['New EHC plans issued within 20 weeks, including exceptions', '81.1%', '72.7%', 'Improving'],
      ['Requests for an EHC needs assessment received', '830', '597', 'Up'],
    ]);
    const published = summaryTable(dashboard, 'published');
    expect(published.rows[0]?.map((c) => c.text)).toEqual([
      'New EHC plans issued within 20 weeks, including exceptions',
      '2024',
      '52.2%',
      '45.9%',
      '50.0%',
      'No neighbour figures',
      'Not comparable (series break)',
    ]);
    expect(published.rows[1]?.[1]?.text).toBe('None imported');
    expect(summaryTable(dashboard).head).toHaveLength(1 + 3 + 6);
  });

  it('download a whole measure with where each published figure came from', () => {
    const download = measureDownload(plansView, dashboard);
    expect(download.head).toEqual([
      'Source',
      'Area',
      'Period',
      'Breakdown',
      'Numerator',
      'Denominator',
      'Rate (%)',
      'Marker',
      'Release',
      'File',
      'Part',
      'Row',
    ]);
    expect(download.rows[0]).toEqual([
      'From our casework (live)',
      'Wolverhampton',
      '2025',
      'Total',
      383,
      527,
      72.7,
      null,
      null,
      null,
      null,
      null,
    ]);
    const suppressed = download.rows.find((r) => r[2] === '2023' && r[1] === 'Wolverhampton');
    expect(suppressed).toEqual([
      'Published: DfE',
      'Wolverhampton',
      '2023',
      'Total',
      null,
      null,
      null,
      'Suppressed (c)',
      'Education, health and care plans, reporting year 2025',
      'education-health-and-care-plans_2025.zip',
      'data/timeliness_20_week.csv',
      1234,
    ]);
    expect(download.rows.filter((r) => String(r[0]).startsWith('Computed'))).toHaveLength(2);
  });
});

// ------------------------------------------------------------------ blocks and charts

describe('a measure on the dashboard', () => {
  it('labels where each figure comes from', () => {
    expect(caseworkBlock(plansView)?.label).toBe('From our casework (live)');
    const published = publishedBlock(plansView, dashboard);
    expect(published?.label).toBe('Published: DfE, Education, health and care plans, reporting year 2025');
    expect((published as { rows: { key: { text: string } }[] }).rows.map((r) => r.key.text)).toEqual([
      'Wolverhampton',
      'England',
      'West Midlands',
      'Statistical neighbours (mean)',
    ]);
    expect(publishedBlock(requestsView, dashboard)).toEqual({
      label: 'Published statistics',
      empty: 'No published figures for this measure have been imported for Wolverhampton.',
    });
  });

  it('charts the casework as a line for a rate and bars for a count, described in words', () => {
    const rate = caseworkChart(plansView, dashboard);
    expect(rate).toMatchObject({ kind: 'line', unit: 'percent', periods: ['2025', '2026'] });
    expect(rate?.series[0]?.values[1]).toBeCloseTo(81.07, 2);
    expect(rate?.description).toContain('2026 (to 2 December): 81.1% (347 out of 428).');
    expect(caseworkChart(requestsView, dashboard)).toMatchObject({
      kind: 'bar',
      unit: 'count',
      series: [{ values: [597, 830] }],
    });
  });

  it('charts the published series against England, the region and the neighbours, gaps left as gaps', () => {
    const chart = publishedChart(plansView, dashboard);
    expect(chart?.series.map((s) => [s.label, s.style])).toEqual([
      ['Wolverhampton', 'area'],
      ['England', 'england'],
      ['West Midlands', 'region'],
      ['Neighbours (mean)', 'neighbours'],
    ]);
    expect(chart?.series[0]?.values[1]).toBeNull();
    expect(chart?.series[3]?.values[2]).toBeNull();
    // SEN2 became person-level in 2023: a break between 2022 and 2023.
    expect(chart?.breaks).toEqual([{ period: '2023', label: 'Series break' }]);
    expect(chart?.description).toContain('2024: Wolverhampton 52.2%; England 45.9%, West Midlands 50.0%');
  });

  it('writes out a definition', () => {
    expect(definitionRows(plans).map((r) => r.key.text)).toEqual([
      'Numerator',
      'Denominator',
      'Period',
      'Source',
      'Counting convention',
      'Shown from',
      'Which is better',
      'Series breaks',
    ]);
    expect(definitionRows(requests)[1]?.value.text).toBe('None: this measure is a count');
  });
});

describe('number formats', () => {
  it('write rates and counts exactly as benchmarks.ts does', async () => {
    const { formatRate: theirs, formatCount: theirCount } = await import('./domain/benchmarks.ts');
    const { formatRate: ours, formatCount: ourCount } = await import('./view-models.ts');
    for (const v of [0, 0.05, 1.005, 2.675, 45.95, 99.95, 100, 12345.65]) expect(ours(v)).toBe(theirs(v, 1));
    for (const [n, d] of [
      [1, 3],
      [2, 3],
      [347, 428],
      [1, 8],
      [0, 5],
    ] as const)
      expect(ours({ numerator: n, denominator: d })).toBe(theirs({ numerator: n, denominator: d }, 1));
    for (const v of [0, 7, 1234, 638745, 2.5]) expect(ourCount(v)).toBe(theirCount(v));
  });
});
