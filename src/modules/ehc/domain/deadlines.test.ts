import { describe, expect, it } from 'vitest';
import { BankHolidaysNotCoveredError, isBankHoliday, isWorkingDay } from './bank-holidays.ts';
import {
  appealDeadline,
  deadlineFor,
  needsAssessmentDeadlines,
  transferInReviewDeadline,
} from './deadlines.ts';
import { NoRuleInForceError, RULE_IDS, STATUTORY_RULES, type RuleId, type StatutoryRule } from './rules.ts';

// Every expected date below is worked by hand; the comment shows the arithmetic.

describe('the needs-assessment table, one row at a time (request received Monday 6 January 2025)', () => {
  it('request notified: on receipt (reg 4)', () => {
    expect(deadlineFor('request-notified', '2025-01-06').dueDate).toBe('2025-01-06');
  });

  it('decision whether to assess: 6 weeks (reg 5(1)), the reference’s own example', () => {
    // 6 January + 42 days: January has 25 more days (to 31 Jan = +25), then 17 February = +42.
    const deadline = deadlineFor('decision-to-assess', '2025-01-06');
    expect(deadline.dueDate).toBe('2025-02-17');
    expect(deadline.rule.citation.legislation).toBe('SEND Regulations 2014 reg 5(1)');
    expect(deadline.startDate).toBe('2025-01-06');
  });

  it('advice: 6 weeks from the body receiving each request (reg 8(1))', () => {
    // Received Wednesday 8 January: 31 Jan = +23, 19 February = +42.
    const deadline = deadlineFor('advice', '2025-01-08', { subjectId: 'educational-psychology' });
    expect(deadline.dueDate).toBe('2025-02-19');
    expect(deadline.subjectId).toBe('educational-psychology');
  });

  it('decision not to issue a plan: 16 weeks (reg 10(1))', () => {
    // 6 January + 112: 31 Jan = +25, 28 Feb = +53, 31 Mar = +84, 28 April = +112.
    expect(deadlineFor('no-plan-decision', '2025-01-06').dueDate).toBe('2025-04-28');
  });

  it('draft plan representations: at least 15 days beginning with the day served (reg 13(1))', () => {
    // Served Monday 3 March = day 1, so day 15 = 3 + 14 = Monday 17 March.
    const deadline = deadlineFor('draft-plan-representations', '2025-03-03');
    expect(deadline.dueDate).toBe('2025-03-17');
    expect(deadline.rule.kind).toBe('minimum-period');
  });

  it('school or college consulted: should reply within 15 days (Code 9.83)', () => {
    // Sent Monday 17 March: 31 March = +14, Tuesday 1 April = +15.
    const deadline = deadlineFor('setting-consultation', '2025-03-17');
    expect(deadline.dueDate).toBe('2025-04-01');
    expect(deadline.rule.force).toBe('guidance');
  });

  it('final plan: 20 weeks (reg 13(2)), the reference’s own example', () => {
    // 6 January + 140: 31 Jan = +25, 28 Feb = +53, 31 Mar = +84, 30 Apr = +114, 26 May = +140.
    expect(deadlineFor('final-plan', '2025-01-06').dueDate).toBe('2025-05-26');
  });

  it('notice of appeal rights: with the plan (reg 14)', () => {
    expect(deadlineFor('final-plan-notice', '2025-05-20').dueDate).toBe('2025-05-20');
  });
});

