import { describe, expect, it } from 'vitest';
import { occurrencesBetween, type ScheduleForOccurrences } from './occurrences.ts';

const base: ScheduleForOccurrences = {
  freq: 'WEEKLY',
  byday: ['MO'],
  week_of_month: null,
  dtstart: null,
  valid_from: null,
  valid_to: null,
  term_time_only: false,
};
const terms = [{ start: '2026-11-02', end: '2026-12-18' }];

describe('occurrencesBetween', () => {
  it('lists a weekly session on its days', () => {
    expect(occurrencesBetween({ ...base, byday: ['MO', 'TH'] }, '2026-11-23', '2026-12-03', [])).toEqual([
      '2026-11-23',
      '2026-11-26',
      '2026-11-30',
      '2026-12-03',
    ]);
  });

  it('leaves out the school holidays for a term-time session', () => {
    expect(occurrencesBetween({ ...base, term_time_only: true }, '2026-12-14', '2027-01-04', terms)).toEqual([
      '2026-12-14',
    ]);
  });

  it('keeps to the dates a schedule is valid for', () => {
    expect(
      occurrencesBetween(
        { ...base, valid_from: '2026-11-24', valid_to: '2026-12-08' },
        '2026-11-23',
        '2026-12-31',
        [],
      ),
    ).toEqual(['2026-11-30', '2026-12-07']);
  });

  it('finds the first and the last given weekday of a month', () => {
    const monthly = { ...base, freq: 'MONTHLY', byday: ['SA'] };
    expect(occurrencesBetween({ ...monthly, week_of_month: 1 }, '2026-11-01', '2027-01-31', [])).toEqual([
      '2026-11-07',
      '2026-12-05',
      '2027-01-02',
    ]);
    expect(occurrencesBetween({ ...monthly, week_of_month: -1 }, '2026-11-01', '2027-01-31', [])).toEqual([
      '2026-11-28',
      '2026-12-26',
      '2027-01-30',
    ]);
  });

  it('lists a one-off event only inside the range', () => {
    const once = { ...base, freq: 'ONCE', byday: [], dtstart: '2026-12-05' };
    expect(occurrencesBetween(once, '2026-12-01', '2026-12-31', [])).toEqual(['2026-12-05']);
    expect(occurrencesBetween(once, '2026-12-06', '2026-12-31', [])).toEqual([]);
  });

  it('returns nothing for a backwards range', () => {
    expect(occurrencesBetween(base, '2026-12-31', '2026-12-01', [])).toEqual([]);
  });
});
