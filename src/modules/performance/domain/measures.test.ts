import { describe, expect, it } from 'vitest';
import type { Excusal } from '../../ehc/domain/excusals.ts';
import { MEASURES } from './catalogue.ts';
import {
  adviceOutcome,
  adviceStatus,
  caseworkFactsFromRecords,
  caseworkMeasures,
  caseworkSeries,
  findFigure,
  SAME_PERIOD_LAST_YEAR,
  type AdviceRecord,
  type CaseRecord,
  type CaseworkFacts,
  type CaseworkFigure,
} from './measures.ts';
import { calendarYear, dateRange, month, monthsOf } from './periods.ts';

/**
 * Worked by hand. Requests received on Monday 6 January 2025 have their decision due on 17 February
 * (6 weeks, day 42), a no-plan decision by 28 April (16 weeks) and the final plan by 26 May (20 weeks,
 * day 140); those of Monday 3 February 2025 by 17 March, 26 May and 23 June.
 */
const exceptional: Excusal = {
  type: '10(4)(c)',
  deadline: { ruleId: 'final-plan' },
  from: '2025-03-01',
  to: '2025-03-20',
  evidence: 'Letter from the family on the case file',
};
// A missed appointment is no exception to the 20 weeks (reg 13(3)): recorded, but it does not apply.
const missedAppointment: Excusal = {
  type: '8(2)(c)',
  deadline: { ruleId: 'final-plan' },
  from: '2025-03-03',
  to: '2025-03-03',
  evidence: 'Clinic letter',
};

function aCase(c: Partial<CaseRecord> & { receivedOn: string }): CaseRecord {
  return {
    decisionOutcome: null,
    decisionNotifiedOn: null,
    noPlanNotifiedOn: null,
    finalIssuedOn: null,
    finalPlanExcusals: [],
    ...c,
  };
}

const CASES: CaseRecord[] = [
  // A: decided on day 42, plan on day 140: both on time.
  aCase({
    receivedOn: '2025-01-06',
    decisionOutcome: 'assess',
    decisionNotifiedOn: '2025-02-17',
    finalIssuedOn: '2025-05-26',
  }),
  // B: decided on day 43, plan on day 141: both late.
  aCase({
    receivedOn: '2025-01-06',
    decisionOutcome: 'assess',
    decisionNotifiedOn: '2025-02-18',
    finalIssuedOn: '2025-05-27',
  }),
  // C: plan late, with an exception under reg 10(4)(c) that applied: left out of "excluding exceptions".
  aCase({
    receivedOn: '2025-01-06',
    decisionOutcome: 'assess',
    decisionNotifiedOn: '2025-02-10',
    finalIssuedOn: '2025-06-30',
    finalPlanExcusals: [exceptional],
  }),
  // D: plan on time; its "exception" is not one for the 20 weeks, so it stays in both.
  aCase({
    receivedOn: '2025-01-06',
    decisionOutcome: 'assess',
    decisionNotifiedOn: '2025-02-14',
    finalIssuedOn: '2025-05-20',
    finalPlanExcusals: [missedAppointment],
  }),
  // E: refused, on day 35.
  aCase({ receivedOn: '2025-02-03', decisionOutcome: 'not-assess', decisionNotifiedOn: '2025-03-10' }),
  // F: no plan on day 112 (on time); G: no plan on day 113 (late).
  aCase({
    receivedOn: '2025-02-03',
    decisionOutcome: 'assess',
    decisionNotifiedOn: '2025-03-03',
    noPlanNotifiedOn: '2025-05-26',
  }),
  aCase({
    receivedOn: '2025-02-03',
    decisionOutcome: 'assess',
    decisionNotifiedOn: '2025-03-03',
    noPlanNotifiedOn: '2025-05-27',
  }),
  // H: received and decided in 2024, plan in March 2025 (due 24 March): on time, and a 2025 plan.
  aCase({
    receivedOn: '2024-11-04',
    decisionOutcome: 'assess',
    decisionNotifiedOn: '2024-12-09',
    finalIssuedOn: '2025-03-10',
  }),
  // I: a plan of 2024, still maintained.
  aCase({
    receivedOn: '2024-03-01',
    decisionOutcome: 'assess',
    decisionNotifiedOn: '2024-04-01',
    finalIssuedOn: '2024-07-01',
  }),
  // J: received in December 2025, not yet decided.
  aCase({ receivedOn: '2025-12-01' }),
  // K: refused in 2024.
  aCase({ receivedOn: '2024-06-03', decisionOutcome: 'not-assess', decisionNotifiedOn: '2024-07-01' }),
];

