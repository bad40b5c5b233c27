/**
 * England and Wales bank holidays, as data, for counting working days (statutory-timescales.md, "Counting":
 * "Working days: Monday–Friday excluding England and Wales bank holidays (ship the bank-holiday table as data,
 * with a way to update it)").
 *
 * A year the table does not hold is an error, never an assumption that it has no bank holidays: a wrong
 * working-day count would put a wrong statutory date in front of a family.
 */
import { addDays, dayOfWeek, isIsoDate } from '../../../lib/dates.ts';
import { yearOf } from './calendar.ts';

export type BankHoliday = { date: string; title: string };

/** Bank holidays by calendar year; a year present is a year covered, in full. */
export type BankHolidayTable = Readonly<Record<number, readonly BankHoliday[]>>;

export type BankHolidayCalendar = {
  readonly division: string;
  readonly years: ReadonlyMap<number, ReadonlySet<string>>;
  readonly firstYear: number;
  readonly lastYear: number;
};

export class BankHolidaysNotCoveredError extends Error {
  readonly year: number;
  constructor(year: number, calendar: BankHolidayCalendar) {
    super(
      `The ${calendar.division} bank holidays for ${year} are not in the table ` +
        `(it covers ${calendar.firstYear} to ${calendar.lastYear}${gapsNote(calendar)}). ` +
        'Add that year (for example from https://www.gov.uk/bank-holidays.json) before counting working days in it.',
    );
    this.name = 'BankHolidaysNotCoveredError';
    this.year = year;
  }
}

function gapsNote(calendar: BankHolidayCalendar): string {
  const missing: number[] = [];
  for (let y = calendar.firstYear; y <= calendar.lastYear; y++) if (!calendar.years.has(y)) missing.push(y);
  return missing.length ? `, except ${missing.join(', ')}` : '';
}

