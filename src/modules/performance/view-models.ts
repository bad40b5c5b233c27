/**
 * The dashboard's figures → what the pages, charts and downloads show. Every rate is rounded here, on display,
 * half up (benchmarks.ts); a figure the publisher did not print is shown as what was printed ("Suppressed (c)"),
 * never as 0; every table exists once, as a TableModel, and is both the HTML table under its chart and the
 * CSV and Excel download, so the three can never disagree.
 */
import { daysBetween, formatDate } from '../../lib/dates.ts';
import type { ErrorSummaryItem, FormErrors } from '../../lib/forms.ts';
import { escapeHtml } from '../../lib/html.ts';
import { dateFromFields } from '../ehc/view-models.ts';
import type { ChartInput, SeriesStyle } from './charts.ts';
import {
  markerLabel,
  roundHalfUp,
  roundedRate,
  type AreaValue,
  type Comparison,
  type Trend,
} from './domain/benchmarks.ts';
import type { Measure } from './domain/catalogue.ts';
import { ADVICE_TYPES } from './domain/measures.ts';
import { calendarYear, dateRange, month, type Period } from './domain/periods.ts';
import {
  FIRST_YEAR,
  type CaseworkPoint,
  type Dashboard,
  type MeasureView,
  type PublishedView,
} from './service.ts';
import type { Cell as DownloadCell, Table as DownloadTable } from './spreadsheet.ts';
import type { PublishedSource } from './import/types.ts';

export const PERFORMANCE_PATHS = {
  dashboard: '/performance',
  summaryCsv: '/performance/summary.csv',
  summaryXlsx: '/performance/summary.xlsx',
  measure: (id: string) => `/performance/measures/${id}`,
  definition: (id: string) => `/performance/measures/${id}/definition`,
  download: (id: string, format: 'csv' | 'xlsx') => `/performance/measures/${id}.${format}`,
  sen2: '/performance/sen2',
} as const;

export const CASEWORK_LABEL = 'From our casework (live)';

const PUBLISHERS: Record<PublishedSource, string> = {
  'ehc-plans-release': 'DfE',
  'sen2-mi': 'DfE',
  lait: 'DfE',
  'statistical-neighbours': 'DfE',
  'send-tribunal-appeal-rate': 'MoJ and DfE',
};

// ------------------------------------------------------------------ period filter

export type PeriodFormValues = Record<string, string>;

export type PeriodChoice =
  | { ok: true; period: Period; values: PeriodFormValues; chosen: boolean }
  | { ok: false; errors: FormErrors; values: PeriodFormValues };

const PERIOD_FIELDS = [
  'period-type',
  'year',
  'month-month',
  'month-year',
  'from-day',
  'from-month',
  'from-year',
  'to-day',
  'to-month',
  'to-year',
] as const;

/** The most days a date range may span: five years and a leap day. */
const MAX_RANGE_DAYS = 5 * 365 + 2;

function errorsOf(items: { field: string; href: string; text: string }[]): FormErrors {
  const fields: FormErrors['fields'] = {};
  const summary: ErrorSummaryItem[] = [];
  for (const item of items) {
    if (fields[item.field]) continue;
    fields[item.field] = { text: item.text };
    summary.push({ text: item.text, href: item.href });
  }
  return { summary, fields };
}

/**
 * The period asked for in the query string (the filter form is a GET, so a filtered page can be bookmarked
 * and shared): a calendar year, a month or a range of dates. No period asked for: the default one. Anything
 * else is refused with GOV.UK messages, and what was typed comes back.
 */
