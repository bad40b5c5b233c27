import { describe, expect, it } from 'vitest';
import { deadlineFor } from './deadlines.ts';
import {
  clockPeriod,
  excusalProblems,
  excusalsApplying,
  isExcused,
  isOnTime,
  timeliness,
  type Excusal,
} from './excusals.ts';

// Request received Monday 6 January 2025: decision due 17 Feb (6 weeks), final plan due 26 May (20 weeks).
const finalPlan = deadlineFor('final-plan', '2025-01-06');
const decisionToAssess = deadlineFor('decision-to-assess', '2025-01-06');
// Advice asked of educational psychology, received Wednesday 8 January: 31 Jan +23, due 19 February +42.
const advice = deadlineFor('advice', '2025-01-08', { subjectId: 'educational-psychology' });
// Summer term request, Monday 2 June 2025: final plan 30 Jun +28, 31 Jul +59, 31 Aug +90, 30 Sep +120,
// due Monday 20 October +140.
const summerFinalPlan = deadlineFor('final-plan', '2025-06-02');

function excusal(overrides: Partial<Excusal> & Pick<Excusal, 'type' | 'deadline'>): Excusal {
  return {
    from: '2025-03-01',
    to: '2025-03-28',
    evidence: 'Letter from the family, 3 March 2025',
    ...overrides,
  };
}

const problemFields = (e: Excusal, d = finalPlan, eventDate?: string) =>
  excusalProblems(e, d, eventDate).map((p) => p.field);

describe('timeliness', () => {
  it('is on time on or before the due date, late after it', () => {
    expect(finalPlan.dueDate).toBe('2025-05-26');
    expect(isOnTime(finalPlan, '2025-05-26')).toBe(true);
    expect(isOnTime(finalPlan, '2025-05-27')).toBe(false);
    expect(isOnTime(finalPlan, '2025-01-06')).toBe(true);
    expect(() => isOnTime(finalPlan, '2025-05-32')).toThrow(RangeError);
  });

  it('says where a deadline stands, with days late and any exception beside it', () => {
    const absence = excusal({ type: '10(4)(d)', deadline: { ruleId: 'final-plan' } });
    expect(timeliness(finalPlan, { eventDate: '2025-05-26', excusals: [], today: '2025-07-01' })).toEqual({
      status: 'met',
      excused: false,
      daysLate: 0,
    });
    // Issued Monday 2 June: 7 days after 26 May.
    expect(
      timeliness(finalPlan, { eventDate: '2025-06-02', excusals: [absence], today: '2025-07-01' }),
    ).toEqual({
      status: 'missed',
      excused: true,
      daysLate: 7,
    });
    expect(timeliness(finalPlan, { excusals: [], today: '2025-05-26' })).toEqual({
      status: 'running',
      excused: false,
      daysLate: 0,
    });
    // Friday 30 May: 4 days after 26 May.
    expect(timeliness(finalPlan, { excusals: [absence], today: '2025-05-30' })).toEqual({
      status: 'overdue',
      excused: true,
      daysLate: 4,
    });
  });
});

describe('excusals never move a deadline', () => {
  it('leaves the due date as it was', () => {
    const before = structuredClone(finalPlan);
    const absence = excusal({ type: '10(4)(d)', deadline: { ruleId: 'final-plan' } });
    expect(isExcused(finalPlan, [absence])).toBe(true);
    expect(finalPlan).toEqual(before);
    expect(finalPlan.dueDate).toBe('2025-05-26');
    expect(isOnTime(finalPlan, '2025-06-02')).toBe(false);
  });
});

