/**
 * Calendar-month arithmetic the statutory clocks need and src/lib/dates.ts does not have yet.
 * Dates are 'YYYY-MM-DD' calendar dates with no time zone, as in lib/dates.
 */
import { isIsoDate } from '../../../lib/dates.ts';

function parts(isoDate: string): { year: number; month: number; day: number } {
  if (!isIsoDate(isoDate)) throw new RangeError(`Not a calendar date: ${isoDate}`);
  return {
    year: Number(isoDate.slice(0, 4)),
    month: Number(isoDate.slice(5, 7)),
    day: Number(isoDate.slice(8, 10)),
  };
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDateOf(year: number, month: number, day: number): string {
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isIsoDate(value)) throw new RangeError(`Not a calendar date: ${value}`);
  return value;
}

/**
 * Calendar months forward (or back, when negative). A day the target month lacks becomes its last day:
 * 31 January + 1 month = 28 February, or 29 in a leap year (statutory-timescales.md, "Counting").
 */
export function addMonths(isoDate: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const { year, month, day } = parts(isoDate);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return isoDateOf(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function yearOf(isoDate: string): number {
  return parts(isoDate).year;
}

export function monthOf(isoDate: string): number {
  return parts(isoDate).month;
}

/** ISO calendar dates sort as strings; these say so once, after checking they are dates. */
export function isOnOrBefore(a: string, b: string): boolean {
  parts(a);
  parts(b);
  return a <= b;
}

export function laterOf(a: string, b: string): string {
  return isOnOrBefore(a, b) ? b : a;
}
