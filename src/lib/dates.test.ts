import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from './dates.ts';

describe('dates', () => {
  it('shows UTC timestamps in London time, summer and winter', () => {
    expect(formatDateTime(new Date('2026-07-01T14:05:00Z'))).toBe('1 July 2026 at 3:05pm');
    expect(formatDateTime(new Date('2026-11-22T09:30:00Z'))).toBe('22 November 2026 at 9:30am');
    expect(formatTime(new Date('2026-11-22T00:00:00Z'))).toBe('12:00am');
  });
});

describe('calendar dates', () => {
  it('adds days across month ends, leap days and the clocks changing', async () => {
    const { addDays, daysBetween } = await import('./dates.ts');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 7)).toBe('2026-10-31');
    expect(addDays('2026-01-31', -31)).toBe('2025-12-31');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('knows a calendar date from a wrong one', async () => {
    const { isIsoDate } = await import('./dates.ts');
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-1-1')).toBe(false);
  });

  it('gives the date in England, not the server zone', async () => {
    const { londonToday } = await import('./dates.ts');
    expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('formats dates and times the GOV.UK way', async () => {
    const { formatDate, formatDateWithDay, formatClockTime } = await import('./dates.ts');
    expect(formatDate('2026-11-23')).toBe('23 November 2026');
    expect(formatDateWithDay('2026-11-23')).toBe('Monday 23 November 2026');
    expect(formatClockTime('09:30')).toBe('9:30am');
    expect(formatClockTime('12:00')).toBe('12pm');
    expect(formatClockTime('00:15')).toBe('12:15am');
  });
});