describe('reg 5(4): the decision whether to assess', () => {
  it('(a) advice asked of a head teacher around a closure of 4 weeks or more', () => {
    // Request Monday 23 June 2025: decision 30 Jun +7, 31 Jul +38, due Monday 4 August +42.
    const decision = deadlineFor('decision-to-assess', '2025-06-23');
    expect(decision.dueDate).toBe('2025-08-04');
    // Closed Wed 23 July to Tue 2 Sept (reopens Wed 3 Sept): 9 + 31 + 2 = 42 days. Advice could be asked from
    // 23 Jul − 7 = 16 July to 3 Sept − 7 = 27 August; the clock ran to 4 August.
    const closure = excusal({
      type: '5(4)(a)',
      deadline: { ruleId: 'decision-to-assess' },
      from: '2025-07-23',
      to: '2025-09-02',
      adviceRequestedOn: '2025-07-16',
    });
    expect(excusalProblems(closure, decision)).toEqual([]);
    expect(isExcused(decision, [closure])).toBe(true);
    expect(problemFields({ ...closure, adviceRequestedOn: '2025-07-15' }, decision)).toEqual([
      'adviceRequestedOn',
    ]);
  });

  it('(b) exceptional personal circumstances, of any length within the clock', () => {
    const circumstances = excusal({
      type: '5(4)(b)',
      deadline: { ruleId: 'decision-to-assess' },
      from: '2025-01-20',
      to: '2025-01-24',
    });
    expect(excusalProblems(circumstances, decisionToAssess)).toEqual([]);
  });

  it('(c) absence from the area for a continuous 4 weeks, counting the first and last days', () => {
    // 13 January to 9 February: 19 days in January + 9 in February = 28 days.
    const absence = excusal({
      type: '5(4)(c)',
      deadline: { ruleId: 'decision-to-assess' },
      from: '2025-01-13',
      to: '2025-02-09',
    });
    expect(excusalProblems(absence, decisionToAssess)).toEqual([]);
    // To 8 February: 27 days.
    expect(excusalProblems({ ...absence, to: '2025-02-08' }, decisionToAssess)).toEqual([
      { field: 'to', message: 'The absence must be a continuous period of at least 4 weeks' },
    ]);
  });

  it('does not excuse the decision with a reg 10(4) exception', () => {
    const wrong = excusal({
      type: '10(4)(c)',
      deadline: { ruleId: 'decision-to-assess' },
      from: '2025-01-20',
      to: '2025-01-24',
    });
    expect(problemFields(wrong, decisionToAssess)).toEqual(['type']);
  });
});

describe('reg 8(2): advice', () => {
  const against = { ruleId: 'advice', subjectId: 'educational-psychology' } as const;

  it('(a) exceptional circumstances', () => {
    expect(advice.dueDate).toBe('2025-02-19');
    const e = excusal({ type: '8(2)(a)', deadline: against, from: '2025-02-03', to: '2025-02-07' });
    expect(excusalProblems(e, advice)).toEqual([]);
  });

  it('(b) absence from the area for 4 weeks', () => {
    // 20 January to 16 February: 12 days in January + 16 in February = 28 days.
    const e = excusal({ type: '8(2)(b)', deadline: against, from: '2025-01-20', to: '2025-02-16' });
    expect(excusalProblems(e, advice)).toEqual([]);
    expect(problemFields({ ...e, to: '2025-02-15' }, advice)).toEqual(['to']);
  });

  it('(c) a missed appointment the body made, within its 6 weeks', () => {
    const missed = excusal({ type: '8(2)(c)', deadline: against, from: '2025-01-29', to: '2025-01-29' });
    expect(excusalProblems(missed, advice)).toEqual([]);
    // The 6 weeks run from 8 January to 19 February, both days included.
    expect(excusalProblems({ ...missed, from: '2025-02-19', to: '2025-02-19' }, advice)).toEqual([]);
    expect(excusalProblems({ ...missed, from: '2025-02-20', to: '2025-02-20' }, advice)).toEqual([
      {
        field: 'from',
        message: 'The appointment must have been within the 6 weeks the body had to give its advice',
      },
      { field: 'from', message: 'The circumstances must have arisen while this time limit was running' },
    ]);
    expect(problemFields({ ...missed, from: '2025-01-07', to: '2025-01-07' }, advice)).toContain('from');
    expect(problemFields({ ...missed, to: '2025-01-30' }, advice)).toEqual(['to']);
  });

  it('excuses only the advice request it is recorded against', () => {
    const e = excusal({ type: '8(2)(a)', deadline: against, from: '2025-02-03', to: '2025-02-07' });
    const health = deadlineFor('advice', '2025-01-08', { subjectId: 'health' });
    expect(isExcused(advice, [e])).toBe(true);
    expect(isExcused(health, [e])).toBe(false);
    expect(isExcused(finalPlan, [e])).toBe(false);
    expect(problemFields(e, health)).toEqual(['deadline']);
  });
});