// Asked on Monday 17 February 2025: due on Monday 31 March 2025.
const ADVICE: AdviceRecord[] = [
  {
    organisation: 'Demo NHS Trust',
    adviceType: 'health',
    requestedOn: '2025-02-17',
    receivedOn: '2025-03-31',
    noLongerAwaitedOn: null,
  }, // on the due date: on time
  {
    organisation: 'Demo NHS Trust',
    adviceType: 'health',
    requestedOn: '2025-02-17',
    receivedOn: '2025-04-01',
    noLongerAwaitedOn: null,
  }, // a day late
  {
    organisation: 'Demo Social Care',
    adviceType: 'social_care',
    requestedOn: '2025-02-17',
    receivedOn: null,
    noLongerAwaitedOn: null,
  }, // never came: late
  {
    organisation: 'Demo EP Service',
    adviceType: 'psychological',
    requestedOn: '2025-02-17',
    receivedOn: null,
    noLongerAwaitedOn: '2025-03-20',
  }, // case closed before it was due: not counted
  {
    organisation: 'Demo EP Service',
    adviceType: 'psychological',
    requestedOn: '2025-02-17',
    receivedOn: null,
    noLongerAwaitedOn: '2025-04-10',
  }, // closed when already late: late
  {
    organisation: 'Demo Oak School',
    adviceType: 'educational',
    requestedOn: '2025-12-15',
    receivedOn: null,
    noLongerAwaitedOn: null,
  }, // due 26 January 2026: another year
];

const YEAR = calendarYear(2025);
const facts = (asOf = '2026-01-15', range: { from: string; to: string } = YEAR) =>
  caseworkFactsFromRecords({ cases: CASES, advice: ADVICE }, range, asOf);

function counts(
  figures: CaseworkFigure[],
  measure: CaseworkFigure['measure'],
  key: string,
  breakdown?: string,
) {
  const f = findFigure(figures, measure, key, breakdown);
  if (!f) throw new Error(`no figure for ${measure} ${key} ${breakdown ?? ''}`);
  return [f.numerator, f.denominator];
}

