/**
 * Due dates of the statutory clocks, counted as statutory-timescales.md "Counting" says:
 * - "Within N weeks of X": X + 7 × N days, the same weekday. Day 0 is the day of X itself, so a request
 *   received on Monday 6 January 2025 has its decision due on Monday 17 February 2025 (6 weeks).
 * - "At least 15 days beginning with the day the draft was served": X is day 1, so the period ends on X + 14.
 * - "Working days": Monday to Friday, not an England and Wales bank holiday; X itself is never counted.
 * - "Months": calendar months (31 January + 1 month = 28 or 29 February).
 * A due date that falls at a weekend or on a bank holiday stays where it falls: the reference moves only the
 * tribunal appeal deadline (HESC Rules r.20(1)(c)), so only rules marked with that adjustment move.
 * Exceptions never move a due date (they are excusals, excusals.ts).
 */
import { addDays } from '../../../lib/dates.ts';
import { addMonths, isoDateOf, isOnOrBefore, monthOf, yearOf } from './calendar.ts';
import {
  addWorkingDays,
  englandAndWalesBankHolidays,
  nextWorkingDayAfter,
  type BankHolidayCalendar,
} from './bank-holidays.ts';
import { ruleInForce, type RuleId, type StatutoryRule } from './rules.ts';

export type Deadline = {
  ruleId: RuleId;
  /** The version of the rule applied, with its citation and the exceptions it allows. */
  rule: StatutoryRule;
  /** Which one, where a case has several clocks of a rule: the advice request or consultation's id. */
  subjectId?: string;
  /** The date of the event the period runs from (for a rule counted back, the event it counts back from). */
  startDate: string;
  /** The last day on which the event is on time (for a minimum period, the period's last day). */
  dueDate: string;
};

export type EngineOptions = {
  /** The rules to choose from; the statutory rules unless a test or a later regime says otherwise. */
  rules?: readonly StatutoryRule[];
  calendar?: BankHolidayCalendar;
};

export type DeadlineOptions = EngineOptions & {
  subjectId?: string;
  /** The date that chooses the rule's version; the start date unless the case started earlier. */
  ruleInForceOn?: string;
};

/**
 * HESC Rules r.20(1)(c) as statutory-timescales.md gives it: an appeal deadline falling 25 December to 1 January
 * moves to the first working day after 1 January; one falling in August to the first working day of September.
 * Other weekend or bank-holiday deadlines are not moved, because the reference does not move them.
 */
function tribunalChristmasAndAugust(isoDate: string, calendar: BankHolidayCalendar): string {
  const monthDay = isoDate.slice(5);
  if (monthDay >= '12-25') return nextWorkingDayAfter(isoDateOf(yearOf(isoDate) + 1, 1, 1), calendar);
  if (monthDay === '01-01') return nextWorkingDayAfter(isoDate, calendar);
  if (monthOf(isoDate) === 8) return nextWorkingDayAfter(isoDateOf(yearOf(isoDate), 8, 31), calendar);
  return isoDate;
}

/** The due date of one version of a rule for a start date. */
export function dueDateFor(
  rule: StatutoryRule,
  startDate: string,
  calendar: BankHolidayCalendar = englandAndWalesBankHolidays,
): string {
  const { period } = rule;
  const sign = rule.direction === 'after' ? 1 : -1;
  let due: string;
  switch (period.unit) {
    case 'same-day':
      due = addDays(startDate, 0);
      break;
    case 'weeks':
      due = addDays(startDate, sign * 7 * period.count);
      break;
    case 'days':
      if (rule.direction === 'before') throw new RangeError(`${rule.id}: days are only counted forward`);
      due = addDays(startDate, period.counting === 'beginning-with' ? period.count - 1 : period.count);
      break;
    case 'working-days':
      if (rule.direction === 'before')
        throw new RangeError(`${rule.id}: working days are only counted forward`);
      due = addWorkingDays(startDate, period.count, calendar);
      break;
    case 'months':
      due = addMonths(startDate, sign * period.count);
      break;
    case 'date-in-year':
      due = isoDateOf(yearOf(startDate), period.month, period.day);
      break;
  }
  return rule.adjustment === 'tribunal-christmas-and-august'
    ? tribunalChristmasAndAugust(due, calendar)
    : due;
}

/**
 * The deadline of a rule for a start date, with the version of the rule in force on that date (or on
 * options.ruleInForceOn). Throws NoRuleInForceError for a date no version covers, RangeError for a date that
 * is not a calendar date, and BankHolidaysNotCoveredError where working days run into a year not in the table.
 */
