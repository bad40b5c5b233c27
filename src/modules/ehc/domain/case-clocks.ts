/**
 * A case's clocks as the casework shows them: every deadline of its needs assessment (the engine's
 * needsAssessmentDeadlines), what happened against each and when, its excusals, and a risk colour for lists.
 * Pure: the service passes the case's rows in and today's date from its clock.
 */
import { addDays, daysBetween } from '../../../lib/dates.ts';
import { needsAssessmentDeadlines, type Deadline, type NeedsAssessmentKeyDates } from './deadlines.ts';
import { excusalsApplying, timeliness, type Excusal, type Timeliness } from './excusals.ts';
import type { ExceptionType, RuleId } from './rules.ts';

export type CaseClockInput = {
  receivedOn: string;
  decision: { outcome: 'assess' | 'not-assess'; notifiedOn: string } | null;
  advice: readonly { id: string; requestedOn: string; receivedOn: string | null; label: string }[];
  consultations: readonly { id: string; sentOn: string; repliedOn: string | null; label: string }[];
  noPlanNotifiedOn: string | null;
  draftServedOn: string | null;
  finalIssuedOn: string | null;
  excusals: readonly {
    ruleId: string;
    subjectId: string | null;
    type: string;
    fromOn: string;
    toOn: string;
    adviceRequestedOn: string | null;
    evidence: string;
  }[];
};

export type Risk = 'overdue' | 'due-soon' | 'on-track' | 'done' | 'late';

export type CaseClock = {
  deadline: Deadline;
  label: string;
  eventDate: string | null;
  timeliness: Timeliness;
  risk: Risk;
  excusals: Excusal[];
};

/** The clocks the casework follows; the engine's notice deadlines are kept in its letters, not in lists. */
const FOLLOWED: readonly RuleId[] = [
  'decision-to-assess',
  'advice',
  'no-plan-decision',
  'draft-plan-representations',
  'setting-consultation',
  'final-plan',
];

/** Days before a due date from which a clock shows as due soon. */
export const DUE_SOON_DAYS = 14;

export function toExcusal(row: CaseClockInput['excusals'][number]): Excusal {
  return {
    type: row.type as ExceptionType,
    deadline: { ruleId: row.ruleId as RuleId, ...(row.subjectId ? { subjectId: row.subjectId } : {}) },
    from: row.fromOn,
    to: row.toOn,
    ...(row.adviceRequestedOn ? { adviceRequestedOn: row.adviceRequestedOn } : {}),
    evidence: row.evidence,
  };
}

export function keyDatesOf(input: CaseClockInput): NeedsAssessmentKeyDates {
  return {
    requestReceivedOn: input.receivedOn,
    ...(input.decision
      ? { decisionToAssess: { notifiedOn: input.decision.notifiedOn, outcome: input.decision.outcome } }
      : {}),
    adviceRequests: input.advice.map((a) => ({ id: a.id, receivedByBodyOn: a.requestedOn })),
    ...(input.noPlanNotifiedOn ? { noPlanDecisionNotifiedOn: input.noPlanNotifiedOn } : {}),
    ...(input.draftServedOn ? { draftPlanServedOn: input.draftServedOn } : {}),
    settingConsultations: input.consultations.map((c) => ({ id: c.id, sentOn: c.sentOn })),
    ...(input.finalIssuedOn ? { finalPlanIssuedOn: input.finalIssuedOn } : {}),
  };
}

export function riskOf(dueDate: string, eventDate: string | null, today: string): Risk {
  if (eventDate !== null) return eventDate <= dueDate ? 'done' : 'late';
  if (today > dueDate) return 'overdue';
  return daysBetween(today, dueDate) <= DUE_SOON_DAYS ? 'due-soon' : 'on-track';
}

/** Every followed clock of the case, in due-date order, with what happened and whether it was on time. */
export function caseClocks(input: CaseClockInput, today: string): CaseClock[] {
  const excusals = input.excusals.map(toExcusal);
  const advice = new Map(input.advice.map((a) => [a.id, a]));
  const consultations = new Map(input.consultations.map((c) => [c.id, c]));
  const clocks: CaseClock[] = [];
  for (const deadline of needsAssessmentDeadlines(keyDatesOf(input))) {
    if (!FOLLOWED.includes(deadline.ruleId)) continue;
    let eventDate: string | null = null;
    let label: string = deadline.rule.title;
    switch (deadline.ruleId) {
      case 'decision-to-assess':
        eventDate = input.decision?.notifiedOn ?? null;
        label = 'Decision whether to assess';
        break;
      case 'advice': {
        const request = advice.get(deadline.subjectId ?? '');
        eventDate = request?.receivedOn ?? null;
        label = `Advice: ${request?.label ?? 'advice'}`;
        break;
      }
      case 'no-plan-decision':
        eventDate = input.noPlanNotifiedOn;
        label = 'Decision whether to issue a plan';
        break;
      case 'draft-plan-representations':
        // A minimum period for the family, not a deadline for anyone: it ends, it is not met.
        eventDate = today > deadline.dueDate ? deadline.dueDate : null;
        label = "Family's representations on the draft plan";
        break;
      case 'setting-consultation': {
        const consultation = consultations.get(deadline.subjectId ?? '');
        eventDate = consultation?.repliedOn ?? null;
        label = `Consultation: ${consultation?.label ?? 'setting'}`;
        break;
      }
      case 'final-plan':
        eventDate = input.finalIssuedOn;
        label = 'Final plan issued (20 weeks)';
        break;
      default:
        break;
    }
    const state = { excusals, today, ...(eventDate === null ? {} : { eventDate }) };
    clocks.push({
      deadline,
      label,
      eventDate,
      timeliness: timeliness(deadline, state),
      risk: riskOf(deadline.dueDate, eventDate, today),
      excusals: excusalsApplying(deadline, excusals, eventDate ?? undefined),
    });
  }
  return clocks.sort((a, b) =>
    a.deadline.dueDate < b.deadline.dueDate ? -1 : a.deadline.dueDate > b.deadline.dueDate ? 1 : 0,
  );
}

/** The week of the 20 the case is in (1 on the day of the request). */
export function weekOfAssessment(receivedOn: string, today: string): number {
  return Math.floor(daysBetween(receivedOn, today) / 7) + 1;
}

/**
 * The 20-week clock's risk for a manager: overdue past the due date; at risk when the draft has not been
 * issued by the end of week 14 (it must leave 15 days for the family and time to consult), or the final plan
 * is due within two weeks; otherwise on track.
 */
export function twentyWeekRisk(
  c: { receivedOn: string; finalPlanDueOn: string; draftServedOn: string | null },
  today: string,
): 'overdue' | 'at-risk' | 'on-track' {
  if (today > c.finalPlanDueOn) return 'overdue';
  if (daysBetween(today, c.finalPlanDueOn) <= DUE_SOON_DAYS) return 'at-risk';
  if (c.draftServedOn === null && today > addDays(c.receivedOn, 14 * 7)) return 'at-risk';
  return 'on-track';
}