describe('caseworkMeasures, worked by hand', () => {
  const figures = caseworkMeasures(facts(), YEAR);

  it('has a figure for every casework measure of the catalogue, and for no other', () => {
    const casework = MEASURES.filter((m) => m.sources.includes('casework')).map((m) => m.id);
    expect(new Set(figures.map((f) => f.measure))).toEqual(new Set(casework));
    for (const f of figures) {
      expect(Number.isInteger(f.numerator)).toBe(true);
      if (f.denominator !== null) expect(f.numerator).toBeLessThanOrEqual(f.denominator);
    }
  });

  it('20 weeks including exceptions: day 140 is on time, day 141 late; every plan issued counts', () => {
    // A (day 140), D and H on time; B (day 141) and C late.
    expect(counts(figures, 'plans-within-20-weeks', '2025')).toEqual([3, 5]);
  });

  it('20 weeks excluding exceptions: only the plan an exception under reg 10(4) applied to is left out', () => {
    // C is left out; D's missed appointment is no exception to the 20 weeks, so D stays.
    expect(counts(figures, 'plans-within-20-weeks-excluding-exceptions', '2025')).toEqual([3, 4]);
  });

  it('decisions whether to assess within 6 weeks, counted in the period of the decision', () => {
    // A day 42, C, D, E, F, G on time; B day 43 late; H was decided in 2024.
    expect(counts(figures, 'decisions-within-6-weeks', '2025')).toEqual([6, 7]);
  });

  it('decisions not to issue a plan within 16 weeks', () => {
    expect(counts(figures, 'no-plan-decisions-within-16-weeks', '2025')).toEqual([1, 2]);
  });

  it('requests refused: decided not to assess, of the requests received in the period', () => {
    // Eight requests received in 2025 (A to G and J), one refused (E); K was refused in 2024.
    expect(counts(figures, 'requests-refused', '2025')).toEqual([1, 8]);
  });

  it('requests received, and in the same period last year', () => {
    expect(counts(figures, 'requests-received', '2025')).toEqual([8, null]);
    const lastYear = findFigure(figures, 'requests-received', '2024', SAME_PERIOD_LAST_YEAR);
    expect(lastYear).toMatchObject({ numerator: 3, denominator: null, period: calendarYear(2024) });
  });

  it('new plans, and the plans maintained at the end of the period', () => {
    expect(counts(figures, 'new-plans', '2025')).toEqual([5, null]);
    expect(counts(figures, 'active-plans', '2025')).toEqual([6, null]);
    const march = caseworkMeasures(facts(), month('2025-03'));
    // At the end of March 2025: I (2024) and H (10 March 2025).
    expect(counts(march, 'active-plans', '2025-03')).toEqual([2, null]);
    expect(counts(march, 'new-plans', '2025-03')).toEqual([1, null]);
    expect(counts(march, 'plans-within-20-weeks', '2025-03')).toEqual([1, 1]);
  });

  it('advice within 6 weeks: due in the period, on time on the due date, late when still awaited or closed late', () => {
    expect(counts(figures, 'advice-within-6-weeks', '2025')).toEqual([1, 4]);
    expect(counts(figures, 'advice-within-6-weeks', '2025', 'type:health')).toEqual([1, 2]);
    expect(counts(figures, 'advice-within-6-weeks', '2025', 'type:social_care')).toEqual([0, 1]);
    expect(counts(figures, 'advice-within-6-weeks', '2025', 'type:psychological')).toEqual([0, 1]);
    // Every type has a figure, with nothing due as 0 of 0, never left out.
    expect(counts(figures, 'advice-within-6-weeks', '2025', 'type:educational')).toEqual([0, 0]);
    expect(counts(figures, 'advice-within-6-weeks', '2025', 'type:preparing_for_adulthood')).toEqual([0, 0]);
    expect(counts(figures, 'advice-within-6-weeks', '2025', 'organisation:Demo NHS Trust')).toEqual([1, 2]);
    expect(counts(figures, 'advice-within-6-weeks', '2025', 'organisation:Demo Social Care')).toEqual([0, 1]);
    expect(counts(figures, 'advice-within-6-weeks', '2025', 'organisation:Demo EP Service')).toEqual([0, 1]);
    // Oak School's advice is due in 2026.
    expect(
      findFigure(figures, 'advice-within-6-weeks', '2025', 'organisation:Demo Oak School'),
    ).toBeUndefined();
  });

  it('advice is not counted until its due date has passed', () => {
    const onTheDueDate = caseworkMeasures(facts('2025-03-31'), YEAR);
    expect(counts(onTheDueDate, 'advice-within-6-weeks', '2025')).toEqual([0, 0]);
    const dayAfter = caseworkMeasures(facts('2025-04-01'), YEAR);
    expect(counts(dayAfter, 'advice-within-6-weeks', '2025')).toEqual([1, 4]);
  });

  it('each outcome of a request for advice', () => {
    const due = '2025-03-31';
    expect(adviceStatus({ dueOn: due, receivedOn: due, noLongerAwaitedOn: null })).toBe('receivedByDue');
    expect(adviceStatus({ dueOn: due, receivedOn: '2025-04-01', noLongerAwaitedOn: null })).toBe(
      'receivedAfterDue',
    );
    expect(adviceStatus({ dueOn: due, receivedOn: null, noLongerAwaitedOn: null })).toBe('awaited');
    expect(adviceStatus({ dueOn: due, receivedOn: null, noLongerAwaitedOn: due })).toBe('closedByDue');
    expect(adviceStatus({ dueOn: due, receivedOn: null, noLongerAwaitedOn: '2025-04-01' })).toBe(
      'closedAfterDue',
    );
    expect(adviceOutcome('receivedByDue', due, '2025-04-01')).toBe('on-time');
    expect(adviceOutcome('receivedByDue', due, due)).toBe('not-yet-due');
    expect(adviceOutcome('awaited', due, '2025-04-01')).toBe('late');
    expect(adviceOutcome('closedAfterDue', due, '2025-05-01')).toBe('late');
    expect(adviceOutcome('closedByDue', due, '2025-05-01')).toBe('not-counted');
  });
});

