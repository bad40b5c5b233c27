import { describe, expect, it } from 'vitest';
import { groupByYear, londonYear, parseYear, resolvedAt, triageProblems, yearRange } from './triage.ts';

describe('triage rules', () => {
  it('needs both texts to resolve and publish', () => {
    expect(
      triageProblems({ status: 'resolved', publish: true, youSaid: null, weDid: null }).map((p) => p.field),
    ).toEqual(['youSaid', 'weDid']);
    expect(triageProblems({ status: 'resolved', publish: true, youSaid: 'Said', weDid: null })).toEqual([
      { field: 'weDid', message: 'Enter what we did, to publish it on You said, we did' },
    ]);
    expect(triageProblems({ status: 'resolved', publish: true, youSaid: 'Said', weDid: 'Did' })).toEqual([]);
  });

  it('lets an editor resolve without publishing, or draft before resolving', () => {
    expect(triageProblems({ status: 'resolved', publish: false, youSaid: null, weDid: null })).toEqual([]);
    expect(triageProblems({ status: 'in_progress', publish: true, youSaid: 'Said', weDid: null })).toEqual(
      [],
    );
  });

  it('records when a report is resolved, once', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const earlier = new Date('2026-10-01T09:00:00Z');
    expect(resolvedAt({ status: 'new', resolved_at: null }, 'resolved', now)).toEqual(now);
    expect(resolvedAt({ status: 'resolved', resolved_at: earlier }, 'resolved', now)).toEqual(earlier);
    expect(resolvedAt({ status: 'resolved', resolved_at: earlier }, 'in_progress', now)).toBeNull();
  });
});

describe('years of You said, we did', () => {
  it('counts years in England', () => {
    expect(londonYear(new Date('2026-12-31T23:59:59Z'))).toBe(2026);
    expect(londonYear(new Date('2027-01-01T00:00:00Z'))).toBe(2027);
    // Midsummer midnight in London is 11pm UTC the day before.
    expect(londonYear(new Date('2026-06-30T23:30:00Z'))).toBe(2026);
  });

  it('gives a year’s range in UTC, which is London time at new year', () => {
    expect(yearRange(2026)).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
  });

  it('groups items by year, newest year first, keeping their order', () => {
    const items = [
      { id: 'c', resolved_at: new Date('2027-02-01T10:00:00Z') },
      { id: 'b', resolved_at: new Date('2026-05-01T10:00:00Z') },
      { id: 'a', resolved_at: new Date('2026-03-01T10:00:00Z') },
    ];
    expect(groupByYear(items).map((g) => [g.year, g.items.map((i) => i.id)])).toEqual([
      [2027, ['c']],
      [2026, ['b', 'a']],
    ]);
    expect(groupByYear([])).toEqual([]);
  });

  it('reads a year from a query string', () => {
    expect(parseYear('2026')).toBe(2026);
    expect(parseYear(' 2026 ')).toBe(2026);
    for (const value of ['26', '20266', 'abcd', '1999', undefined, ['2026']])
      expect(parseYear(value)).toBeNull();
  });
});