/**
 * From GOV.UK's published list (https://www.gov.uk/bank-holidays, division "england-and-wales"), 2014 to 2027:
 * from the year the SEND Regulations 2014 came into force (1 September 2014), which is also the first year of
 * the SEN2 timeliness series, to the last year GOV.UK has announced. Substitute days are listed where they fall.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: BankHolidayTable = {
  2014: [
    { date: '2014-01-01', title: 'New Year’s Day' },
    { date: '2014-04-18', title: 'Good Friday' },
    { date: '2014-04-21', title: 'Easter Monday' },
    { date: '2014-05-05', title: 'Early May bank holiday' },
    { date: '2014-05-26', title: 'Spring bank holiday' },
    { date: '2014-08-25', title: 'Summer bank holiday' },
    { date: '2014-12-25', title: 'Christmas Day' },
    { date: '2014-12-26', title: 'Boxing Day' },
  ],
  2015: [
    { date: '2015-01-01', title: 'New Year’s Day' },
    { date: '2015-04-03', title: 'Good Friday' },
    { date: '2015-04-06', title: 'Easter Monday' },
    { date: '2015-05-04', title: 'Early May bank holiday' },
    { date: '2015-05-25', title: 'Spring bank holiday' },
    { date: '2015-08-31', title: 'Summer bank holiday' },
    { date: '2015-12-25', title: 'Christmas Day' },
    { date: '2015-12-28', title: 'Boxing Day (substitute day)' },
  ],
  2016: [
    { date: '2016-01-01', title: 'New Year’s Day' },
    { date: '2016-03-25', title: 'Good Friday' },
    { date: '2016-03-28', title: 'Easter Monday' },
    { date: '2016-05-02', title: 'Early May bank holiday' },
    { date: '2016-05-30', title: 'Spring bank holiday' },
    { date: '2016-08-29', title: 'Summer bank holiday' },
    { date: '2016-12-26', title: 'Boxing Day' },
    { date: '2016-12-27', title: 'Christmas Day (substitute day)' },
  ],
  2017: [
    { date: '2017-01-02', title: 'New Year’s Day (substitute day)' },
    { date: '2017-04-14', title: 'Good Friday' },
    { date: '2017-04-17', title: 'Easter Monday' },
    { date: '2017-05-01', title: 'Early May bank holiday' },
    { date: '2017-05-29', title: 'Spring bank holiday' },
    { date: '2017-08-28', title: 'Summer bank holiday' },
    { date: '2017-12-25', title: 'Christmas Day' },
    { date: '2017-12-26', title: 'Boxing Day' },
  ],
  2018: [
    { date: '2018-01-01', title: 'New Year’s Day' },
    { date: '2018-03-30', title: 'Good Friday' },
    { date: '2018-04-02', title: 'Easter Monday' },
    { date: '2018-05-07', title: 'Early May bank holiday' },
    { date: '2018-05-28', title: 'Spring bank holiday' },
    { date: '2018-08-27', title: 'Summer bank holiday' },
    { date: '2018-12-25', title: 'Christmas Day' },
    { date: '2018-12-26', title: 'Boxing Day' },
  ],
  2019: [
    { date: '2019-01-01', title: 'New Year’s Day' },
    { date: '2019-04-19', title: 'Good Friday' },
    { date: '2019-04-22', title: 'Easter Monday' },
    { date: '2019-05-06', title: 'Early May bank holiday' },
    { date: '2019-05-27', title: 'Spring bank holiday' },
    { date: '2019-08-26', title: 'Summer bank holiday' },
    { date: '2019-12-25', title: 'Christmas Day' },
    { date: '2019-12-26', title: 'Boxing Day' },
  ],
  2020: [
    { date: '2020-01-01', title: 'New Year’s Day' },
    { date: '2020-04-10', title: 'Good Friday' },
    { date: '2020-04-13', title: 'Easter Monday' },
    { date: '2020-05-08', title: 'Early May bank holiday (VE day)' },
    { date: '2020-05-25', title: 'Spring bank holiday' },
    { date: '2020-08-31', title: 'Summer bank holiday' },
    { date: '2020-12-25', title: 'Christmas Day' },
    { date: '2020-12-28', title: 'Boxing Day (substitute day)' },
  ],
  2021: [
    { date: '2021-01-01', title: 'New Year’s Day' },
    { date: '2021-04-02', title: 'Good Friday' },
    { date: '2021-04-05', title: 'Easter Monday' },
    { date: '2021-05-03', title: 'Early May bank holiday' },
    { date: '2021-05-31', title: 'Spring bank holiday' },
    { date: '2021-08-30', title: 'Summer bank holiday' },
    { date: '2021-12-27', title: 'Christmas Day (substitute day)' },
    { date: '2021-12-28', title: 'Boxing Day (substitute day)' },
  ],
  2022: [
    { date: '2022-01-03', title: 'New Year’s Day (substitute day)' },
    { date: '2022-04-15', title: 'Good Friday' },
    { date: '2022-04-18', title: 'Easter Monday' },
    { date: '2022-05-02', title: 'Early May bank holiday' },
    { date: '2022-06-02', title: 'Spring bank holiday' },
    { date: '2022-06-03', title: 'Platinum Jubilee bank holiday' },
    { date: '2022-08-29', title: 'Summer bank holiday' },
    { date: '2022-09-19', title: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
    { date: '2022-12-26', title: 'Boxing Day' },
    { date: '2022-12-27', title: 'Christmas Day (substitute day)' },
  ],
  2023: [
    { date: '2023-01-02', title: 'New Year’s Day (substitute day)' },
    { date: '2023-04-07', title: 'Good Friday' },
    { date: '2023-04-10', title: 'Easter Monday' },
    { date: '2023-05-01', title: 'Early May bank holiday' },
    { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III' },
    { date: '2023-05-29', title: 'Spring bank holiday' },
    { date: '2023-08-28', title: 'Summer bank holiday' },
    { date: '2023-12-25', title: 'Christmas Day' },
    { date: '2023-12-26', title: 'Boxing Day' },
  ],
  2024: [
    { date: '2024-01-01', title: 'New Year’s Day' },
    { date: '2024-03-29', title: 'Good Friday' },
    { date: '2024-04-01', title: 'Easter Monday' },
    { date: '2024-05-06', title: 'Early May bank holiday' },
    { date: '2024-05-27', title: 'Spring bank holiday' },
    { date: '2024-08-26', title: 'Summer bank holiday' },
    { date: '2024-12-25', title: 'Christmas Day' },
    { date: '2024-12-26', title: 'Boxing Day' },
  ],
  2025: [
    { date: '2025-01-01', title: 'New Year’s Day' },
    { date: '2025-04-18', title: 'Good Friday' },
    { date: '2025-04-21', title: 'Easter Monday' },
    { date: '2025-05-05', title: 'Early May bank holiday' },
    { date: '2025-05-26', title: 'Spring bank holiday' },
    { date: '2025-08-25', title: 'Summer bank holiday' },
    { date: '2025-12-25', title: 'Christmas Day' },
    { date: '2025-12-26', title: 'Boxing Day' },
  ],
  2026: [
    { date: '2026-01-01', title: 'New Year’s Day' },
    { date: '2026-04-03', title: 'Good Friday' },
    { date: '2026-04-06', title: 'Easter Monday' },
    { date: '2026-05-04', title: 'Early May bank holiday' },
    { date: '2026-05-25', title: 'Spring bank holiday' },
    { date: '2026-08-31', title: 'Summer bank holiday' },
    { date: '2026-12-25', title: 'Christmas Day' },
    { date: '2026-12-28', title: 'Boxing Day (substitute day)' },
  ],
  2027: [
    { date: '2027-01-01', title: 'New Year’s Day' },
    { date: '2027-03-26', title: 'Good Friday' },
    { date: '2027-03-29', title: 'Easter Monday' },
    { date: '2027-05-03', title: 'Early May bank holiday' },
    { date: '2027-05-31', title: 'Spring bank holiday' },
    { date: '2027-08-30', title: 'Summer bank holiday' },
    { date: '2027-12-27', title: 'Christmas Day (substitute day)' },
    { date: '2027-12-28', title: 'Boxing Day (substitute day)' },
  ],
};

/** Checks a table (each date real, in its year, on a weekday) and indexes it for look-ups. */
export function createBankHolidayCalendar(
  table: BankHolidayTable,
  division = 'england-and-wales',
): BankHolidayCalendar {
  const years = new Map<number, ReadonlySet<string>>();
  for (const [key, holidays] of Object.entries(table)) {
    const year = Number(key);
    if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${key}`);
    const dates = new Set<string>();
    for (const { date } of holidays) {
      if (!isIsoDate(date) || yearOf(date) !== year)
        throw new RangeError(`Bank holiday ${date} is not a date in ${year}`);
      // Bank holidays in England and Wales are weekdays; a weekend one means a substitute day was mistyped.
      const weekday = dayOfWeek(date);
      if (weekday === 0 || weekday === 6) throw new RangeError(`Bank holiday ${date} falls at a weekend`);
      dates.add(date);
    }
    years.set(year, dates);
  }
  if (years.size === 0) throw new RangeError('A bank-holiday table needs at least one year');
  const covered = [...years.keys()];
  return { division, years, firstYear: Math.min(...covered), lastYear: Math.max(...covered) };
}

export const englandAndWalesBankHolidays: BankHolidayCalendar = createBankHolidayCalendar(
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
);

/**
 * The way to update the table: read GOV.UK's https://www.gov.uk/bank-holidays.json (the "england-and-wales"
 * division). Each year it lists is taken as covered in full, which is how GOV.UK publishes them.
 */
export function bankHolidayTableFromGovUk(json: unknown, division = 'england-and-wales'): BankHolidayTable {
  const events = (json as Record<string, { events?: unknown } | undefined> | null)?.[division]?.events;
  if (!Array.isArray(events)) throw new RangeError(`No "${division}" events in the bank-holiday feed`);
  const table: Record<number, BankHoliday[]> = {};
  for (const event of events as { date?: unknown; title?: unknown }[]) {
    if (typeof event.date !== 'string' || !isIsoDate(event.date) || typeof event.title !== 'string')
      throw new RangeError(`Not a bank holiday: ${JSON.stringify(event)}`);
    (table[yearOf(event.date)] ??= []).push({ date: event.date, title: event.title });
  }
  return table;
}

/** A newer table's years replace the same years of the base; other years are kept. */
export function mergeBankHolidayTables(base: BankHolidayTable, update: BankHolidayTable): BankHolidayTable {
  return { ...base, ...update };
}

function holidaysOfYear(year: number, calendar: BankHolidayCalendar): ReadonlySet<string> {
  const dates = calendar.years.get(year);
  if (!dates) throw new BankHolidaysNotCoveredError(year, calendar);
  return dates;
}

/** Throws BankHolidaysNotCoveredError for a year outside the table. */
export function isBankHoliday(
  isoDate: string,
  calendar: BankHolidayCalendar = englandAndWalesBankHolidays,
): boolean {
  return holidaysOfYear(yearOf(isoDate), calendar).has(isoDate);
}

/**
 * Monday to Friday and not a bank holiday. Throws BankHolidaysNotCoveredError for a year outside the table,
 * even for a Saturday, so that callers meet a missing year at once rather than on the first weekday.
 */
export function isWorkingDay(
  isoDate: string,
  calendar: BankHolidayCalendar = englandAndWalesBankHolidays,
): boolean {
  const holiday = isBankHoliday(isoDate, calendar);
  const weekday = dayOfWeek(isoDate);
  return weekday !== 0 && weekday !== 6 && !holiday;
}

/** The first working day strictly after a date. */
export function nextWorkingDayAfter(
  isoDate: string,
  calendar: BankHolidayCalendar = englandAndWalesBankHolidays,
): string {
  let day = addDays(isoDate, 1);
  while (!isWorkingDay(day, calendar)) day = addDays(day, 1);
  return day;
}

/**
 * The nth working day after a date: the date itself is never counted, working day or not, so
 * "within 3 working days" of a Wednesday is the Monday (with no bank holiday between).
 */
export function addWorkingDays(
  isoDate: string,
  workingDays: number,
  calendar: BankHolidayCalendar = englandAndWalesBankHolidays,
): string {
  if (!Number.isInteger(workingDays) || workingDays < 0)
    throw new RangeError(`Not a count of working days: ${workingDays}`);
  let day = isoDate;
  for (let counted = 0; counted < workingDays; counted++) day = nextWorkingDayAfter(day, calendar);
  if (workingDays === 0 && !isIsoDate(day)) throw new RangeError(`Not a calendar date: ${isoDate}`);
  return day;
}
