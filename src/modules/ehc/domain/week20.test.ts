import { describe, expect, it } from 'vitest';
import type { Excusal } from './excusals.ts';
import { twentyWeekTimeliness, week20, week20Deadline, type AssessmentForSen2 } from './week20.ts';

// Request received Monday 6 January 2025: no-plan decision due 28 April (16 weeks), final plan 26 May (20 weeks).
const absenceInMarch: Excusal = {
  type: '10(4)(d)',
  deadline: { ruleId: 'final-plan' },
  from: '2025-03-01',
  to: '2025-03-28', // 28 days
  evidence: 'Family abroad, tickets on file',
};

const plan = (overrides: Partial<AssessmentForSen2> = {}): AssessmentForSen2 => ({
  assessmentOutcome: 'Y',
  requestReceivedOn: '2025-01-06',
  assessmentOutcomeDate: '2025-06-02',
  excusals: [],
  ...overrides,
});

describe('SEN2 Week20 for a plan issued (outcome Y)', () => {
  it('is 0 without exceptions', () => {
    expect(week20(plan())).toBe(0);
  });

  it('is 1 with a reg 10(4) exception recorded against the 20 weeks and made out', () => {
    expect(week20(plan({ excusals: [absenceInMarch] }))).toBe(1);
  });

  it('is 1 when an exception applied even though the plan was in the end on time', () => {
    expect(week20(plan({ assessmentOutcomeDate: '2025-05-20', excusals: [absenceInMarch] }))).toBe(1);
  });

  it('is 0 for a missed appointment, which is not a 20-week exception (reg 13(3))', () => {
    const missed: Excusal = { ...absenceInMarch, type: '8(2)(c)', from: '2025-02-04', to: '2025-02-04' };
    expect(week20(plan({ excusals: [missed] }))).toBe(0);
  });

  it('is 0 when the exception is recorded against another deadline', () => {
    const advice: Excusal = {
      ...absenceInMarch,
      type: '8(2)(b)',
      deadline: { ruleId: 'advice', subjectId: 'health' },
    };
    expect(week20(plan({ excusals: [advice] }))).toBe(0);
  });

  it('is 0 when the exception is not made out (an absence of 27 days)', () => {
    expect(week20(plan({ excusals: [{ ...absenceInMarch, to: '2025-03-27' }] }))).toBe(0);
  });

  it('is 0 when the circumstances began after the plan was issued', () => {
    // Issued 14 March; the absence began 1 March → 1. Began 15 March → 0.
    expect(week20(plan({ assessmentOutcomeDate: '2025-03-14', excusals: [absenceInMarch] }))).toBe(1);
    expect(
      week20(
        plan({
          assessmentOutcomeDate: '2025-03-14',
          excusals: [{ ...absenceInMarch, from: '2025-03-15', to: '2025-04-20' }],
        }),
      ),
    ).toBe(0);
  });
});

describe('SEN2 Week20 for a decision not to issue (outcome N)', () => {
  const noPlan = (excusals: Excusal[]) =>
    plan({ assessmentOutcome: 'N', assessmentOutcomeDate: '2025-05-06', excusals });

  it('answers the 16-week deadline, whose exceptions are the same reg 10(4) list', () => {
    expect(week20Deadline(noPlan([])).ruleId).toBe('no-plan-decision');
    expect(week20Deadline(noPlan([])).dueDate).toBe('2025-04-28');
    expect(week20(noPlan([]))).toBe(0);
    const circumstances: Excusal = {
      ...absenceInMarch,
      type: '10(4)(c)',
      deadline: { ruleId: 'no-plan-decision' },
      from: '2025-04-01',
      to: '2025-04-11',
    };
    expect(week20(noPlan([circumstances]))).toBe(1);
  });

  it('does not count an exception recorded against the final plan’s 20 weeks', () => {
    expect(week20(noPlan([absenceInMarch]))).toBe(0);
  });
});

describe('a plan’s part in the published 20-week timeliness', () => {
  it('on time without exceptions: counts in both measures, within 20 weeks', () => {
    // Due 26 May 2025: issued that day is on time.
    expect(
      twentyWeekTimeliness({
        requestReceivedOn: '2025-01-06',
        finalPlanIssuedOn: '2025-05-26',
        excusals: [],
      }),
    ).toEqual({ week20: 0, issuedWithinTwentyWeeks: true, countsExcludingExceptions: true });
  });

  it('late without exceptions: counts in both measures, not within 20 weeks', () => {
    expect(
      twentyWeekTimeliness({
        requestReceivedOn: '2025-01-06',
        finalPlanIssuedOn: '2025-05-27',
        excusals: [],
      }),
    ).toEqual({ week20: 0, issuedWithinTwentyWeeks: false, countsExcludingExceptions: true });
  });

  it('late with an exception: counts only in the measure including exceptions', () => {
    expect(
      twentyWeekTimeliness({
        requestReceivedOn: '2025-01-06',
        finalPlanIssuedOn: '2025-06-02',
        excusals: [absenceInMarch],
      }),
    ).toEqual({ week20: 1, issuedWithinTwentyWeeks: false, countsExcludingExceptions: false });
  });
});