export function deadlineFor(ruleId: RuleId, startDate: string, options: DeadlineOptions = {}): Deadline {
  const rule = ruleInForce(ruleId, options.ruleInForceOn ?? startDate, options.rules);
  const deadline: Deadline = {
    ruleId,
    rule,
    startDate,
    dueDate: dueDateFor(rule, startDate, options.calendar),
  };
  if (options.subjectId !== undefined) deadline.subjectId = options.subjectId;
  return deadline;
}

function later(a: Deadline, b: Deadline): Deadline {
  return isOnOrBefore(b.dueDate, a.dueDate) ? a : b;
}

/**
 * The last day to appeal: 2 months from the decision notice or 1 month from the mediation certificate,
 * whichever is later (HESC Rules r.20(1)(c)), each moved out of Christmas and August.
 */
export function appealDeadline(
  dates: { decisionNotifiedOn: string; mediationCertificateIssuedOn?: string },
  options: EngineOptions = {},
): Deadline {
  const afterDecision = deadlineFor('appeal-after-decision', dates.decisionNotifiedOn, options);
  if (dates.mediationCertificateIssuedOn === undefined) return afterDecision;
  return later(
    afterDecision,
    deadlineFor('appeal-after-mediation-certificate', dates.mediationCertificateIssuedOn, options),
  );
}

/**
 * The new local authority reviews a transferred plan by the later of 12 months from the last review and
 * 3 months from the transfer (reg 15).
 */
export function transferInReviewDeadline(
  dates: { lastReviewDecisionOn: string; transferredInOn: string },
  options: EngineOptions = {},
): Deadline {
  return later(
    deadlineFor('transfer-in-review-after-last-review', dates.lastReviewDecisionOn, options),
    deadlineFor('transfer-in-review-after-transfer', dates.transferredInOn, options),
  );
}

/** The key dates of a needs assessment, as the casework records them. */
export type NeedsAssessmentKeyDates = {
  requestReceivedOn: string;
  decisionToAssess?: { notifiedOn: string; outcome: 'assess' | 'not-assess' };
  /** One for each request for advice, dated the day the body received it (reg 8(1)). */
  adviceRequests?: readonly { id: string; receivedByBodyOn: string }[];
  noPlanDecisionNotifiedOn?: string;
  draftPlanServedOn?: string;
  settingConsultations?: readonly { id: string; sentOn: string }[];
  finalPlanIssuedOn?: string;
};

function uniqueIds(kind: string, items: readonly { id: string }[]): void {
  const seen = new Set<string>();
  for (const { id } of items) {
    if (seen.has(id))
      throw new RangeError(`Two ${kind} have the id ${id}: excusals could not tell them apart`);
    seen.add(id);
  }
}

/**
 * Every deadline a needs assessment has so far, from its key dates. The versions are those in force when the
 * request was received, for every clock of the case. A clock that no longer applies is left out: nothing after
 * the decision if the local authority decided not to assess; the 16-week no-plan decision once a draft or final
 * plan shows the decision to issue; the 20-week final plan once a decision not to issue was notified.
 */
export function needsAssessmentDeadlines(
  keyDates: NeedsAssessmentKeyDates,
  options: EngineOptions = {},
): Deadline[] {
  const received = keyDates.requestReceivedOn;
  const at = (ruleId: RuleId, startDate: string, subjectId?: string) =>
    deadlineFor(ruleId, startDate, {
      ...options,
      ruleInForceOn: received,
      ...(subjectId === undefined ? {} : { subjectId }),
    });

  const deadlines = [at('request-notified', received), at('decision-to-assess', received)];
  if (keyDates.decisionToAssess?.outcome === 'not-assess') return deadlines;

  const adviceRequests = keyDates.adviceRequests ?? [];
  uniqueIds('advice requests', adviceRequests);
  for (const request of adviceRequests) deadlines.push(at('advice', request.receivedByBodyOn, request.id));

  const decidedToIssue = keyDates.draftPlanServedOn !== undefined || keyDates.finalPlanIssuedOn !== undefined;
  if (keyDates.noPlanDecisionNotifiedOn !== undefined || !decidedToIssue)
    deadlines.push(at('no-plan-decision', received));

  if (keyDates.draftPlanServedOn !== undefined)
    deadlines.push(at('draft-plan-representations', keyDates.draftPlanServedOn));

  const consultations = keyDates.settingConsultations ?? [];
  uniqueIds('setting consultations', consultations);
  for (const consultation of consultations)
    deadlines.push(at('setting-consultation', consultation.sentOn, consultation.id));

  if (keyDates.noPlanDecisionNotifiedOn === undefined) deadlines.push(at('final-plan', received));
  if (keyDates.finalPlanIssuedOn !== undefined)
    deadlines.push(at('final-plan-notice', keyDates.finalPlanIssuedOn));
  return deadlines;
}