describe('caseworkMeasures over other periods', () => {
  it('an empty period gives 0 of 0, never NaN or a missing figure', () => {
    const quiet = caseworkMeasures(facts('2026-01-15'), dateRange('2025-08-01', '2025-08-31'));
    expect(counts(quiet, 'plans-within-20-weeks', '2025-08-01..2025-08-31')).toEqual([0, 0]);
    expect(counts(quiet, 'decisions-within-6-weeks', '2025-08-01..2025-08-31')).toEqual([0, 0]);
    expect(counts(quiet, 'requests-refused', '2025-08-01..2025-08-31')).toEqual([0, 0]);
    expect(counts(quiet, 'advice-within-6-weeks', '2025-08-01..2025-08-31')).toEqual([0, 0]);
    expect(counts(quiet, 'requests-received', '2025-08-01..2025-08-31')).toEqual([0, null]);
    for (const f of quiet) expect(Number.isNaN(f.numerator)).toBe(false);

    const nothing: CaseworkFacts = caseworkFactsFromRecords({ cases: [], advice: [] }, YEAR, '2026-01-01');
    const none = caseworkMeasures(nothing, YEAR);
    expect(none.filter((f) => f.breakdown === 'Total').every((f) => f.numerator === 0)).toBe(true);
    expect(none.filter((f) => f.denominator !== null).every((f) => f.denominator === 0)).toBe(true);
  });

  it('the months of a year add up to the year', () => {
    const all = facts();
    const monthly = caseworkSeries(all, monthsOf(YEAR));
    const yearly = caseworkMeasures(all, YEAR);
    for (const f of yearly.filter((f) => f.breakdown === 'Total' && f.measure !== 'active-plans')) {
      const months = monthly.filter((m) => m.measure === f.measure && m.breakdown === 'Total');
      expect(months).toHaveLength(12);
      expect(
        months.reduce((n, m) => n + m.numerator, 0),
        f.measure,
      ).toBe(f.numerator);
      if (f.denominator !== null)
        expect(
          months.reduce((n, m) => n + (m.denominator ?? 0), 0),
          f.measure,
        ).toBe(f.denominator);
    }
    // Plans maintained at the end of December are the year's.
    expect(findFigure(monthly, 'active-plans', '2025-12')?.numerator).toBe(6);
  });

  it('refuses a period outside the facts read, rather than count it short', () => {
    expect(() => caseworkMeasures(facts(), calendarYear(2024))).toThrow(RangeError);
    expect(() => caseworkMeasures(facts(), dateRange('2025-06-01', '2026-01-01'))).toThrow(RangeError);
  });

  it('counts the same from the facts however they were split into days', () => {
    // A fact sheet built by hand: two days of plans with no exception, one plan whose exception applied.
    const handMade: CaseworkFacts = {
      from: '2025-01-01',
      to: '2025-12-31',
      requestsFrom: '2024-01-01',
      asOf: '2026-01-01',
      requests: [{ on: '2025-02-01', received: 10, notAssessed: 3 }],
      decisions: [],
      noPlanDecisions: [],
      finalPlans: [
        { on: '2025-05-01', total: 4, onTime: 3 },
        { on: '2025-06-01', total: 6, onTime: 2 },
      ],
      finalPlansWithExceptions: [
        { requestReceivedOn: '2025-01-06', finalPlanIssuedOn: '2025-06-30', excusals: [exceptional] },
      ],
      plansIssuedBefore: 100,
      advice: [],
    };
    const f = caseworkMeasures(handMade, YEAR);
    expect(counts(f, 'plans-within-20-weeks', '2025')).toEqual([5, 11]);
    expect(counts(f, 'plans-within-20-weeks-excluding-exceptions', '2025')).toEqual([5, 10]);
    expect(counts(f, 'requests-refused', '2025')).toEqual([3, 10]);
    expect(counts(f, 'active-plans', '2025')).toEqual([111, null]);
    expect(counts(caseworkMeasures(handMade, month('2025-05')), 'active-plans', '2025-05')).toEqual([
      104,
      null,
    ]);
  });
});
