/**
 * SEN2's `Week20` flag on the assessment module: 1 = 20-week exceptions apply (statistics-and-sen2.md).
 * The exceptions to the 20-week limit are only those of reg 10(4)(a)–(d) (reg 13(3)); a missed appointment
 * (reg 8(2)(c)) is not one (statutory-timescales.md). The flag is derived from the excusals recorded against
 * the deadline the outcome answers, never entered by hand, so that it cannot disagree with the casework.
 */
import { deadlineFor, type Deadline, type EngineOptions } from './deadlines.ts';
import { isExcused, isOnTime, type Excusal } from './excusals.ts';

export type Week20 = 0 | 1;

/**
 * SEN2 assessment outcome: Y, a plan issued (dated the day it was issued); N, no plan (dated the day the
 * notice was sent). The other outcomes (A not yet decided, W withdrawn, H historical) have no outcome date and
 * so nothing to flag.
 */
export type Sen2AssessmentOutcome = 'Y' | 'N';

export type AssessmentForSen2 = {
  assessmentOutcome: Sen2AssessmentOutcome;
  requestReceivedOn: string;
  assessmentOutcomeDate: string;
  excusals: readonly Excusal[];
};

/**
 * The deadline an outcome answers: the final plan's 20 weeks (reg 13(2)) for Y; the 16-week decision not to
 * issue (reg 10(1)) for N, whose exceptions are the same reg 10(4) list.
 */
export function week20Deadline(assessment: AssessmentForSen2, options: EngineOptions = {}): Deadline {
  return deadlineFor(
    assessment.assessmentOutcome === 'Y' ? 'final-plan' : 'no-plan-decision',
    assessment.requestReceivedOn,
    options,
  );
}

/**
 * 1 when an allowed exception is recorded against that deadline and made out (excusals.ts), whether or not the
 * plan was in the end late: SEN2 asks whether exceptions apply, and the published "excluding exceptions" figures
 * leave out every plan where they did.
 */
export function week20(assessment: AssessmentForSen2, options: EngineOptions = {}): Week20 {
  const deadline = week20Deadline(assessment, options);
  return isExcused(deadline, assessment.excusals, assessment.assessmentOutcomeDate) ? 1 : 0;
}

/**
 * One plan's part in the DfE timeliness measures (timeliness_20_week.csv): every plan counts in
 * plans_issued_den, and in plans_issued_within_20_weeks if issued within 20 weeks; only plans with Week20 = 0
 * count in plans_issued_den_ex and plans_issued_20_weeks_ex.
 */
export function twentyWeekTimeliness(
  plan: { requestReceivedOn: string; finalPlanIssuedOn: string; excusals: readonly Excusal[] },
  options: EngineOptions = {},
): { week20: Week20; issuedWithinTwentyWeeks: boolean; countsExcludingExceptions: boolean } {
  const assessment: AssessmentForSen2 = {
    assessmentOutcome: 'Y',
    requestReceivedOn: plan.requestReceivedOn,
    assessmentOutcomeDate: plan.finalPlanIssuedOn,
    excusals: plan.excusals,
  };
  const flag = week20(assessment, options);
  return {
    week20: flag,
    issuedWithinTwentyWeeks: isOnTime(week20Deadline(assessment, options), plan.finalPlanIssuedOn),
    countsExcludingExceptions: flag === 0,
  };
}
