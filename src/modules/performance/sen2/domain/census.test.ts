import { describe, expect, it } from 'vitest';
import {
  censusDateOf,
  censusDateProblem,
  collectionYearOf,
  defaultCensusDate,
  latestCensusDate,
  requestInReturn,
} from './census.ts';

describe('the SEN2 census date', () => {
  it('is the third Thursday of January', () => {
    // 1 January 2024 was a Monday, 2025 a Wednesday, 2026 a Thursday, 2027 a Friday.
    expect(censusDateOf(2024)).toBe('2024-01-18');
    expect(censusDateOf(2025)).toBe('2025-01-16');
    expect(censusDateOf(2026)).toBe('2026-01-15');
    expect(censusDateOf(2027)).toBe('2027-01-21');
  });

  it('defaults to this January’s until the end of August, then to the coming one', () => {
    expect(defaultCensusDate('2026-01-02')).toBe('2026-01-15');
    expect(defaultCensusDate('2026-01-15')).toBe('2026-01-15');
    expect(defaultCensusDate('2026-08-31')).toBe('2026-01-15');
    expect(defaultCensusDate('2026-09-01')).toBe('2027-01-21');
    expect(defaultCensusDate('2026-12-31')).toBe('2027-01-21');
  });

  it('can be at the latest the next census date', () => {
    expect(latestCensusDate('2026-01-15')).toBe('2026-01-15');
    expect(latestCensusDate('2026-01-16')).toBe('2027-01-21');
    expect(latestCensusDate('2026-12-31')).toBe('2027-01-21');
  });

  it('reports on the calendar year before its January', () => {
    expect(collectionYearOf('2026-01-15')).toEqual({ year: 2025, start: '2025-01-01', end: '2025-12-31' });
  });

  it('is refused when not a real date, before EHC plans or after the next census date', () => {
    const today = '2026-03-18';
    expect(censusDateProblem('2026-01-15', today)).toBeNull();
    expect(censusDateProblem('2027-01-21', today)).toBeNull();
    expect(censusDateProblem('2015-01-15', today)).toBeNull();
    expect(censusDateProblem('2026-02-30', today)).toBe('The census date must be a real date');
    expect(censusDateProblem('2014-12-31', today)).toBe(
      'The census date must be on or after 1 January 2015, the first January with EHC plans',
    );
    expect(censusDateProblem('2027-01-22', today)).toBe(
      'The census date must be on or before 21 January 2027, the next census date',
    );
  });
});

describe('which requests are in the return for 15 January 2026 (collection year 2025)', () => {
  const census = '2026-01-15';
  const request = (
    receivedOn: string,
    closedOn: string | null = null,
    finalIssuedOn: string | null = null,
  ) => ({
    receivedOn,
    closedOn,
    finalIssuedOn,
  });

  it('every request received in 2025, open or closed', () => {
    expect(requestInReturn(request('2025-01-01'), census)).toBe(true);
    expect(requestInReturn(request('2025-12-31', '2026-01-02'), census)).toBe(true);
    expect(requestInReturn(request('2025-03-03', '2025-04-10'), census)).toBe(true);
  });

  it('a request received before 2025 that was still open on 1 January 2025', () => {
    expect(requestInReturn(request('2024-11-04'), census)).toBe(true);
    expect(requestInReturn(request('2024-11-04', '2025-01-01'), census)).toBe(true);
    expect(requestInReturn(request('2024-11-04', '2025-02-10'), census)).toBe(true);
  });

  it('not a request received before 2025 that was closed before it, without a plan', () => {
    expect(requestInReturn(request('2024-03-04', '2024-12-31'), census)).toBe(false);
  });

  it('every request whose plan was issued by the census date, however long ago', () => {
    expect(requestInReturn(request('2018-02-05', '2018-06-25', '2018-06-25'), census)).toBe(true);
    expect(requestInReturn(request('2025-08-04', '2026-01-15', '2026-01-15'), census)).toBe(true);
  });

  it('not a request received after 2025: it is in the next return', () => {
    expect(requestInReturn(request('2026-01-05'), census)).toBe(false);
  });
});