describe('reg 10(4): the no-plan decision and, by reg 13(3), the final plan', () => {
  it('(a) school closure of 4 weeks or more, advice asked from a week before to a week before reopening', () => {
    // Closed Wed 23 July to Tue 2 Sept 2025; window 16 July to 27 August; the summer clock runs to 20 Oct.
    const closure = excusal({
      type: '10(4)(a)',
      deadline: { ruleId: 'final-plan' },
      from: '2025-07-23',
      to: '2025-09-02',
      adviceRequestedOn: '2025-08-27',
    });
    expect(summerFinalPlan.dueDate).toBe('2025-10-20');
    expect(excusalProblems(closure, summerFinalPlan)).toEqual([]);
    expect(excusalProblems({ ...closure, adviceRequestedOn: '2025-07-16' }, summerFinalPlan)).toEqual([]);
    expect(excusalProblems({ ...closure, adviceRequestedOn: '2025-08-28' }, summerFinalPlan)).toEqual([
      {
        field: 'adviceRequestedOn',
        message:
          'Advice must have been requested between 1 week before the closure and 1 week before it reopened',
      },
    ]);
    expect(problemFields({ ...closure, adviceRequestedOn: undefined }, summerFinalPlan)).toEqual([
      'adviceRequestedOn',
    ]);
  });

  it('(a) needs the closure to last 4 weeks: 28 days, not 27', () => {
    // Closed 1 to 28 August (28 days); window 1 Aug − 7 = 25 July to 29 Aug − 7 = 22 August.
    const closure = excusal({
      type: '10(4)(a)',
      deadline: { ruleId: 'final-plan' },
      from: '2025-08-01',
      to: '2025-08-28',
      adviceRequestedOn: '2025-07-25',
    });
    expect(excusalProblems(closure, summerFinalPlan)).toEqual([]);
    expect(problemFields({ ...closure, to: '2025-08-27' }, summerFinalPlan)).toEqual(['to']);
  });

  it('(a) needs the advice to have been asked while the clock ran', () => {
    // Request 2 June 2025: the 6-week decision ran to 14 July, before the 16 July start of the window.
    const decision = deadlineFor('decision-to-assess', '2025-06-02');
    const closure = excusal({
      type: '5(4)(a)',
      deadline: { ruleId: 'decision-to-assess' },
      from: '2025-07-23',
      to: '2025-09-02',
      adviceRequestedOn: '2025-07-16',
    });
    expect(excusalProblems(closure, decision)).toEqual([
      {
        field: 'adviceRequestedOn',
        message: 'Advice must have been requested while this time limit was running',
      },
    ]);
  });

  it('(b) an early years provider’s closure, likewise', () => {
    const closure = excusal({
      type: '10(4)(b)',
      deadline: { ruleId: 'final-plan' },
      from: '2025-07-23',
      to: '2025-09-02',
      adviceRequestedOn: '2025-08-01',
    });
    expect(isExcused(summerFinalPlan, [closure])).toBe(true);
  });

  it('(c) exceptional personal circumstances', () => {
    const e = excusal({
      type: '10(4)(c)',
      deadline: { ruleId: 'final-plan' },
      from: '2025-03-10',
      to: '2025-03-21',
    });
    expect(isExcused(finalPlan, [e])).toBe(true);
  });

  it('(d) absence from the area for 4 weeks: 1 to 28 March is 28 days, 1 to 27 March is not', () => {
    const e = excusal({ type: '10(4)(d)', deadline: { ruleId: 'final-plan' } });
    expect(isExcused(finalPlan, [e])).toBe(true);
    expect(isExcused(finalPlan, [{ ...e, to: '2025-03-27' }])).toBe(false);
  });

  it('excuses the 16-week decision not to issue a plan', () => {
    // 6 January + 16 weeks = 28 April.
    const noPlan = deadlineFor('no-plan-decision', '2025-01-06');
    const e = excusal({ type: '10(4)(d)', deadline: { ruleId: 'no-plan-decision' } });
    expect(isExcused(noPlan, [e])).toBe(true);
  });

  it('refuses a missed appointment as an exception to the 20 weeks (reg 13(3))', () => {
    const missed = excusal({
      type: '8(2)(c)',
      deadline: { ruleId: 'final-plan' },
      from: '2025-02-04',
      to: '2025-02-04',
    });
    expect(excusalProblems(missed, finalPlan)).toEqual([
      {
        field: 'type',
        message:
          'Reg 8(2)(c) is not an exception to the time limit for ‘Final plan issued’: the exceptions are ' +
          'reg 10(4)(a), reg 10(4)(b), reg 10(4)(c), reg 10(4)(d)',
      },
    ]);
    expect(isExcused(finalPlan, [missed])).toBe(false);
    expect(problemFields({ ...missed, type: '5(4)(b)' })).toEqual(['type']);
  });
});