describe('counting edges', () => {
  it('31 January + 6 weeks, in a common year and a leap year', () => {
    // 2025: 28 Feb = +28, 14 March = +42.
    expect(deadlineFor('decision-to-assess', '2025-01-31').dueDate).toBe('2025-03-14');
    // 2024: 29 Feb = +29, 13 March = +42.
    expect(deadlineFor('decision-to-assess', '2024-01-31').dueDate).toBe('2024-03-13');
  });

  it('31 January + 20 weeks, in a common year and a leap year', () => {
    // 2025: 28 Feb +28, 31 Mar +59, 30 Apr +89, 31 May +120, 20 June +140.
    expect(deadlineFor('final-plan', '2025-01-31').dueDate).toBe('2025-06-20');
    // 2024: 29 Feb +29, 31 Mar +60, 30 Apr +90, 31 May +121, 19 June +140.
    expect(deadlineFor('final-plan', '2024-01-31').dueDate).toBe('2024-06-19');
  });

  it('a request received on 29 February, and on 28 February of the next year', () => {
    // 29 Feb 2024 + 140: 31 Mar +31, 30 Apr +61, 31 May +92, 30 Jun +122, 18 July +140.
    expect(deadlineFor('final-plan', '2024-02-29').dueDate).toBe('2024-07-18');
    // 28 Feb 2025 + 140: 31 Mar +31, 30 Apr +61, 31 May +92, 30 Jun +122, 18 July +140.
    expect(deadlineFor('final-plan', '2025-02-28').dueDate).toBe('2025-07-18');
    // 29 Feb 2024 + 42: 31 Mar +31, 11 April +42.
    expect(deadlineFor('decision-to-assess', '2024-02-29').dueDate).toBe('2024-04-11');
  });

  it('16 weeks across February, leap and common', () => {
    // 1 Feb 2024 + 112: 29 Feb +28, 31 Mar +59, 30 Apr +89, 23 May +112.
    expect(deadlineFor('no-plan-decision', '2024-02-01').dueDate).toBe('2024-05-23');
    // 1 Feb 2025 + 112: 28 Feb +27, 31 Mar +58, 30 Apr +88, 24 May +112.
    expect(deadlineFor('no-plan-decision', '2025-02-01').dueDate).toBe('2025-05-24');
  });

  it('the 15 days beginning with the day served, across February', () => {
    // 20 Feb 2024 + 14: 29 Feb +9, 5 March +14.
    expect(deadlineFor('draft-plan-representations', '2024-02-20').dueDate).toBe('2024-03-05');
    // 20 Feb 2025 + 14: 28 Feb +8, 6 March +14.
    expect(deadlineFor('draft-plan-representations', '2025-02-20').dueDate).toBe('2025-03-06');
  });

  it('across the year end', () => {
    // 20 Dec 2024 + 42: 31 Dec +11, 31 January +42.
    expect(deadlineFor('decision-to-assess', '2024-12-20').dueDate).toBe('2025-01-31');
  });

  it('leaves a deadline on Christmas Day where it falls: the reference moves none of these', () => {
    // Thursday 13 Nov 2025 + 42: 30 Nov +17, 25 December +42.
    const due = deadlineFor('decision-to-assess', '2025-11-13').dueDate;
    expect(due).toBe('2025-12-25');
    expect(isBankHoliday(due)).toBe(true);
  });

  it('leaves a 20-week deadline on Easter Monday, and the reference example on the Spring bank holiday', () => {
    // Monday 2 Dec 2024 + 140: 31 Dec +29, 31 Jan +60, 28 Feb +88, 31 Mar +119, 21 April +140.
    const easter = deadlineFor('final-plan', '2024-12-02').dueDate;
    expect(easter).toBe('2025-04-21');
    expect(isBankHoliday(easter)).toBe(true);
    expect(isBankHoliday(deadlineFor('final-plan', '2025-01-06').dueDate)).toBe(true);
  });

  it('counts a request received at a weekend from the day it was received', () => {
    // Saturday 4 January 2025 + 42: 31 Jan +27, Saturday 15 February +42.
    expect(deadlineFor('decision-to-assess', '2025-01-04').dueDate).toBe('2025-02-15');
    // + 140: 31 Jan +27, 28 Feb +55, 31 Mar +86, 30 Apr +116, Saturday 24 May +140.
    const due = deadlineFor('final-plan', '2025-01-04').dueDate;
    expect(due).toBe('2025-05-24');
    expect(isWorkingDay(due)).toBe(false);
  });

  it('refuses a date that is not a date, and one before the SEND Regulations 2014', () => {
    expect(() => deadlineFor('final-plan', '2025-02-30')).toThrow(RangeError);
    expect(() => deadlineFor('final-plan', '2014-08-29')).toThrow(NoRuleInForceError);
  });
});

