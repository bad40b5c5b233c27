import { describe, expect, it } from 'vitest';
import { freshnessOf, hiddenBefore, reviewDueOn } from './freshness.ts';

const settings = { reviewDays: 182, reminderDays: 28, graceDays: 28 };

describe('listing freshness', () => {
  it('is due 182 days after it was confirmed', () => {
    expect(reviewDueOn('2026-06-01', settings)).toBe('2026-11-30');
  });

  it('moves from current to due soon, overdue and hidden', () => {
    expect(freshnessOf('2026-06-01', '2026-11-01', settings)).toBe('current');
    expect(freshnessOf('2026-06-01', '2026-11-02', settings)).toBe('due_soon');
    expect(freshnessOf('2026-06-01', '2026-11-30', settings)).toBe('due_soon');
    expect(freshnessOf('2026-06-01', '2026-12-01', settings)).toBe('overdue');
    expect(freshnessOf('2026-06-01', '2026-12-28', settings)).toBe('overdue');
    expect(freshnessOf('2026-06-01', '2026-12-29', settings)).toBe('hidden');
  });

  it('agrees with the cut-off the public queries use', () => {
    const today = '2026-12-29';
    const cutOff = hiddenBefore(today, settings);
    expect(freshnessOf(cutOff, today, settings)).toBe('overdue');
    expect(freshnessOf('2026-06-01', today, settings)).toBe('hidden');
    expect('2026-06-01' < cutOff).toBe(true);
  });
});
