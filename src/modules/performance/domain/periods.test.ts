import { describe, expect, it } from 'vitest';
import {
  calendarYear,
  dateRange,
  isWithin,
  lengthInDays,
  month,
  monthsOf,
  parsePeriod,
  sameDayLastYear,
  samePeriodLastYear,
  spanOf,
  yearsBetween,
} from './periods.ts';

describe('periods', () => {
  it('a calendar year is 1 January to 31 December, both included', () => {
    expect(calendarYear(2025)).toEqual({
      kind: 'calendar-year',
      from: '2025-01-01',
      to: '2025-12-31',
      key: '2025',
      label: '2025',
    });
    expect(lengthInDays(calendarYear(2024))).toBe(366);
    expect(() => calendarYear(2025.5)).toThrow(RangeError);
  });

  it('a month runs to its last day, leap years included', () => {
    expect(month('2025-03')).toEqual({
      kind: 'month',
      from: '2025-03-01',
      to: '2025-03-31',
      key: '2025-03',
      label: 'March 2025',
    });
    expect(month('2024-02').to).toBe('2024-02-29');
    expect(month('2025-02').to).toBe('2025-02-28');
    expect(month('2025-12').to).toBe('2025-12-31');
    expect(() => month('2025-13')).toThrow(RangeError);
    expect(() => month('2025-3')).toThrow(RangeError);
  });

  it('a date range has its ends in its key and its label, and refuses an end before its start', () => {
    expect(dateRange('2025-01-01', '2025-06-30')).toEqual({
      kind: 'range',
      from: '2025-01-01',
      to: '2025-06-30',
      key: '2025-01-01..2025-06-30',
      label: '1 January 2025 to 30 June 2025',
    });
    expect(dateRange('2025-06-30', '2025-06-30').label).toBe('30 June 2025');
    expect(() => dateRange('2025-06-30', '2025-06-29')).toThrow(RangeError);
    expect(() => dateRange('2025-02-30', '2025-03-01')).toThrow(RangeError);
  });

  it('reads a period back from its key, and nothing else', () => {
    for (const p of [calendarYear(2023), month('2024-02'), dateRange('2024-02-10', '2024-03-05')])
      expect(parsePeriod(p.key)).toEqual(p);
    for (const bad of ['', '20255', '2025-00', '2025-01-01..2024-01-01', '2025-01-01', 'x'])
      expect(parsePeriod(bad), bad).toBeNull();
  });

  it('the months of a year are its twelve months; of a range, its months cut to the range', () => {
    const months = monthsOf(calendarYear(2025));
    expect(months.map((m) => m.key)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
    expect(monthsOf(month('2025-03'))).toEqual([month('2025-03')]);
    const cut = monthsOf(dateRange('2024-11-15', '2025-02-28'));
    expect(cut.map((m) => m.key)).toEqual(['2024-11-15..2024-11-30', '2024-12', '2025-01', '2025-02']);
    const days = cut.reduce((n, m) => n + lengthInDays(m), 0);
    expect(days).toBe(lengthInDays(dateRange('2024-11-15', '2025-02-28')));
  });

  it('the years between two years, both included', () => {
    expect(yearsBetween(2022, 2024).map((y) => y.key)).toEqual(['2022', '2023', '2024']);
    expect(yearsBetween(2024, 2023)).toEqual([]);
  });

  it('the same period last year: the year, the month or the range a year before', () => {
    expect(samePeriodLastYear(calendarYear(2025))).toEqual(calendarYear(2024));
    expect(samePeriodLastYear(month('2025-01'))).toEqual(month('2024-01'));
    expect(samePeriodLastYear(month('2024-02'))).toEqual(month('2023-02'));
    expect(samePeriodLastYear(dateRange('2024-01-01', '2024-02-29'))).toEqual(
      dateRange('2023-01-01', '2023-02-28'),
    );
    expect(sameDayLastYear('2024-02-29')).toBe('2023-02-28');
    expect(sameDayLastYear('2025-03-01')).toBe('2024-03-01');
  });

  it('tells whether a day is inside, and spans several periods', () => {
    const march = month('2025-03');
    expect(isWithin('2025-03-01', march)).toBe(true);
    expect(isWithin('2025-03-31', march)).toBe(true);
    expect(isWithin('2025-04-01', march)).toBe(false);
    expect(isWithin('2025-02-28', march)).toBe(false);
    expect(spanOf([month('2025-03'), calendarYear(2024), month('2025-01')])).toEqual({
      from: '2024-01-01',
      to: '2025-03-31',
    });
    expect(() => spanOf([])).toThrow(RangeError);
  });
});
