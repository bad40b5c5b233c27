/**
 * The periods a measure is shown for: a calendar year, a month, or any range of days. Calendar dates are
 * 'YYYY-MM-DD' strings (src/lib/dates.ts) and both ends are included, so "2025" is 1 January to
 * 31 December 2025. Pure.
 */
import { addDays, daysBetween, formatDate, isIsoDate, MONTH_NAMES } from '../../../lib/dates.ts';

export type Period = {
  kind: 'calendar-year' | 'month' | 'range';
  /** First and last day, both included. */
  from: string;
  to: string;
  /** Stable and URL-safe: '2025', '2025-03', '2025-01-01..2025-06-30'. */
  key: string;
  /** In words: '2025', 'March 2025', '1 January 2025 to 30 June 2025'. */
  label: string;
};

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < 1 || year > 9998)
    throw new RangeError(`Not a calendar year: ${year}`);
  return year;
}

const pad4 = (year: number) => String(year).padStart(4, '0');
const pad2 = (month: number) => String(month).padStart(2, '0');

/** The last day of a month (1 to 12). */
function lastDayOfMonth(year: number, month: number): string {
  const next = month === 12 ? `${pad4(year + 1)}-01-01` : `${pad4(year)}-${pad2(month + 1)}-01`;
  return addDays(next, -1);
}

export function calendarYear(year: number): Period {
  checkYear(year);
  return {
    kind: 'calendar-year',
    from: `${pad4(year)}-01-01`,
    to: `${pad4(year)}-12-31`,
    key: pad4(year),
    label: pad4(year),
  };
}

/** A month, from 'YYYY-MM'. */
export function month(yearMonth: string): Period {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  const year = Number(match?.[1]);
  const m = Number(match?.[2]);
  if (!match || m < 1 || m > 12 || year < 1) throw new RangeError(`Not a month: ${yearMonth}`);
  return {
    kind: 'month',
    from: `${yearMonth}-01`,
    to: lastDayOfMonth(year, m),
    key: yearMonth,
    label: `${MONTH_NAMES[m - 1]} ${match[1]}`,
  };
}

/** Any range of days, both ends included. Throws a RangeError when the end is before the start. */
export function dateRange(from: string, to: string): Period {
  if (!isIsoDate(from)) throw new RangeError(`Not a calendar date: ${from}`);
  if (!isIsoDate(to)) throw new RangeError(`Not a calendar date: ${to}`);
  if (to < from) throw new RangeError(`The end of a period (${to}) is before its start (${from})`);
  return {
    kind: 'range',
    from,
    to,
    key: `${from}..${to}`,
    label: from === to ? formatDate(from) : `${formatDate(from)} to ${formatDate(to)}`,
  };
}

/** A period from its key ('2025', '2025-03' or '2025-01-01..2025-06-30'); null when it is none of them. */
export function parsePeriod(key: string): Period | null {
  try {
    if (/^\d{4}$/.test(key)) return calendarYear(Number(key));
    if (/^\d{4}-\d{2}$/.test(key)) return month(key);
    const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key);
    if (range) return dateRange(range[1] as string, range[2] as string);
  } catch {
    return null;
  }
  return null;
}

/** Whether a date falls in the period (both ends included). */
export function isWithin(date: string, period: { from: string; to: string }): boolean {
  return date >= period.from && date <= period.to;
}

/** The number of days in the period, both ends counted. */
export function lengthInDays(period: { from: string; to: string }): number {
  return daysBetween(period.from, period.to) + 1;
}

/**
 * The months of a period, in order: whole months as months; where a range starts or ends inside a month,
 * that part of the month as a range, so that the months add up to the period exactly.
 */
export function monthsOf(period: Period): Period[] {
  const months: Period[] = [];
  let year = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  for (;;) {
    const whole = month(`${pad4(year)}-${pad2(m)}`);
    if (whole.from > period.to) break;
    const from = whole.from < period.from ? period.from : whole.from;
    const to = whole.to > period.to ? period.to : whole.to;
    months.push(from === whole.from && to === whole.to ? whole : dateRange(from, to));
    if (m === 12) {
      year += 1;
      m = 1;
    } else m += 1;
  }
  return months;
}

/** Every calendar year from one to another, both included, in order. */
export function yearsBetween(fromYear: number, toYear: number): Period[] {
  checkYear(fromYear);
  checkYear(toYear);
  const years: Period[] = [];
  for (let year = fromYear; year <= toYear; year += 1) years.push(calendarYear(year));
  return years;
}

/** The same day a year before; 29 February becomes 28 February. */
export function sameDayLastYear(date: string): string {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  const year = pad4(Number(date.slice(0, 4)) - 1);
  const candidate = `${year}${date.slice(4)}`;
  return isIsoDate(candidate) ? candidate : `${year}-02-28`;
}

/**
 * The same period a year earlier, for "this year against last year": the year before, the same month of the
 * year before, or the range moved back a year (a range ending on 29 February ends on 28 February).
 */
export function samePeriodLastYear(period: Period): Period {
  switch (period.kind) {
    case 'calendar-year':
      return calendarYear(Number(period.key) - 1);
    case 'month':
      return month(`${pad4(Number(period.key.slice(0, 4)) - 1)}${period.key.slice(4)}`);
    case 'range':
      return dateRange(sameDayLastYear(period.from), sameDayLastYear(period.to));
  }
}

/** The first and last day of a set of periods, to read the facts of all of them at once. */
export function spanOf(periods: readonly { from: string; to: string }[]): { from: string; to: string } {
  if (periods.length === 0) throw new RangeError('No periods to span');
  let from = periods[0]?.from as string;
  let to = periods[0]?.to as string;
  for (const p of periods) {
    if (p.from < from) from = p.from;
    if (p.to > to) to = p.to;
  }
  return { from, to };
}
