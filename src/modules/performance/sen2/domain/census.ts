/**
 * The SEN2 census date and the collection year it reports on. Pure functions over calendar dates.
 *
 * SEN2 is returned each January (statistics-and-sen2.md, "SEN2"): plans are counted as they stand on the census
 * date ("caseload `time_period` 202425 means January 2025"), and activity — requests, assessments, plans
 * issued — by the calendar year before it ("activity, timeliness and tribunal measures are calendar years").
 * The DfE sets the census date as the third Thursday of January, the same day as the January school census.
 */
import { addDays, dayOfWeek, formatDate, isIsoDate } from '../../../../lib/dates.ts';

/** EHC plans began on 1 September 2014 (SEND Regulations 2014): the first January with plans is 2015. */
export const EARLIEST_CENSUS_DATE = '2015-01-01';

/** The third Thursday of January of a year: the DfE's census date. */
export function censusDateOf(year: number): string {
  const first = `${String(year).padStart(4, '0')}-01-01`;
  // Thursday is 4: step forward from 1 January to the first Thursday, then two weeks on.
  return addDays(first, ((4 - dayOfWeek(first) + 7) % 7) + 14);
}

/**
 * The census date the form offers: this January's until the end of August, while that return is made and
 * corrected; from September, when councils start cleansing their data for it, the coming January's.
 */
export function defaultCensusDate(today: string): string {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 9 ? censusDateOf(year + 1) : censusDateOf(year);
}

/** The latest census date a return can be made for: the next one to come (a preview of it), never further. */
export function latestCensusDate(today: string): string {
  const thisYear = censusDateOf(Number(today.slice(0, 4)));
  return today <= thisYear ? thisYear : censusDateOf(Number(today.slice(0, 4)) + 1);
}

export type CollectionYear = { year: number; start: string; end: string };

/** The calendar year before the census date's January: the year whose requests and outcomes are returned. */
export function collectionYearOf(censusDate: string): CollectionYear {
  const year = Number(censusDate.slice(0, 4)) - 1;
  return { year, start: `${year}-01-01`, end: `${year}-12-31` };
}

/**
 * Why a census date cannot be used, in the words of a GOV.UK date input error, or null when it can. A real
 * date is checked by the form; this is the range.
 */
export function censusDateProblem(censusDate: string, today: string): string | null {
  if (!isIsoDate(censusDate)) return 'The census date must be a real date';
  if (censusDate < EARLIEST_CENSUS_DATE)
    return `The census date must be on or after ${formatDate(EARLIEST_CENSUS_DATE)}, the first January with EHC plans`;
  const latest = latestCensusDate(today);
  if (censusDate > latest)
    return `The census date must be on or before ${formatDate(latest)}, the next census date`;
  return null;
}

/**
 * Whether a request belongs in the return for a census date. The rule (written in ADR 0020):
 * - every request received in the collection year (1 January to 31 December before the census date);
 * - every request received earlier that was still open on 1 January of the collection year (decided,
 *   assessed or closed in the year, or still open at the census date), so that the year's decisions,
 *   assessments and plans issued are all in it, as the DfE's calendar-year measures count them;
 * - every request whose final plan was issued by the census date: its plan is active on the census date
 *   (the casework records no plan ceasing, so every plan issued is still active).
 * A request received after the collection year belongs to the next return, unless its plan is already active.
 */
export function requestInReturn(
  request: { receivedOn: string; closedOn: string | null; finalIssuedOn: string | null },
  censusDate: string,
): boolean {
  const { start, end } = collectionYearOf(censusDate);
  if (request.finalIssuedOn !== null && request.finalIssuedOn <= censusDate) return true;
  if (request.receivedOn > end) return false;
  return request.closedOn === null || request.closedOn >= start;
}
