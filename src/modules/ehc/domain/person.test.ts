import { describe, expect, it } from 'vitest';
import {
  ageOn,
  decisionMaker,
  endOfCompulsorySchoolAge,
  ethnicityLabel,
  ETHNICITIES,
  isEthnicity,
  schoolLeavingDate,
} from './person.ts';

describe('the end of compulsory school age', () => {
  it('is the last Friday of June', () => {
    expect(schoolLeavingDate(2026)).toBe('2026-06-26');
    expect(schoolLeavingDate(2027)).toBe('2027-06-25');
    // 30 June 2028 is itself a Friday.
    expect(schoolLeavingDate(2028)).toBe('2028-06-30');
  });

  it('falls in the school year in which the child turns 16', () => {
    // Born in March 2010: 16 in March 2026, school year 2025/26.
    expect(endOfCompulsorySchoolAge('2010-03-01')).toBe('2026-06-26');
    // Born in October 2010: 16 in October 2026, school year 2026/27.
    expect(endOfCompulsorySchoolAge('2010-10-15')).toBe('2027-06-25');
    // Born 1 September: the first day of a school year.
    expect(endOfCompulsorySchoolAge('2010-09-01')).toBe('2027-06-25');
    // Born 31 August: the last day of one.
    expect(endOfCompulsorySchoolAge('2010-08-31')).toBe('2026-06-26');
  });

  it('is the June leaving date even for a birthday in July, after it (s.8(4))', () => {
    expect(endOfCompulsorySchoolAge('2010-07-15')).toBe('2026-06-26');
  });

  it('makes the young person the decision-maker from the day after', () => {
    expect(decisionMaker('2010-03-01', '2026-06-26')).toBe('parent');
    expect(decisionMaker('2010-03-01', '2026-06-27')).toBe('young-person');
    expect(decisionMaker('2018-05-01', '2026-12-01')).toBe('parent');
  });
});

describe('age', () => {
  it('counts whole years, a leap-day birthday from 1 March', () => {
    expect(ageOn('2010-03-01', '2026-02-28')).toBe(15);
    expect(ageOn('2010-03-01', '2026-03-01')).toBe(16);
    expect(ageOn('2012-02-29', '2027-02-28')).toBe(14);
    expect(ageOn('2012-02-29', '2027-03-01')).toBe(15);
  });
});

describe('ethnicity', () => {
  it('has the DfE main codes, four letters each, and labels them', () => {
    expect(ETHNICITIES).toHaveLength(20);
    expect(ETHNICITIES.every((e) => /^[A-Z]{4}$/.test(e.code))).toBe(true);
    expect(new Set(ETHNICITIES.map((e) => e.code)).size).toBe(20);
    expect(isEthnicity('WBRI')).toBe(true);
    expect(isEthnicity('wbri')).toBe(false);
    expect(ethnicityLabel('APKN')).toBe('Pakistani');
    expect(ethnicityLabel(null)).toBe('Not recorded');
  });
});
