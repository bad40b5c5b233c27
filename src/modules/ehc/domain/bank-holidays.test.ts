import { describe, expect, it } from 'vitest';
import {
  BankHolidaysNotCoveredError,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  addWorkingDays,
  bankHolidayTableFromGovUk,
  createBankHolidayCalendar,
  englandAndWalesBankHolidays,
  isBankHoliday,
  isWorkingDay,
  mergeBankHolidayTables,
  nextWorkingDayAfter,
} from './bank-holidays.ts';

/** Easter Sunday by the anonymous Gregorian algorithm: an independent check on the table's Easter dates. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function shift(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('the England and Wales bank-holiday table', () => {
  it('covers every year from 2014 to 2027', () => {
    expect(Object.keys(ENGLAND_AND_WALES_BANK_HOLIDAYS).map(Number)).toEqual([
      2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027,
    ]);
    expect(englandAndWalesBankHolidays.firstYear).toBe(2014);
    expect(englandAndWalesBankHolidays.lastYear).toBe(2027);
  });

  it('has eight a year, with the extra days of 2022 (Jubilee, State Funeral) and 2023 (Coronation)', () => {
    for (const [year, holidays] of Object.entries(ENGLAND_AND_WALES_BANK_HOLIDAYS)) {
      const expected = year === '2022' ? 10 : year === '2023' ? 9 : 8;
      expect(holidays, year).toHaveLength(expected);
    }
    expect(isBankHoliday('2022-06-03')).toBe(true);
    expect(isBankHoliday('2022-09-19')).toBe(true);
    expect(isBankHoliday('2023-05-08')).toBe(true);
  });

  it('has Good Friday and Easter Monday where Easter falls', () => {
    for (const year of Object.keys(ENGLAND_AND_WALES_BANK_HOLIDAYS).map(Number)) {
      const easter = easterSunday(year);
      expect(isBankHoliday(shift(easter, -2)), `Good Friday ${year}`).toBe(true);
      expect(isBankHoliday(shift(easter, 1)), `Easter Monday ${year}`).toBe(true);
    }
  });

  it('has the substitute days and moved holidays', () => {
    // Boxing Day 2020 was a Saturday: Monday 28 December instead.
    expect(isBankHoliday('2020-12-26')).toBe(false);
    expect(isBankHoliday('2020-12-28')).toBe(true);
    // The early May bank holiday 2020 moved to Friday 8 May for VE day.
    expect(isBankHoliday('2020-05-04')).toBe(false);
    expect(isBankHoliday('2020-05-08')).toBe(true);
    // New Year's Day 2022 was a Saturday: Monday 3 January instead.
    expect(isBankHoliday('2022-01-03')).toBe(true);
    // Christmas 2027 falls at a weekend: Monday 27 and Tuesday 28 December instead.
    expect(isBankHoliday('2027-12-27')).toBe(true);
    expect(isBankHoliday('2027-12-28')).toBe(true);
  });
});

describe('working days', () => {
  it('are Monday to Friday except bank holidays', () => {
    expect(isWorkingDay('2025-05-23')).toBe(true); // Friday
    expect(isWorkingDay('2025-05-24')).toBe(false); // Saturday
    expect(isWorkingDay('2025-05-25')).toBe(false); // Sunday
    expect(isWorkingDay('2025-05-26')).toBe(false); // Spring bank holiday
    expect(isWorkingDay('2025-05-27')).toBe(true); // Tuesday
    expect(isWorkingDay('2025-12-25')).toBe(false); // Christmas Day, a Thursday
  });

  it('count from the day after, so the day itself never counts', () => {
    // Friday 23 May 2025 + 1: Saturday, Sunday, Monday 26 (bank holiday) skipped → Tuesday 27 May.
    expect(addWorkingDays('2025-05-23', 1)).toBe('2025-05-27');
    // Saturday 24 May 2025 + 1: Sunday, Monday 26 (bank holiday) skipped → Tuesday 27 May.
    expect(addWorkingDays('2025-05-24', 1)).toBe('2025-05-27');
    // Wednesday 24 December 2025 + 3: 25, 26 bank holidays, 27–28 weekend; Mon 29 (1), Tue 30 (2), Wed 31 (3).
    expect(addWorkingDays('2025-12-24', 3)).toBe('2025-12-31');
    // Thursday 17 April 2025 + 3: Good Friday 18, weekend, Easter Monday 21; Tue 22 (1), Wed 23 (2), Thu 24 (3).
    expect(addWorkingDays('2025-04-17', 3)).toBe('2025-04-24');
    expect(addWorkingDays('2025-04-17', 0)).toBe('2025-04-17');
    expect(nextWorkingDayAfter('2026-08-28')).toBe('2026-09-01'); // Fri → Mon 31 Aug bank holiday → Tue
  });

  it('refuse a year the table does not cover, with a clear error, not a silent guess', () => {
    expect(() => isWorkingDay('2028-01-04')).toThrow(BankHolidaysNotCoveredError);
    expect(() => isWorkingDay('2028-01-04')).toThrow(
      'The england-and-wales bank holidays for 2028 are not in the table (it covers 2014 to 2027)',
    );
    expect(() => isWorkingDay('2013-12-31')).toThrow(BankHolidaysNotCoveredError);
    // Even a Saturday: the missing year shows itself at once.
    expect(() => isWorkingDay('2030-01-05')).toThrow(BankHolidaysNotCoveredError);
    // Thursday 30 December 2027 + 5 working days runs into 2028.
    try {
      addWorkingDays('2027-12-30', 5);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BankHolidaysNotCoveredError);
      expect((error as BankHolidaysNotCoveredError).year).toBe(2028);
    }
  });

  it('refuse a negative or fractional count', () => {
    expect(() => addWorkingDays('2025-05-23', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-05-23', 1.5)).toThrow(RangeError);
  });
});

describe('updating the table', () => {
  // The shape of https://www.gov.uk/bank-holidays.json, with the 2028 dates GOV.UK would list.
  const feed = {
    'england-and-wales': {
      division: 'england-and-wales',
      events: [
        { title: 'New Year’s Day', date: '2028-01-03', notes: 'Substitute day', bunting: true },
        { title: 'Good Friday', date: '2028-04-14', notes: '', bunting: false },
        { title: 'Easter Monday', date: '2028-04-17', notes: '', bunting: true },
        { title: 'Early May bank holiday', date: '2028-05-01', notes: '', bunting: true },
        { title: 'Spring bank holiday', date: '2028-05-29', notes: '', bunting: true },
        { title: 'Summer bank holiday', date: '2028-08-28', notes: '', bunting: true },
        { title: 'Christmas Day', date: '2028-12-25', notes: '', bunting: true },
        { title: 'Boxing Day', date: '2028-12-26', notes: '', bunting: true },
      ],
    },
    scotland: { division: 'scotland', events: [{ title: '2nd January', date: '2028-01-04' }] },
  };

  it('reads GOV.UK’s feed and adds its years to the shipped table', () => {
    const table = mergeBankHolidayTables(ENGLAND_AND_WALES_BANK_HOLIDAYS, bankHolidayTableFromGovUk(feed));
    const calendar = createBankHolidayCalendar(table);
    expect(calendar.lastYear).toBe(2028);
    expect(isWorkingDay('2028-01-03', calendar)).toBe(false);
    // Scotland's 2 January holiday is not England and Wales's.
    expect(isWorkingDay('2028-01-04', calendar)).toBe(true);
    expect(isWorkingDay('2025-05-26', calendar)).toBe(false);
    // Thursday 30 December 2027 + 5: Fri 31 (1), Mon 3 Jan bank holiday, Tue 4 (2), Wed 5 (3), Thu 6 (4), Fri 7 (5).
    expect(addWorkingDays('2027-12-30', 5, calendar)).toBe('2028-01-07');
  });

  it('refuses a feed without the division or with a bad date', () => {
    expect(() => bankHolidayTableFromGovUk({})).toThrow('No "england-and-wales" events');
    expect(() => bankHolidayTableFromGovUk(null)).toThrow(RangeError);
    expect(() =>
      bankHolidayTableFromGovUk({ 'england-and-wales': { events: [{ title: 'x', date: '2028-02-30' }] } }),
    ).toThrow('Not a bank holiday');
  });

  it('refuses a table with a weekend holiday, a date in the wrong year, or no years', () => {
    expect(() =>
      createBankHolidayCalendar({ 2028: [{ date: '2028-01-01', title: 'New Year’s Day' }] }),
    ).toThrow('Bank holiday 2028-01-01 falls at a weekend');
    expect(() =>
      createBankHolidayCalendar({ 2028: [{ date: '2029-01-01', title: 'New Year’s Day' }] }),
    ).toThrow('is not a date in 2028');
    expect(() => createBankHolidayCalendar({})).toThrow(RangeError);
  });

  it('names the gap when a table skips a year', () => {
    const calendar = createBankHolidayCalendar({
      2025: ENGLAND_AND_WALES_BANK_HOLIDAYS[2025] ?? [],
      2027: ENGLAND_AND_WALES_BANK_HOLIDAYS[2027] ?? [],
    });
    expect(() => isWorkingDay('2026-03-02', calendar)).toThrow('(it covers 2025 to 2027, except 2026)');
  });
});
