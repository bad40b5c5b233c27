import { describe, expect, it } from 'vitest';
import { caseClocks, riskOf, twentyWeekRisk, weekOfAssessment, type CaseClockInput } from './case-clocks.ts';

const base: CaseClockInput = {
  receivedOn: '2026-01-05',
  decision: null,
  advice: [],
  consultations: [],
  noPlanNotifiedOn: null,
  draftServedOn: null,
  finalIssuedOn: null,
  excusals: [],
};

describe('caseClocks', () => {
  it('starts with the decision, the 16-week and the 20-week clocks of a new request', () => {
    const clocks = caseClocks(base, '2026-01-06');
    expect(clocks.map((k) => [k.deadline.ruleId, k.deadline.dueDate])).toEqual([
      ['decision-to-assess', '2026-02-16'],
      ['no-plan-decision', '2026-04-27'],
      ['final-plan', '2026-05-25'],
    ]);
    expect(clocks[0]?.risk).toBe('on-track');
  });

  it('drops everything after a decision not to assess', () => {
    const clocks = caseClocks(
      { ...base, decision: { outcome: 'not-assess', notifiedOn: '2026-02-10' } },
      '2026-02-11',
    );
    expect(clocks.map((k) => k.deadline.ruleId)).toEqual(['decision-to-assess']);
    expect(clocks[0]?.risk).toBe('done');
  });

  it('gives each advice request its own 6 weeks and shows late advice with its excusal', () => {
    const input: CaseClockInput = {
      ...base,
      decision: { outcome: 'assess', notifiedOn: '2026-02-02' },
      advice: [{ id: 'a1', requestedOn: '2026-02-02', receivedOn: '2026-03-18', label: 'Health' }],
      excusals: [
        {
          ruleId: 'advice',
          subjectId: 'a1',
          type: '8(2)(c)',
          fromOn: '2026-02-20',
          toOn: '2026-02-20',
          adviceRequestedOn: null,
          evidence: 'Missed appointment',
        },
      ],
    };
    const advice = caseClocks(input, '2026-03-20').find((k) => k.deadline.ruleId === 'advice');
    expect(advice?.deadline.dueDate).toBe('2026-03-16');
    expect(advice?.risk).toBe('late');
    expect(advice?.timeliness).toMatchObject({ status: 'missed', excused: true, daysLate: 2 });
    expect(advice?.label).toBe('Advice: Health');
  });

  it('counts a final plan in week 19 as on time, and the 16-week clock goes once a draft is issued', () => {
    const clocks = caseClocks(
      {
        ...base,
        decision: { outcome: 'assess', notifiedOn: '2026-02-02' },
        draftServedOn: '2026-04-13',
        finalIssuedOn: '2026-05-11',
      },
      '2026-05-12',
    );
    expect(clocks.some((k) => k.deadline.ruleId === 'no-plan-decision')).toBe(false);
    const final = clocks.find((k) => k.deadline.ruleId === 'final-plan');
    expect(final?.risk).toBe('done');
    expect(weekOfAssessment('2026-01-05', '2026-05-11')).toBe(19);
  });

  it('treats the draft representations period as a window for the family that closes, never as overdue', () => {
    const clocks = caseClocks(
      { ...base, decision: { outcome: 'assess', notifiedOn: '2026-02-02' }, draftServedOn: '2026-04-13' },
      '2026-05-01',
    );
    const window = clocks.find((k) => k.deadline.ruleId === 'draft-plan-representations');
    expect(window?.deadline.dueDate).toBe('2026-04-27');
    expect(window?.risk).toBe('done');
  });
});

describe('risk', () => {
  it('is overdue after the due date, due soon within 14 days, on track before', () => {
    expect(riskOf('2026-03-16', null, '2026-03-17')).toBe('overdue');
    expect(riskOf('2026-03-16', null, '2026-03-02')).toBe('due-soon');
    expect(riskOf('2026-03-16', null, '2026-03-01')).toBe('on-track');
    expect(riskOf('2026-03-16', '2026-03-16', '2026-04-01')).toBe('done');
    expect(riskOf('2026-03-16', '2026-03-17', '2026-04-01')).toBe('late');
  });

  it('puts a 20-week clock at risk without a draft after week 14, or within two weeks of the due date', () => {
    const c = { receivedOn: '2026-01-05', finalPlanDueOn: '2026-05-25', draftServedOn: null };
    expect(twentyWeekRisk(c, '2026-04-13')).toBe('on-track');
    expect(twentyWeekRisk(c, '2026-04-14')).toBe('at-risk');
    expect(twentyWeekRisk({ ...c, draftServedOn: '2026-04-01' }, '2026-05-11')).toBe('at-risk');
    expect(twentyWeekRisk({ ...c, draftServedOn: '2026-04-01' }, '2026-05-10')).toBe('on-track');
    expect(twentyWeekRisk(c, '2026-05-26')).toBe('overdue');
  });
});
