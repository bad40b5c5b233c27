import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from './dates.ts';

describe('dates', () => {
  it('shows UTC timestamps in London time, summer and winter', () => {
    expect(formatDateTime(new Date('2026-07-01T14:05:00Z'))).toBe('1 July 2026 at 3:05pm');
    expect(formatDateTime(new Date('2026-11-22T09:30:00Z'))).toBe('22 November 2026 at 9:30am');
    expect(formatTime(new Date('2026-11-22T00:00:00Z'))).toBe('12:00am');
  });
});
