import { describe, expect, it } from 'vitest';
import { addMonths, isOnOrBefore, isoDateOf, laterOf, monthOf, yearOf } from './calendar.ts';

describe('calendar months', () => {
  it('keeps the day of the month where the target month has it', () => {
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2025-10-15', 12)).toBe('2026-10-15');
  });

  it('makes 31 January + 1 month the last day of February, 28th or 29th (statutory-timescales.md)', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    // 30 November + 3 months: 30 February does not exist → 28 February 2026.
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });

  it('takes 29 February a year on to 28 February, and four years on to 29 February', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('counts back as it counts forward', () => {
    // 31 July − 5 months = "31 February" → the last day of February.
    expect(addMonths('2025-07-31', -5)).toBe('2025-02-28');
    expect(addMonths('2024-07-31', -5)).toBe('2024-02-29');
    expect(addMonths('2026-01-06', -5)).toBe('2025-08-06');
  });

  it('refuses what is not a date or a whole number of months', () => {
    expect(() => addMonths('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2025-01-31', 1.5)).toThrow(RangeError);
    expect(() => isoDateOf(2025, 2, 29)).toThrow(RangeError);
  });

  it('reads and compares calendar dates', () => {
    expect(isoDateOf(2026, 2, 15)).toBe('2026-02-15');
    expect(yearOf('2026-02-15')).toBe(2026);
    expect(monthOf('2026-02-15')).toBe(2);
    expect(isOnOrBefore('2025-05-26', '2025-05-26')).toBe(true);
    expect(isOnOrBefore('2025-05-27', '2025-05-26')).toBe(false);
    expect(laterOf('2025-05-26', '2026-01-01')).toBe('2026-01-01');
    expect(laterOf('2026-01-01', '2025-05-26')).toBe('2026-01-01');
    expect(() => isOnOrBefore('26/05/2025', '2025-05-26')).toThrow(RangeError);
  });
});