describe('a deadline the law allows no exception to', () => {
  it('refuses every exception', () => {
    const draft = deadlineFor('draft-plan-representations', '2025-03-03');
    const e = excusal({
      type: '10(4)(c)',
      deadline: { ruleId: 'draft-plan-representations' },
      from: '2025-03-05',
      to: '2025-03-10',
    });
    expect(excusalProblems(e, draft)).toEqual([
      {
        field: 'type',
        message:
          'The law allows no exceptions to the time limit for ‘Draft plan: the family’s views, a meeting and a school or college’',
      },
    ]);
  });
});

describe('what makes an excusal sensible', () => {
  const absence = excusal({ type: '10(4)(d)', deadline: { ruleId: 'final-plan' } });

  it('needs evidence', () => {
    expect(excusalProblems({ ...absence, evidence: '   ' }, finalPlan)).toEqual([
      { field: 'evidence', message: 'Enter the evidence that the exception applied' },
    ]);
  });

  it('needs real dates, the last on or after the first', () => {
    expect(problemFields({ ...absence, from: '2025-02-30' })).toEqual(['from']);
    expect(problemFields({ ...absence, to: 'soon' })).toEqual(['to']);
    expect(excusalProblems({ ...absence, from: '2025-03-28', to: '2025-03-01' }, finalPlan)).toEqual([
      { field: 'to', message: 'The last day must be the same as or after the first day' },
    ]);
  });

  it('needs the circumstances to have arisen while the clock ran: after the request, before the due date', () => {
    // 9 Dec 2024 to 6 Jan 2025 (23 + 6 = 29 days) touches the day the request was received.
    expect(problemFields({ ...absence, from: '2024-12-09', to: '2025-01-06' })).toEqual([]);
    // 1 Dec 2024 to 5 Jan 2025 ended before it.
    expect(problemFields({ ...absence, from: '2024-12-01', to: '2025-01-05' })).toEqual(['from']);
    // 27 May to 30 June 2025 began after the 26 May due date.
    expect(problemFields({ ...absence, from: '2025-05-27', to: '2025-06-30' })).toEqual(['from']);
  });

  it('does not excuse an event with circumstances that began after it', () => {
    // Plan issued 14 March; an absence from 15 March to 20 April cannot have delayed it.
    const later = { ...absence, from: '2025-03-15', to: '2025-04-20' };
    expect(clockPeriod(finalPlan, '2025-03-14')).toEqual({ from: '2025-01-06', to: '2025-03-14' });
    expect(isExcused(finalPlan, [later], '2025-03-14')).toBe(false);
    expect(isExcused(finalPlan, [later])).toBe(true);
  });

  it('lists only the excusals that apply', () => {
    const invalid = { ...absence, to: '2025-03-02' };
    const elsewhere = { ...absence, deadline: { ruleId: 'no-plan-decision' as const } };
    expect(excusalsApplying(finalPlan, [invalid, elsewhere, absence])).toEqual([absence]);
  });
});
