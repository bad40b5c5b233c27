import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../lib/dates.ts';
import { freshnessOf, type Freshness } from '../../domain/freshness.ts';
import { assuredRanges, inRange, termCodeFrom } from './review.ts';

const settings = { reviewDays: 182, reminderDays: 28, graceDays: 28 };

describe('assuredRanges', () => {
  it('puts every assured date in exactly the state freshnessOf gives it', () => {
    const today = '2026-03-27';
    const ranges = assuredRanges(today, settings);
    for (let back = -5; back <= 260; back += 1) {
      const assured = addDays(today, -back);
      const expected = freshnessOf(assured, today, settings);
      const matching = (Object.keys(ranges) as Freshness[]).filter((f) => inRange(assured, ranges[f]));
      expect(matching, `assured ${assured}`).toEqual([expected]);
    }
  });

  it('has no grace period when the grace is zero days', () => {
    const ranges = assuredRanges('2026-03-27', { ...settings, graceDays: 0 });
    expect(ranges.overdue.from).toBe(ranges.due_soon.from);
    expect(ranges.overdue.to && ranges.overdue.from && ranges.overdue.to < ranges.overdue.from).toBe(true);
  });
});

describe('termCodeFrom', () => {
  it('makes a code of lower case words joined by hyphens', () => {
    expect(termCodeFrom('Sport & Fitness', [])).toBe('sport-and-fitness');
    expect(termCodeFrom('  Crèche (under 5s)! ', [])).toBe('creche-under-5s');
  });

  it('never repeats a code already used', () => {
    expect(termCodeFrom('Autism', ['autism'])).toBe('autism-2');
    expect(termCodeFrom('Autism', ['autism', 'autism-2'])).toBe('autism-3');
  });

  it('keeps within the 64 characters a code may have, and is never empty', () => {
    const code = termCodeFrom('a'.repeat(100), []);
    expect(code.length).toBeLessThanOrEqual(56);
    expect(termCodeFrom('!!!', [])).toBe('term');
    expect(termCodeFrom('x'.repeat(80), ['x'.repeat(56)])).toMatch(/^[a-z0-9-]{1,64}$/);
  });
});