export function readPeriodQuery(query: unknown, today: string, defaultPeriod: Period): PeriodChoice {
  const raw = (query !== null && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const values: PeriodFormValues = {};
  for (const name of PERIOD_FIELDS) {
    const v = raw[name];
    if (typeof v === 'string') values[name] = v.trim().slice(0, 20);
    else if (Array.isArray(v) && typeof v[0] === 'string') values[name] = v[0].trim().slice(0, 20);
  }
  const type = values['period-type'] ?? '';
  if (!type && PERIOD_FIELDS.every((f) => !values[f]))
    return { ok: true, period: defaultPeriod, values: valuesFor(defaultPeriod), chosen: false };
  const thisYear = Number(today.slice(0, 4));
  const fail = (field: string, href: string, text: string): PeriodChoice => ({
    ok: false,
    values,
    errors: errorsOf([{ field, href: `#${href}`, text }]),
  });

  if (type === 'year') {
    const year = values.year ?? '';
    if (!year) return fail('year', 'year', 'Select a year');
    if (!/^\d{4}$/.test(year)) return fail('year', 'year', 'Year must be a year, like 2025');
    if (Number(year) < FIRST_YEAR || Number(year) > thisYear)
      return fail('year', 'year', `Year must be between ${FIRST_YEAR} and ${thisYear}`);
    return { ok: true, period: calendarYear(Number(year)), values, chosen: true };
  }
  if (type === 'month') {
    const m = values['month-month'] ?? '';
    const y = values['month-year'] ?? '';
    if (!m && !y) return fail('month', 'month-month', 'Enter the month and year');
    if (!m) return fail('month', 'month-month', 'The month must include a month');
    if (!y) return fail('month', 'month-year', 'The month must include a year');
    if (!/^\d{1,2}$/.test(m) || Number(m) < 1 || Number(m) > 12 || !/^\d{4}$/.test(y))
      return fail('month', 'month-month', 'The month must be a real month, like 3 2025');
    const key = `${y}-${m.padStart(2, '0')}`;
    if (key > today.slice(0, 7))
      return fail('month', 'month-month', 'The month must be this month or in the past');
    if (Number(y) < FIRST_YEAR)
      return fail('month', 'month-year', `The month must be in ${FIRST_YEAR} or later`);
    return { ok: true, period: month(key), values, chosen: true };
  }
  if (type === 'range') {
    const items: { field: string; href: string; text: string }[] = [];
    const from = dateFromFields(values, 'from', 'the start date');
    const to = dateFromFields(values, 'to', 'the end date');
    if (!from.ok) items.push({ field: 'from', href: '#from-day', text: from.message });
    else if (from.value < `${FIRST_YEAR}-01-01`)
      items.push({
        field: 'from',
        href: '#from-day',
        text: `The start date must be in ${FIRST_YEAR} or later`,
      });
    else if (from.value > today)
      items.push({ field: 'from', href: '#from-day', text: 'The start date must be today or in the past' });
    if (!to.ok) items.push({ field: 'to', href: '#to-day', text: to.message });
    else if (to.value > today)
      items.push({ field: 'to', href: '#to-day', text: 'The end date must be today or in the past' });
    if (items.length === 0 && from.ok && to.ok) {
      if (to.value < from.value)
        items.push({
          field: 'to',
          href: '#to-day',
          text: 'The end date must be the same as or after the start date',
        });
      else if (daysSpanned(from.value, to.value) > MAX_RANGE_DAYS)
        items.push({ field: 'to', href: '#to-day', text: 'The dates must be no more than 5 years apart' });
    }
    if (items.length > 0) return { ok: false, values, errors: errorsOf(items) };
    return {
      ok: true,
      period: dateRange((from as { value: string }).value, (to as { value: string }).value),
      values,
      chosen: true,
    };
  }
  return fail('period-type', 'year', 'Choose a calendar year, a month or a range of dates');
}

function daysSpanned(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

/** The form's fields for a period, as the query string carries them. */
export function valuesFor(period: Period): PeriodFormValues {
  switch (period.kind) {
    case 'calendar-year':
      return { 'period-type': 'year', year: period.key };
    case 'month':
      return {
        'period-type': 'month',
        'month-month': String(Number(period.key.slice(5, 7))),
        'month-year': period.key.slice(0, 4),
      };
    case 'range':
      return {
        'period-type': 'range',
        'from-day': String(Number(period.from.slice(8, 10))),
        'from-month': String(Number(period.from.slice(5, 7))),
        'from-year': period.from.slice(0, 4),
        'to-day': String(Number(period.to.slice(8, 10))),
        'to-month': String(Number(period.to.slice(5, 7))),
        'to-year': period.to.slice(0, 4),
      };
  }
}

/** "?period-type=year&year=2025": links that keep the period chosen. */
export function periodQuery(period: Period): string {
  return `?${new URLSearchParams(valuesFor(period)).toString()}`;
}

/** The filter form's macro parameters: radios for the kind of period, each revealing its own fields. */
export function periodForm(
  values: PeriodFormValues,
  errors: FormErrors | undefined,
  today: string,
  action: string,
) {
  const thisYear = Number(today.slice(0, 4));
  const type = values['period-type'] ?? 'year';
  const error = (field: string) => errors?.fields[field];
  const dateItems = (name: string, parts: ('day' | 'month' | 'year')[]) =>
    parts.map((part) => ({
      name: part,
      label: part.charAt(0).toUpperCase() + part.slice(1),
      value: values[`${name}-${part}`] ?? '',
      classes: `govuk-input--width-${part === 'year' ? 4 : 2}${error(name) ? ' govuk-input--error' : ''}`,
      inputmode: 'numeric',
    }));
  const years = [];
  for (let y = thisYear; y >= FIRST_YEAR; y -= 1)
    years.push({ value: String(y), text: String(y), selected: values.year === String(y) });
  const yearValid =
    /^\d{4}$/.test(values.year ?? '') && Number(values.year) >= FIRST_YEAR && Number(values.year) <= thisYear;
  return {
    action,
    type,
    typeError: error('period-type') ? { text: error('period-type')?.text } : undefined,
    year: {
      id: 'year',
      name: 'year',
      label: { text: 'A calendar year', classes: 'govuk-label--s' },
      items: [...(yearValid ? [] : [{ value: '', text: 'Select a year', selected: true }]), ...years],
      errorMessage: error('year') ? { text: error('year')?.text } : undefined,
    },
    month: {
      id: 'month',
      namePrefix: 'month',
      fieldset: { legend: { text: 'A month', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'For example, 3 2026' },
      items: dateItems('month', ['month', 'year']),
      errorMessage: error('month') ? { text: error('month')?.text } : undefined,
    },
    from: {
      id: 'from',
      namePrefix: 'from',
      fieldset: { legend: { text: 'From', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'For example, 1 4 2025' },
      items: dateItems('from', ['day', 'month', 'year']),
      errorMessage: error('from') ? { text: error('from')?.text } : undefined,
    },
    to: {
      id: 'to',
      namePrefix: 'to',
      fieldset: { legend: { text: 'To', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'For example, 31 3 2026' },
      items: dateItems('to', ['day', 'month', 'year']),
      errorMessage: error('to') ? { text: error('to')?.text } : undefined,
    },
  };
}

/** "2026 (to 2 December)" for a period still running, else its label. */
export function periodHeading(period: Period, today: string): string {
  if (period.from <= today && today < period.to) {
    const date = formatDate(today);
    return `${period.label} (to ${period.from.slice(0, 4) === today.slice(0, 4) ? date.replace(/ \d{4}$/, '') : date})`;
  }
  return period.label;
}

// ------------------------------------------------------------------ figures in words

// As benchmarks.ts formatRate and formatCount write them, rounded by the same half-up functions, with one
// number format each made once: a page shows a few thousand figures, and making an Intl format for each
// was a tenth of the dashboard's time.
const ONE_PLACE = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** "52.2%": a rate to one decimal place, half up; from the counts when given them (exactly). */
export function formatRate(value: number | { numerator: number; denominator: number }): string {
  const rounded =
    typeof value === 'number' ? roundHalfUp(value, 1) : roundedRate(value.numerator, value.denominator, 1);
  return rounded === null || !Number.isFinite(rounded) ? 'No figure' : `${ONE_PLACE.format(rounded)}%`;
}

/** "1,234" */
export function formatCount(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '' : WHOLE.format(roundHalfUp(value, 0));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Suppressed (c)", "Not available (x)": what was printed in place of a number, never a zero. */
export function markerText(marker: string | null): string {
  const m = (marker ?? '').trim();
  if (!m) return 'No figure published';
  return `${capitalise(markerLabel(m))} (${m})`;
}

/** A value as shown: a rate to one decimal place, half up; a count with thousands separated. */
export function valueText(value: number | null, kind: Measure['kind'], marker: string | null = null): string {
  if (value === null) return marker === null ? 'No figure' : markerText(marker);
  return kind === 'rate' ? formatRate(value) : formatCount(value);
}

/** The number as shown (for downloads): a rate rounded to one place, half up; a count as it is. */
function shownNumber(value: number | null, kind: Measure['kind']): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return kind === 'rate' ? roundHalfUp(value, 1) : value;
}

function caseworkValueText(point: CaseworkPoint, kind: Measure['kind']): string {
  if (kind === 'count') return formatCount(point.numerator);
  if (!point.denominator) return 'None in the period';
  return formatRate({ numerator: point.numerator, denominator: point.denominator });
}

function caseworkNumber(point: CaseworkPoint, kind: Measure['kind']): number | null {
  if (kind === 'count') return point.numerator;
  if (!point.denominator) return null;
  return roundedRate(point.numerator, point.denominator, 1);
}

function countsText(point: CaseworkPoint): string {
  if (point.denominator === null) return '';
  return `${formatCount(point.numerator)} out of ${formatCount(point.denominator)}`;
}

function areaValueText(v: AreaValue | null, kind: Measure['kind']): string {
  if (!v) return 'Not known';
  if (v.status === 'missing') return 'Not published';
  return valueText(v.value, kind, v.marker ?? '');
}

export type Tag = { text: string; classes: string };

const TREND_TAGS: Record<Trend, Tag> = {
  improving: { text: 'Improving', classes: 'govuk-tag--green' },
  worsening: { text: 'Getting worse', classes: 'govuk-tag--red' },
  'no change': { text: 'No change', classes: 'govuk-tag--grey' },
  'not comparable': { text: 'Not comparable', classes: 'govuk-tag--grey' },
};

/** Whether a measure is improving, in words; for a volume (neither way is better), which way it moved. */
export function trendTag(t: Trend, m: Measure, latest: number | null, before: number | null): Tag {
  if (m.higherIsBetter === null) {
    if (latest === null || before === null) return { text: 'No earlier figure', classes: 'govuk-tag--grey' };
    const places = m.kind === 'rate' ? 1 : 0;
    const a = roundHalfUp(before, places);
    const z = roundHalfUp(latest, places);
    if (a === z) return { text: 'No change', classes: 'govuk-tag--grey' };
    return { text: z > a ? 'Up' : 'Down', classes: 'govuk-tag--blue' };
  }
  return TREND_TAGS[t];
}

export function trendTagFromSeries(t: Trend, m: Measure, values: (number | null)[]): Tag {
  // A trend is about the latest period: with no figure for it, older periods are not compared.
  if (values.length > 0 && values.at(-1) === null)
    return { text: 'No figure for the latest period', classes: 'govuk-tag--grey' };
  const present = values.filter((v): v is number => v !== null);
  if (t === 'not comparable' && m.higherIsBetter !== null)
    return present.length < 2
      ? { text: 'No earlier figure', classes: 'govuk-tag--grey' }
      : { text: 'Not comparable (series break)', classes: 'govuk-tag--grey' };
  return trendTag(t, m, present.at(-1) ?? null, present.at(-2) ?? null);
}

/** "2024", "January 2025", "2024/25": a published period in words. */
export function publishedPeriodLabel(period: string): string {
  const monthly = /^(\d{4})-(\d{2})$/.exec(period);
  if (monthly) return month(period).label;
  return period;
}

/** A short label for a chart's axis: "Mar 2026" for a month. */
function axisLabel(period: Period): string {
  if (period.kind === 'month') return `${period.label.slice(0, 3)} ${period.key.slice(0, 4)}`;
  if (period.kind === 'range')
    return period.from === period.to
      ? formatDate(period.from)
      : `${shortDate(period.from)} to ${shortDate(period.to)}`;
  return period.label;
}

function shortDate(iso: string): string {
  const [d, m, y] = formatDate(iso).split(' ');
  return `${d} ${(m ?? '').slice(0, 3)} ${y}`;
}

function shortPublishedLabel(period: string): string {
  const monthly = /^(\d{4})-(\d{2})$/.exec(period);
  if (monthly) return `${month(period).label.slice(0, 3)} ${monthly[1]}`;
  return period;
}

/** "Published: DfE, Education, health and care plans, reporting year 2025" */
export function publishedLabel(view: PublishedView): string {
  const first = view.releases[0];
  if (!first) return 'Published statistics';
  const publisher = PUBLISHERS[first.source];
  const release = first.release.startsWith(publisher) ? first.release : `${publisher}, ${first.release}`;
  return `Published: ${release}${first.isDemo ? ' (demo extract)' : ''}`;
}

// ------------------------------------------------------------------ tables

export type TableCell = { text: string; number?: number | null; numeric?: boolean; header?: boolean };
export type TableModel = {
  /** The caption; also the download's title and sheet name. */
  caption: string;
  head: { text: string; numeric?: boolean }[];
  rows: TableCell[][];
};

const num = (text: string, number: number | null): TableCell => ({ text, number, numeric: true });
const txt = (text: string): TableCell => ({ text });

/** GOV.UK table macro parameters. */
export function govukTableParams(
  table: TableModel,
  options: { captionClasses?: string; classes?: string } = {},
) {
  return {
    classes: `app-table--figures${options.classes ? ` ${options.classes}` : ''}`,
    caption: table.caption,
    captionClasses: options.captionClasses ?? 'govuk-table__caption--s',
    firstCellIsHeader: true,
    head: table.head.map((h) => ({ text: h.text, ...(h.numeric ? { format: 'numeric' } : {}) })),
    rows: table.rows.map((row) =>
      row.map((c) => ({ text: c.text, ...(c.numeric ? { format: 'numeric', classes: 'app-nowrap' } : {}) })),
    ),
  };
}

/** The same table as a download: numbers as numbers (rates as shown, to one place), markers as text. */
export function downloadTable(table: TableModel): DownloadTable {
  return {
    title: table.caption,
    head: table.head.map((h) => h.text),
    rows: table.rows.map((row) =>
      row.map((c): DownloadCell =>
        c.numeric && c.number !== undefined && c.number !== null ? c.number : c.text,
      ),
    ),
  };
}

function adviceTypeName(code: string): string {
  return ADVICE_TYPES.find((t) => t.code === code)?.label ?? code;
}

/** The casework series: every period, its counts and its rate. */
export function caseworkTable(view: MeasureView, d: Pick<Dashboard, 'area' | 'today'>): TableModel | null {
  const c = view.casework;
  if (!c) return null;
  const m = view.measure;
  const caption = `${m.title}, ${d.area.name}, from our casework`;
  if (m.kind === 'count')
    return {
      caption,
      head: [{ text: 'Period' }, { text: 'Number', numeric: true }],
      rows: c.series.map((p) => [
        { ...txt(periodHeading(p.period, d.today)), header: true },
        num(formatCount(p.numerator), p.numerator),
      ]),
    };
  return {
    caption,
    head: [
      { text: 'Period' },
      { text: 'Numerator', numeric: true },
      { text: 'Denominator', numeric: true },
      { text: 'Rate', numeric: true },
    ],
    rows: c.series.map((p) => [
      { ...txt(periodHeading(p.period, d.today)), header: true },
      num(formatCount(p.numerator), p.numerator),
      num(formatCount(p.denominator), p.denominator),
      num(caseworkValueText(p, m.kind), caseworkNumber(p, m.kind)),
    ]),
  };
}

/** A casework measure's breakdowns for the chosen period (advice by type and by organisation). */
export function breakdownTables(view: MeasureView, d: Pick<Dashboard, 'period' | 'today'>): TableModel[] {
  const c = view.casework;
  if (!c || c.breakdowns.length === 0) return [];
  const m = view.measure;
  const head = [
    { text: '' },
    { text: 'Numerator', numeric: true },
    { text: 'Denominator', numeric: true },
    { text: 'Rate', numeric: true },
  ];
  const tables: TableModel[] = [];
  for (const [kind, label, heading] of [
    ['type', 'by type of advice', 'Type of advice'],
    ['organisation', 'by partner organisation', 'Partner organisation'],
  ] as const) {
    const rows = c.breakdowns
      .filter((b) => b.kind === kind)
      .map((b) => [
        { ...txt(kind === 'type' ? adviceTypeName(b.name) : b.name), header: true },
        num(formatCount(b.point.numerator), b.point.numerator),
        num(formatCount(b.point.denominator), b.point.denominator),
        num(caseworkValueText(b.point, m.kind), caseworkNumber(b.point, m.kind)),
      ]);
    if (rows.length)
      tables.push({
        caption: `${m.title}, ${label}, ${periodHeading(d.period, d.today)}`,
        head: [{ text: heading }, ...head.slice(1)],
        rows,
      });
  }
  return tables;
}

function neighbourMeanText(c: Comparison, kind: Measure['kind']): string {
  if (!c.neighbours.list) return 'No neighbour list';
  if (c.neighbours.mean === null) return c.neighbours.of === 0 ? 'Not known' : 'No neighbour figures';
  return valueText(c.neighbours.mean, kind);
}

/** The published series: the area against England, the region and the neighbours' mean, period by period. */
export function publishedTable(view: MeasureView, d: Pick<Dashboard, 'area' | 'region'>): TableModel | null {
  const p = view.published;
  if (!p || p.series.length === 0) return null;
  const m = view.measure;
  // Counts where the publisher gave them (the LAIT gives only rates).
  const counts =
    m.kind === 'rate' && p.series.some((c) => c.area.numerator !== null || c.area.denominator !== null);
  const rows = p.series.map((c) => {
    const row: TableCell[] = [{ ...txt(publishedPeriodLabel(c.period)), header: true }];
    if (counts) {
      row.push(num(c.area.numerator === null ? '' : formatCount(c.area.numerator), c.area.numerator));
      row.push(num(c.area.denominator === null ? '' : formatCount(c.area.denominator), c.area.denominator));
    }
    row.push(num(areaValueText(c.area, m.kind), shownNumber(c.area.value, m.kind)));
    row.push(num(areaValueText(c.england, m.kind), shownNumber(c.england.value, m.kind)));
    if (d.region)
      row.push(num(areaValueText(c.region, m.kind), shownNumber(c.region?.value ?? null, m.kind)));
    row.push(num(neighbourMeanText(c, m.kind), shownNumber(c.neighbours.mean, m.kind)));
    return row;
  });
  const what = counts
    ? `${d.area.name}'s numerator and denominator, and each rate`
    : m.kind === 'rate'
      ? 'each rate'
      : 'each number';
  return {
    caption: `${m.title}, published: ${what}`,
    head: [
      { text: 'Period' },
      ...(counts
        ? [
            { text: 'Numerator', numeric: true },
            { text: 'Denominator', numeric: true },
          ]
        : []),
      { text: d.area.name, numeric: true },
      { text: 'England', numeric: true },
      ...(d.region ? [{ text: d.region.name, numeric: true }] : []),
      { text: 'Neighbours (mean)', numeric: true },
    ],
    rows,
  };
}

/** Each statistical neighbour's figure for the latest published period. */
export function neighboursTable(view: MeasureView): TableModel | null {
  const latest = view.published?.latest;
  if (!latest || latest.neighbours.members.length === 0) return null;
  const m = view.measure;
  const list = latest.neighbours.list;
  const counts =
    m.kind === 'rate' &&
    latest.neighbours.members.some((n) => n.numerator !== null || n.denominator !== null);
  return {
    caption: `${m.title}: statistical neighbours, ${publishedPeriodLabel(latest.period)}${list ? ` (${list.name}${list.inForce ? '' : ', the earliest list held'})` : ''}`,
    head: [
      { text: 'Local authority' },
      { text: 'Rank', numeric: true },
      ...(counts
        ? [
            { text: 'Numerator', numeric: true },
            { text: 'Denominator', numeric: true },
          ]
        : []),
      { text: m.kind === 'rate' ? 'Rate' : 'Number', numeric: true },
    ],
    rows: latest.neighbours.members.map((n) => [
      { ...txt(n.areaName), header: true },
      num(String(n.rank), n.rank),
      ...(counts
        ? [
            num(n.numerator === null ? '' : formatCount(n.numerator), n.numerator),
            num(n.denominator === null ? '' : formatCount(n.denominator), n.denominator),
          ]
        : []),
      num(areaValueText(n, m.kind), shownNumber(n.value, m.kind)),
    ]),
  };
}

/** Where every published figure shown came from: release, file, part and row. */
export function provenanceTable(view: MeasureView): TableModel | null {
  const p = view.published;
  if (!p || p.figures.length === 0) return null;
  const m = view.measure;
  const role = { area: 'The area', england: 'England', region: 'Region', neighbour: 'Statistical neighbour' };
  return {
    caption: `${m.title}: where each published figure comes from`,
    head: [
      { text: 'Period' },
      { text: 'Area' },
      { text: 'Compared as' },
      { text: 'Figure', numeric: true },
      { text: 'Release' },
      { text: 'File' },
      { text: 'Part' },
      { text: 'Row', numeric: true },
    ],
    rows: p.figures.map((f) => [
      { ...txt(publishedPeriodLabel(f.period)), header: true },
      txt(f.areaName),
      txt(role[f.role]),
      num(valueText(f.value, m.kind, f.marker ?? ''), shownNumber(f.value, m.kind)),
      txt(`${f.provenance.release}${f.provenance.isDemo ? ' (demo extract)' : ''}`),
      txt(f.provenance.fileName),
      txt(f.provenance.part),
      num(String(f.provenance.row), f.provenance.row),
    ]),
  };
}

export const SUMMARY_TABLES = ['casework', 'published'] as const;
export type SummaryTable = (typeof SUMMARY_TABLES)[number];

/**
 * The dashboard's summary, in two tables that each fit a page: every casework measure for the period chosen,
 * and every published measure's latest figure against the benchmarks. `null`: both in one table (the
 * download of the whole summary).
 */
export function summaryTable(d: Dashboard, part: SummaryTable | null = null): TableModel {
  const heading = periodHeading(d.period, d.today);
  const casework = part !== 'published';
  const published = part !== 'casework';
  const caption =
    part === 'casework'
      ? `Summary from our casework (live), ${d.area.name}: ${heading}`
      : part === 'published'
        ? `Summary of the published statistics, ${d.area.name}: latest published figures`
        : `SEND performance, ${d.area.name}: ${heading}`;
  const measures = d.measures.filter(
    (v) => (part === 'casework' ? v.casework : true) && (part === 'published' ? v.published : true),
  );
  return {
    caption,
    head: [
      { text: 'Measure' },
      ...(casework
        ? [
            { text: part ? heading : `From our casework (live), ${heading}`, numeric: true },
            { text: 'Same period last year', numeric: true },
            { text: part ? 'Trend' : 'Casework trend' },
          ]
        : []),
      ...(published
        ? [
            { text: 'Latest published period' },
            { text: part ? d.area.name : `Published, ${d.area.name}`, numeric: true },
            { text: 'England', numeric: true },
            ...(d.region ? [{ text: d.region.name, numeric: true }] : []),
            { text: 'Statistical neighbours (mean)', numeric: true },
            { text: part ? 'Trend' : 'Published trend' },
          ]
        : []),
    ],
    rows: measures.map((v) => {
      const m = v.measure;
      const c = v.casework;
      const p = v.published;
      const latest = p?.latest ?? null;
      const cells: TableCell[] = [{ ...txt(m.title), header: true }];
      if (casework)
        cells.push(
          c
            ? num(caseworkValueText(c.chosen, m.kind), caseworkNumber(c.chosen, m.kind))
            : num('Not from casework', null),
          c?.lastYear
            ? num(caseworkValueText(c.lastYear, m.kind), caseworkNumber(c.lastYear, m.kind))
            : num('', null),
          txt(
            c
              ? trendTagFromSeries(
                  c.trend,
                  m,
                  c.series.map((s) => s.value),
                ).text
              : '',
          ),
        );
      if (published)
        cells.push(
          txt(latest ? publishedPeriodLabel(latest.period) : p ? 'None imported' : 'Not published'),
          latest
            ? num(areaValueText(latest.area, m.kind), shownNumber(latest.area.value, m.kind))
            : num('', null),
          latest
            ? num(areaValueText(latest.england, m.kind), shownNumber(latest.england.value, m.kind))
            : num('', null),
          ...(d.region
            ? [
                latest
                  ? num(
                      areaValueText(latest.region, m.kind),
                      shownNumber(latest.region?.value ?? null, m.kind),
                    )
                  : num('', null),
              ]
            : []),
          latest
            ? num(neighbourMeanText(latest, m.kind), shownNumber(latest.neighbours.mean, m.kind))
            : num('', null),
          txt(
            p && latest
              ? trendTagFromSeries(
                  p.trend,
                  m,
                  p.series.map((s) => s.area.value),
                ).text
              : '',
          ),
        );
      return cells;
    }),
  };
}

/** The releases the published figures on the dashboard come from, for the note under the summary. */
export function releasesShown(d: Dashboard): string[] {
  const seen = new Set<string>();
  for (const v of d.measures)
    for (const r of v.published?.releases ?? [])
      seen.add(`${PUBLISHERS[r.source]}, ${r.release}${r.isDemo ? ' (demo extract)' : ''}`);
  return [...seen].sort();
}

/** Every table of one measure in one download: the casework series, then the published figures with their provenance. */
export function measureDownload(view: MeasureView, d: Dashboard): DownloadTable {
  const m = view.measure;
  const head = [
    'Source',
    'Area',
    'Period',
    'Breakdown',
    'Numerator',
    'Denominator',
    m.kind === 'rate' ? 'Rate (%)' : 'Number',
    'Marker',
    'Release',
    'File',
    'Part',
    'Row',
  ];
  const rows: DownloadCell[][] = [];
  const c = view.casework;
  if (c) {
    for (const p of c.series)
      rows.push([
        CASEWORK_LABEL,
        d.area.name,
        periodHeading(p.period, d.today),
        'Total',
        p.numerator,
        p.denominator,
        caseworkNumber(p, m.kind),
        null,
        null,
        null,
        null,
        null,
      ]);
    for (const b of c.breakdowns)
      rows.push([
        CASEWORK_LABEL,
        d.area.name,
        periodHeading(d.period, d.today),
        b.kind === 'type' ? `Type of advice: ${adviceTypeName(b.name)}` : `Partner organisation: ${b.name}`,
        b.point.numerator,
        b.point.denominator,
        caseworkNumber(b.point, m.kind),
        null,
        null,
        null,
        null,
        null,
      ]);
  }
  const p = view.published;
  if (p) {
    for (const f of p.figures)
      rows.push([
        `Published: ${PUBLISHERS[f.provenance.source]}`,
        f.areaName,
        publishedPeriodLabel(f.period),
        'Total',
        f.numerator,
        f.denominator,
        shownNumber(f.value, m.kind),
        f.value === null ? markerText(f.marker ?? '') : null,
        f.provenance.release,
        f.provenance.fileName,
        f.provenance.part,
        f.provenance.row,
      ]);
    for (const s of p.series)
      if (s.neighbours.mean !== null)
        rows.push([
          'Computed: unweighted mean of the statistical neighbours',
          `Statistical neighbours of ${d.area.name}${s.neighbours.list ? ` (${s.neighbours.list.name})` : ''}`,
          publishedPeriodLabel(s.period),
          `${s.neighbours.withFigure} of ${s.neighbours.of} neighbours with a figure`,
          null,
          null,
          shownNumber(s.neighbours.mean, m.kind),
          null,
          null,
          null,
          null,
          null,
        ]);
  }
  return { title: m.title, head, rows };
}

// ------------------------------------------------------------------ charts

const SERIES_LABELS = { neighbours: 'Statistical neighbours (mean)' };

function seriesBreaksAt(m: Measure, periods: string[]): { period: string; label: string }[] {
  const breaks: { period: string; label: string }[] = [];
  for (const b of m.seriesBreaks) {
    const at = periods.findIndex((p) => p >= b.from);
    if (at > 0) breaks.push({ period: periods[at] as string, label: 'Series break' });
  }
  return breaks;
}

/** The casework trend as a chart: bars for a count, a line for a rate. */
export function caseworkChart(
  view: MeasureView,
  d: Pick<Dashboard, 'area' | 'today'>,
  idPrefix = '',
): ChartInput | null {
  const c = view.casework;
  if (!c) return null;
  const m = view.measure;
  const periods = c.series.map((p) => axisLabel(p.period));
  const values = c.series.map((p) => (m.kind === 'count' ? p.numerator : p.value));
  const first = c.series[0] as CaseworkPoint;
  const chosen = c.chosen;
  const before = c.series.length > 1 ? c.series[c.series.length - 2] : undefined;
  const sentences = [
    `${m.kind === 'count' ? 'Bar' : 'Line'} chart of ${m.title.charAt(0).toLowerCase()}${m.title.slice(1)} in ${d.area.name}, from our casework, ${periodHeading(first.period, d.today)} to ${periodHeading(chosen.period, d.today)}.`,
    `${periodHeading(chosen.period, d.today)}: ${caseworkValueText(chosen, m.kind)}${chosen.denominator !== null && chosen.denominator > 0 ? ` (${countsText(chosen)})` : ''}.`,
    ...(before ? [`${periodHeading(before.period, d.today)}: ${caseworkValueText(before, m.kind)}.`] : []),
    'The table below gives every figure.',
  ];
  return {
    id: `${idPrefix}${m.id}-casework-chart`,
    title: `${m.title}: ${d.area.name}, from our casework`,
    description: sentences.join(' '),
    kind: m.kind === 'count' ? 'bar' : 'line',
    unit: m.kind === 'count' ? 'count' : 'percent',
    xTitle:
      c.series[0]?.period.kind === 'month'
        ? 'Month'
        : c.series[0]?.period.kind === 'range'
          ? 'Period'
          : 'Calendar year',
    periods,
    series: [{ label: `${d.area.name} (our casework)`, style: 'area', values }],
    breaks: [],
  };
}

/** The published trend as a chart: the area, England, the region and the neighbours' mean (a count: the area alone). */
export function publishedChart(
  view: MeasureView,
  d: Pick<Dashboard, 'area' | 'region'>,
  idPrefix = '',
): ChartInput | null {
  const p = view.published;
  if (!p || p.series.length === 0) return null;
  const m = view.measure;
  const periods = p.series.map((c) => shortPublishedLabel(c.period));
  const rate = m.kind === 'rate';
  const series: ChartInput['series'] = [
    { label: d.area.name, style: 'area' as SeriesStyle, values: p.series.map((c) => c.area.value) },
  ];
  if (rate) {
    series.push({ label: 'England', style: 'england', values: p.series.map((c) => c.england.value) });
    if (d.region)
      series.push({
        label: d.region.name,
        style: 'region',
        values: p.series.map((c) => c.region?.value ?? null),
      });
    series.push({
      label: 'Neighbours (mean)',
      style: 'neighbours',
      values: p.series.map((c) => c.neighbours.mean),
    });
  }
  const latest = p.latest as Comparison;
  const first = p.series[0] as Comparison;
  const compared = rate
    ? [
        `England ${areaValueText(latest.england, m.kind)}`,
        ...(d.region ? [`${d.region.name} ${areaValueText(latest.region, m.kind)}`] : []),
        `statistical neighbours' mean ${neighbourMeanText(latest, m.kind)}`,
      ].join(', ')
    : '';
  const sentences = [
    `${rate ? 'Line' : 'Bar'} chart of ${m.title.charAt(0).toLowerCase()}${m.title.slice(1)}, published, ${publishedPeriodLabel(first.period)} to ${publishedPeriodLabel(latest.period)}${rate ? `: ${d.area.name} against England${d.region ? `, ${d.region.name}` : ''} and the mean of its statistical neighbours` : `, ${d.area.name}`}.`,
    `${publishedPeriodLabel(latest.period)}: ${d.area.name} ${areaValueText(latest.area, m.kind)}${compared ? `; ${compared}` : ''}.`,
    ...(seriesBreaksAt(
      m,
      p.series.map((c) => c.period),
    ).length
      ? m.seriesBreaks.map((b) => b.note)
      : []),
    'The table below gives every figure.',
  ];
  return {
    id: `${idPrefix}${m.id}-published-chart`,
    title: `${m.title}: ${d.area.name}${rate ? ' against England, region and statistical neighbours' : ''}, published`,
    description: sentences.join(' '),
    kind: rate ? 'line' : 'bar',
    unit: rate ? 'percent' : 'count',
    xTitle: /^\d{4}-\d{2}$/.test(first.period)
      ? 'Census'
      : /\//.test(first.period)
        ? 'Year'
        : 'Calendar year',
    periods,
    series,
    breaks: seriesBreaksAt(
      m,
      p.series.map((c) => c.period),
    ).map((b) => ({ period: shortPublishedLabel(b.period), label: b.label })),
  };
}

// ------------------------------------------------------------------ a measure's blocks

/** The casework half of a measure: its headline figure, against the same period last year, and its trend. */
export function caseworkBlock(view: MeasureView) {
  const c = view.casework;
  if (!c) return null;
  const m = view.measure;
  const rows: { key: { text: string }; value: { text: string } }[] = [];
  if (c.lastYear)
    rows.push({
      key: { text: `Same period last year (${c.lastYear.period.label})` },
      value: {
        text: [
          caseworkValueText(c.lastYear, m.kind),
          c.lastYear.denominator ? `(${countsText(c.lastYear)})` : '',
        ]
          .filter(Boolean)
          .join(' '),
      },
    });
  const lastYearValue = c.lastYear ? c.lastYear.value : null;
  return {
    label: CASEWORK_LABEL,
    figure: caseworkValueText(c.chosen, m.kind),
    counts: countsText(c.chosen),
    rows,
    trend:
      m.higherIsBetter === null
        ? trendTag(c.trend, m, c.chosen.value, lastYearValue)
        : trendTagFromSeries(
            c.trend,
            m,
            c.series.map((s) => s.value),
          ),
    trendNote:
      m.higherIsBetter === null
        ? 'Against the same period last year.'
        : `Against the period before, as shown (${m.higherIsBetter ? 'higher' : 'lower'} is better).`,
  };
}

/** The published half: the latest figure against England, the region and the neighbours, and the trend. */
export function publishedBlock(view: MeasureView, d: Pick<Dashboard, 'area' | 'region'>) {
  const p = view.published;
  if (!p) return null;
  const m = view.measure;
  if (!p.latest)
    return {
      label: 'Published statistics',
      empty: `No published figures for this measure have been imported for ${d.area.name}.`,
    };
  const latest = p.latest;
  const list = latest.neighbours.list;
  const neighbourNote = list
    ? `Mean of ${latest.neighbours.withFigure} of ${latest.neighbours.of} neighbours with a figure (${list.name}${list.inForce ? '' : ', the earliest list held: no list was in force then'})${latest.neighbours.suppressed.length ? `; suppressed: ${latest.neighbours.suppressed.join(', ')}` : ''}${latest.neighbours.missing.length ? `; not published: ${latest.neighbours.missing.join(', ')}` : ''}.`
    : 'No statistical-neighbour list has been imported.';
  const rows = [
    {
      key: { text: d.area.name },
      value: {
        text: `${areaValueText(latest.area, m.kind)}${latest.area.numerator !== null && latest.area.denominator !== null && m.kind === 'rate' ? ` (${formatCount(latest.area.numerator)} out of ${formatCount(latest.area.denominator)})` : ''}`,
      },
    },
    { key: { text: 'England' }, value: { text: areaValueText(latest.england, m.kind) } },
    ...(d.region
      ? [{ key: { text: d.region.name }, value: { text: areaValueText(latest.region, m.kind) } }]
      : []),
    {
      key: { text: SERIES_LABELS.neighbours },
      value: {
        html: `${escapeHtml(neighbourMeanText(latest, m.kind))}<br><span class="govuk-body-s">${escapeHtml(neighbourNote)}</span>`,
      },
    },
  ];
  return {
    label: publishedLabel(p),
    period: publishedPeriodLabel(latest.period),
    figure: areaValueText(latest.area, m.kind),
    rows,
    trend: trendTagFromSeries(
      p.trend,
      m,
      p.series.map((s) => s.area.value),
    ),
    trendNote:
      m.higherIsBetter === null
        ? 'Against the year before.'
        : `${d.area.name} against the period before (${m.higherIsBetter ? 'higher' : 'lower'} is better).`,
    otherReleases: p.releases.slice(1).map((r) => `${PUBLISHERS[r.source]}, ${r.release}`),
    demo: p.releases.some((r) => r.isDemo),
  };
}

/** A measure's written definition as summary-list rows. */
export function definitionRows(m: Measure) {
  const better =
    m.higherIsBetter === null ? 'Neither: it is a volume' : m.higherIsBetter ? 'Higher' : 'Lower';
  const sources = m.sources
    .map((s) => (s === 'casework' ? 'Our casework (live)' : 'Published statistics'))
    .join(' and ');
  return [
    { key: { text: 'Numerator' }, value: { text: m.numerator } },
    { key: { text: 'Denominator' }, value: { text: m.denominator ?? 'None: this measure is a count' } },
    { key: { text: 'Period' }, value: { text: m.period } },
    { key: { text: 'Source' }, value: { text: m.source } },
    { key: { text: 'Counting convention' }, value: { text: m.countingConvention } },
    { key: { text: 'Shown from' }, value: { text: sources } },
    { key: { text: 'Which is better' }, value: { text: better } },
    {
      key: { text: 'Series breaks' },
      value: {
        text: m.seriesBreaks.length
          ? m.seriesBreaks.map((b) => `From ${b.from}: ${b.note}`).join(' ')
          : 'None',
      },
    },
  ];
}

/** The notes under a measure's heading where its published series breaks inside the periods shown. */
export function seriesBreakNotes(view: MeasureView): string[] {
  const periods = view.published?.series.map((c) => c.period) ?? [];
  return view.measure.seriesBreaks
    .filter((b) => periods.some((p) => p >= b.from) && periods.some((p) => p < b.from))
    .map((b) => `Series break from ${b.from}: ${b.note}`);
}

// ------------------------------------------------------------------ pages

export type DownloadLinks = { csv: string; xlsx: string };

/** The tables of a measure that can be downloaded on their own (`?table=`). */
export const MEASURE_TABLES = [
  'casework',
  'published',
  'neighbours',
  'provenance',
  'advice-by-type',
  'advice-by-organisation',
] as const;
export type MeasureTable = (typeof MEASURE_TABLES)[number];

export function downloadLinks(id: string, table: MeasureTable | null, period: Period): DownloadLinks {
  const query = new URLSearchParams({ ...(table ? { table } : {}), ...valuesFor(period) }).toString();
  return {
    csv: `${PERFORMANCE_PATHS.download(id, 'csv')}?${query}`,
    xlsx: `${PERFORMANCE_PATHS.download(id, 'xlsx')}?${query}`,
  };
}

/** One table of a measure, by its name in the query string; null when the measure has no such table. */
export function measureTable(view: MeasureView, d: Dashboard, table: MeasureTable): TableModel | null {
  switch (table) {
    case 'casework':
      return caseworkTable(view, d);
    case 'published':
      return publishedTable(view, d);
    case 'neighbours':
      return neighboursTable(view);
    case 'provenance':
      return provenanceTable(view);
    case 'advice-by-type':
    case 'advice-by-organisation': {
      const wanted = table === 'advice-by-type' ? 'by type of advice' : 'by partner organisation';
      return breakdownTables(view, d).find((t) => t.caption.includes(wanted)) ?? null;
    }
  }
}

/**
 * A measure as the dashboard (or its own page) shows it: its casework half and its published half, each with
 * its chart to draw (charts.ts), the chart's description, and its table with downloads.
 */
export function measureSection(view: MeasureView, d: Dashboard) {
  const m = view.measure;
  const cw = caseworkBlock(view);
  const cwTable = caseworkTable(view, d);
  const cwChart = caseworkChart(view, d);
  const pb = publishedBlock(view, d);
  const pTable = publishedTable(view, d);
  const pChart = publishedChart(view, d);
  const query = periodQuery(d.period);
  return {
    id: m.id,
    title: m.title,
    href: `${PERFORMANCE_PATHS.measure(m.id)}${query}`,
    definitionHref: PERFORMANCE_PATHS.definition(m.id),
    breaks: seriesBreakNotes(view),
    casework: cw
      ? {
          ...cw,
          heading: periodHeading(d.period, d.today),
          chart: cwChart,
          description: cwChart?.description ?? '',
          table: cwTable ? govukTableParams(cwTable) : null,
          downloads: downloadLinks(m.id, 'casework', d.period),
          svg: '',
        }
      : null,
    published: pb
      ? {
          ...pb,
          published: true,
          heading: 'period' in pb ? `Latest published: ${pb.period}` : '',
          chart: pChart,
          description: pChart?.description ?? '',
          table: pTable ? govukTableParams(pTable) : null,
          downloads: downloadLinks(m.id, 'published', d.period),
          svg: '',
        }
      : null,
  };
}

/** The measure page's extra tables: breakdowns, each neighbour, and provenance. */
export function measureDetailTables(view: MeasureView, d: Dashboard) {
  const m = view.measure;
  const breakdowns = breakdownTables(view, d).map((t) => ({
    heading: t.caption.includes('by type of advice') ? 'By type of advice' : 'By partner organisation',
    table: govukTableParams(t),
    downloads: downloadLinks(
      m.id,
      t.caption.includes('by type of advice') ? 'advice-by-type' : 'advice-by-organisation',
      d.period,
    ),
  }));
  const neighbours = neighboursTable(view);
  const provenance = provenanceTable(view);
  return {
    breakdowns,
    neighbours: neighbours
      ? { table: govukTableParams(neighbours), downloads: downloadLinks(m.id, 'neighbours', d.period) }
      : null,
    provenance: provenance
      ? {
          table: govukTableParams(provenance),
          downloads: downloadLinks(m.id, 'provenance', d.period),
          count: provenance.rows.length.toLocaleString('en-GB'),
        }
      : null,
    definitionRows: definitionRows(m),
    allDownloads: downloadLinks(m.id, null, d.period),
  };
}

/** The summary's downloads keep the period. */
export function summaryDownloads(period: Period, part: SummaryTable | null = null): DownloadLinks {
  const query = new URLSearchParams({ ...(part ? { table: part } : {}), ...valuesFor(period) }).toString();
  return {
    csv: `${PERFORMANCE_PATHS.summaryCsv}?${query}`,
    xlsx: `${PERFORMANCE_PATHS.summaryXlsx}?${query}`,
  };
}