describe('the other clocks of the reference (plan life and disagreement)', () => {
  const cases: [RuleId, string, string, string][] = [
    ['first-annual-review', '2025-01-31', '2026-01-31', 'plan made 31 Jan 2025 + 12 months'],
    ['annual-review', '2025-03-15', '2026-03-15', '+12 months'],
    ['early-years-review', '2025-08-31', '2026-02-28', '31 Aug + 6 months = "31 Feb 2026" → 28 Feb'],
    ['review-meeting-notice', '2026-03-10', '2026-02-24', 'meeting 10 Mar − 14: 28 Feb is −10, 24 Feb −14'],
    ['review-advice-circulated', '2026-03-10', '2026-02-24', 'as the notice'],
    ['review-report', '2026-03-10', '2026-03-24', '10 + 14'],
    ['review-decision', '2026-03-10', '2026-04-07', '31 Mar +21, 7 Apr +28'],
    ['amendment-representations', '2026-04-07', '2026-04-21', 'day 1 = 7 Apr, day 15 = 7 + 14'],
    ['amended-final-plan', '2026-04-07', '2026-06-02', '30 Apr +23, 31 May +54, 2 Jun +56'],
    ['phase-transfer', '2026-09-01', '2026-02-15', '15 February of the year of transfer'],
    ['post-16-transfer', '2026-09-01', '2026-03-31', '31 March of the year of transfer'],
    ['post-16-transfer-other-time', '2026-01-06', '2025-08-06', '6 Jan 2026 − 5 months'],
    ['transfer-out-on-move', '2025-04-14', '2025-04-14', 'the day of the move'],
    [
      'transfer-out-after-becoming-aware',
      '2025-05-05',
      '2025-05-27',
      'Mon 5 May (bank holiday) not counted; 6–9 May (4), 12–16 (9), 19–23 (14), Mon 26 bank holiday, Tue 27 (15)',
    ],
    ['transfer-in-family-notified', '2025-11-03', '2025-12-15', '30 Nov +27, 15 Dec +42'],
    ['transfer-in-review-after-last-review', '2025-10-15', '2026-10-15', '+12 months'],
    [
      'transfer-in-review-after-transfer',
      '2025-11-30',
      '2026-02-28',
      '30 Nov + 3 months = "30 Feb" → 28 Feb',
    ],
    ['reassessment-request-decision', '2026-02-10', '2026-02-25', '10 + 15'],
    [
      'reassessment-final-plan',
      '2026-02-25',
      '2026-06-03',
      '28 Feb +3, 31 Mar +34, 30 Apr +64, 31 May +95, 3 Jun +98',
    ],
    ['mediation-adviser-contacted', '2025-12-31', '2026-02-28', '31 Dec + 2 months = "31 Feb" → 28 Feb'],
    [
      'mediation-certificate-declined',
      '2025-12-24',
      '2025-12-31',
      'Wed 24 Dec; 25, 26 bank holidays, 27–28 weekend; 29 (1), 30 (2), 31 (3)',
    ],
    ['mediation-held', '2026-01-05', '2026-02-04', '31 Jan +26, 4 Feb +30'],
    [
      'mediation-certificate-after-mediation',
      '2025-04-17',
      '2025-04-24',
      'Thu 17 Apr; Good Friday, weekend, Easter Monday; 22 (1), 23 (2), 24 (3)',
    ],
    [
      'appeal-after-decision',
      '2026-10-10',
      '2026-12-10',
      '+2 months, not in the Christmas or August windows',
    ],
    ['appeal-after-mediation-certificate', '2026-02-12', '2026-03-12', '+1 month'],
    ['order-assess-notified', '2026-03-02', '2026-03-16', '2 + 14'],
    ['order-assess-no-plan-decision', '2026-03-02', '2026-05-11', '31 Mar +29, 30 Apr +59, 11 May +70'],
    ['order-assess-final-plan', '2026-03-02', '2026-06-08', '31 May +90, 8 Jun +98'],
    ['order-make-plan-draft', '2026-03-02', '2026-04-06', '31 Mar +29, 6 Apr +35'],
    ['order-make-plan-final', '2026-03-02', '2026-05-18', '11 May +70, 18 May +77'],
    ['order-amend-plan', '2026-03-02', '2026-04-06', '+35'],
    ['order-change-setting', '2026-03-02', '2026-03-16', '+14'],
    ['order-continue-to-maintain', '2026-03-02', '2026-03-02', 'at once'],
    ['unopposed-assess-notified', '2026-03-02', '2026-03-16', '+14'],
    ['unopposed-assess-no-plan-decision', '2026-03-02', '2026-05-11', '+70'],
    ['unopposed-assess-final-plan', '2026-03-02', '2026-06-08', '+98'],
    ['unopposed-make-plan-draft', '2026-03-02', '2026-04-06', '+35'],
    ['unopposed-make-plan-final', '2026-03-02', '2026-05-18', '+77'],
  ];

  it.each(cases)('%s from %s is due %s (%s)', (ruleId, start, due) => {
    expect(deadlineFor(ruleId, start).dueDate).toBe(due);
  });

  it('has a worked example for every rule (the needs-assessment rules are above)', () => {
    const needsAssessment = STATUTORY_RULES.filter((r) => r.stage === 'needs-assessment').map((r) => r.id);
    const covered = new Set<RuleId>([...needsAssessment, ...cases.map(([id]) => id)]);
    expect(RULE_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('counts "at least 5 months before" a transfer on 31 July back to the end of February', () => {
    // 31 July − 5 months = "31 February" → 28 Feb 2025, 29 Feb 2024.
    expect(deadlineFor('post-16-transfer-other-time', '2025-07-31').dueDate).toBe('2025-02-28');
    expect(deadlineFor('post-16-transfer-other-time', '2024-07-31').dueDate).toBe('2024-02-29');
  });

  it('annual review of a plan made on 29 February', () => {
    // 29 Feb 2024 + 12 months = "29 Feb 2025" → 28 Feb 2025.
    expect(deadlineFor('first-annual-review', '2024-02-29').dueDate).toBe('2025-02-28');
  });
});

describe('the tribunal appeal deadline (HESC Rules r.20(1)(c))', () => {
  it('moves a deadline on 25 December–1 January to the first working day after 1 January', () => {
    // 25 Oct 2025 + 2 months = Thu 25 Dec 2025 → after Thu 1 Jan 2026 (bank holiday): Fri 2 January.
    expect(deadlineFor('appeal-after-decision', '2025-10-25').dueDate).toBe('2026-01-02');
    // 1 Nov 2025 + 2 months = Thu 1 Jan 2026 → Fri 2 January.
    expect(deadlineFor('appeal-after-decision', '2025-11-01').dueDate).toBe('2026-01-02');
    // 30 Nov 2025 + 1 month = Tue 30 Dec 2025, a working day, but in the window → Fri 2 January.
    expect(deadlineFor('appeal-after-mediation-certificate', '2025-11-30').dueDate).toBe('2026-01-02');
  });

  it('leaves 24 December where it falls', () => {
    // 24 Oct 2025 + 2 months = Wed 24 Dec 2025.
    expect(deadlineFor('appeal-after-decision', '2025-10-24').dueDate).toBe('2025-12-24');
  });

  it('moves a deadline in August to the first working day of September', () => {
    // 15 Jun 2025 + 2 months = 15 Aug 2025 → Monday 1 September 2025.
    expect(deadlineFor('appeal-after-decision', '2025-06-15').dueDate).toBe('2025-09-01');
    // 30 Jun 2026 + 2 months = 30 Aug 2026; 31 Aug 2026 is a bank holiday anyway → Tuesday 1 September.
    expect(deadlineFor('appeal-after-decision', '2026-06-30').dueDate).toBe('2026-09-01');
    // 31 Jul 2027 + 1 month = 31 Aug 2027 → Wednesday 1 September 2027.
    expect(deadlineFor('appeal-after-mediation-certificate', '2027-07-31').dueDate).toBe('2027-09-01');
  });

  it('leaves a weekend deadline outside those windows where it falls, as the reference does', () => {
    // 3 Mar 2025 + 2 months = Saturday 3 May 2025.
    expect(deadlineFor('appeal-after-decision', '2025-03-03').dueDate).toBe('2025-05-03');
  });

  it('refuses to move a Christmas deadline into a year without bank holidays in the table', () => {
    // 27 Oct 2027 + 2 months = 27 Dec 2027 → the first working day of 2028 needs 2028's bank holidays.
    expect(() => deadlineFor('appeal-after-decision', '2027-10-27')).toThrow(BankHolidaysNotCoveredError);
  });

  it('is the later of 2 months from the decision and 1 month from the mediation certificate', () => {
    // Decision 3 Mar 2025 → 3 May 2025; certificate 20 Apr 2025 → 20 May 2025: the certificate's is later.
    const afterMediation = appealDeadline({
      decisionNotifiedOn: '2025-03-03',
      mediationCertificateIssuedOn: '2025-04-20',
    });
    expect(afterMediation.dueDate).toBe('2025-05-20');
    expect(afterMediation.ruleId).toBe('appeal-after-mediation-certificate');
    // Decision 1 Sep 2025 → 1 Nov 2025; certificate 15 Sep 2025 → 15 Oct 2025: the decision's is later.
    const afterDecision = appealDeadline({
      decisionNotifiedOn: '2025-09-01',
      mediationCertificateIssuedOn: '2025-09-15',
    });
    expect(afterDecision.dueDate).toBe('2025-11-01');
    expect(afterDecision.ruleId).toBe('appeal-after-decision');
    expect(appealDeadline({ decisionNotifiedOn: '2025-09-01' }).dueDate).toBe('2025-11-01');
  });
});

describe('the review of a plan transferred in (reg 15)', () => {
  it('is the later of 12 months from the last review and 3 months from the transfer', () => {
    // 15 Oct 2025 + 12 months = 15 Oct 2026; 20 Aug 2026 + 3 months = 20 Nov 2026 → 20 Nov 2026.
    expect(
      transferInReviewDeadline({ lastReviewDecisionOn: '2025-10-15', transferredInOn: '2026-08-20' }).dueDate,
    ).toBe('2026-11-20');
    // 15 Mar 2025 + 12 months = 15 Mar 2026; 1 Oct 2025 + 3 months = 1 Jan 2026 → 15 Mar 2026.
    expect(
      transferInReviewDeadline({ lastReviewDecisionOn: '2025-03-15', transferredInOn: '2025-10-01' }).dueDate,
    ).toBe('2026-03-15');
  });
});

describe('all the deadlines of a needs assessment', () => {
  const summary = (deadlines: ReturnType<typeof needsAssessmentDeadlines>) =>
    deadlines.map((d) => [d.ruleId, d.subjectId ?? '', d.dueDate]);

  it('runs every clock of an undecided request', () => {
    expect(summary(needsAssessmentDeadlines({ requestReceivedOn: '2025-01-06' }))).toEqual([
      ['request-notified', '', '2025-01-06'],
      ['decision-to-assess', '', '2025-02-17'],
      ['no-plan-decision', '', '2025-04-28'],
      ['final-plan', '', '2025-05-26'],
    ]);
  });

  it('stops at the decision when the local authority decides not to assess', () => {
    const deadlines = needsAssessmentDeadlines({
      requestReceivedOn: '2025-01-06',
      decisionToAssess: { notifiedOn: '2025-02-10', outcome: 'not-assess' },
    });
    expect(deadlines.map((d) => d.ruleId)).toEqual(['request-notified', 'decision-to-assess']);
  });

  it('follows a plan from request to final plan', () => {
    const deadlines = needsAssessmentDeadlines({
      requestReceivedOn: '2025-01-06',
      decisionToAssess: { notifiedOn: '2025-02-10', outcome: 'assess' },
      adviceRequests: [
        { id: 'educational-psychology', receivedByBodyOn: '2025-02-12' },
        { id: 'health', receivedByBodyOn: '2025-02-14' },
      ],
      draftPlanServedOn: '2025-04-07',
      settingConsultations: [{ id: 'school-a', sentOn: '2025-04-14' }],
      finalPlanIssuedOn: '2025-05-19',
    });
    expect(summary(deadlines)).toEqual([
      ['request-notified', '', '2025-01-06'],
      ['decision-to-assess', '', '2025-02-17'],
      // 12 Feb + 42: 28 Feb +16, 26 March +42.
      ['advice', 'educational-psychology', '2025-03-26'],
      // 14 Feb + 42: 28 Feb +14, 28 March +42.
      ['advice', 'health', '2025-03-28'],
      // 7 April = day 1, day 15 = 21 April.
      ['draft-plan-representations', '', '2025-04-21'],
      // 14 April + 15: 29 April.
      ['setting-consultation', 'school-a', '2025-04-29'],
      ['final-plan', '', '2025-05-26'],
      ['final-plan-notice', '', '2025-05-19'],
    ]);
  });

  it('keeps the 16 weeks and drops the 20 weeks once a decision not to issue was notified', () => {
    const deadlines = needsAssessmentDeadlines({
      requestReceivedOn: '2025-01-06',
      decisionToAssess: { notifiedOn: '2025-02-10', outcome: 'assess' },
      noPlanDecisionNotifiedOn: '2025-04-22',
    });
    expect(deadlines.map((d) => d.ruleId)).toEqual([
      'request-notified',
      'decision-to-assess',
      'no-plan-decision',
    ]);
  });

  it('refuses two advice requests with one id, which excusals could not tell apart', () => {
    expect(() =>
      needsAssessmentDeadlines({
        requestReceivedOn: '2025-01-06',
        adviceRequests: [
          { id: 'health', receivedByBodyOn: '2025-02-12' },
          { id: 'health', receivedByBodyOn: '2025-02-14' },
        ],
      }),
    ).toThrow('Two advice requests have the id health');
  });

  it('keeps the rules in force when the request was received, for every clock of the case', () => {
    const v1 = STATUTORY_RULES.find((r) => r.id === 'advice') as StatutoryRule;
    // A later regime, made up for the test: advice in 8 weeks for requests from 1 September 2029.
    const rules: StatutoryRule[] = [
      ...STATUTORY_RULES.filter((r) => r.id !== 'advice'),
      { ...v1, effectiveTo: '2029-08-31' },
      { ...v1, version: 2, period: { unit: 'weeks', count: 8 }, effectiveFrom: '2029-09-01' },
    ];
    const [advice] = needsAssessmentDeadlines(
      {
        requestReceivedOn: '2029-08-20',
        adviceRequests: [{ id: 'health', receivedByBodyOn: '2029-09-03' }],
      },
      { rules },
    ).filter((d) => d.ruleId === 'advice');
    // Version 1, 6 weeks: 3 Sep 2029 + 42: 30 Sep +27, 15 October +42.
    expect(advice?.rule.version).toBe(1);
    expect(advice?.dueDate).toBe('2029-10-15');
    // The same start date alone takes version 2, 8 weeks: 30 Sep +27, 29 October +56.
    const alone = deadlineFor('advice', '2029-09-03', { rules });
    expect(alone.rule.version).toBe(2);
    expect(alone.dueDate).toBe('2029-10-29');
  });
});
