/**
 * Exceptions to the statutory time limits, recorded as excusals: the exception's type, its dates and the
 * evidence, against the one deadline it excuses. "Exceptions never stop or reset a clock"
 * (statutory-timescales.md, "Counting"): an excusal never changes a due date; it says why a missed one was
 * allowed, and statistics are reported with and without them.
 */
import { addDays, daysBetween, isIsoDate } from '../../../lib/dates.ts';
import type { Deadline } from './deadlines.ts';
import { EXCEPTIONS, type ExceptionType, type RuleId } from './rules.ts';

export type Excusal = {
  type: ExceptionType;
  /** The deadline excused: the rule, and for advice or a consultation which one. */
  deadline: { ruleId: RuleId; subjectId?: string };
  /**
   * The circumstance's first and last days, both included: the days the school or provider was closed, the
   * days of the absence from the area, the exceptional circumstances; for a missed appointment, its date twice.
   */
  from: string;
  to: string;
  /** For a closure (reg 5(4)(a), 10(4)(a) and (b)): when advice was asked of the head teacher, principal or provider. */
  adviceRequestedOn?: string;
  /** What shows the exception applied (a note, or where the documents are). */
  evidence: string;
};

export type ExcusalProblem = {
  field: 'type' | 'deadline' | 'from' | 'to' | 'adviceRequestedOn' | 'evidence';
  message: string;
};

/** "A continuous period of not less than 4 weeks": 28 days counting the first and last. */
const FOUR_WEEKS_IN_DAYS = 28;

function inclusiveDays(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

function latest(a: string, b: string): string {
  return a < b ? b : a;
}

function earliest(a: string, b: string): string {
  return a < b ? a : b;
}

/** Whether an excusal is recorded against this deadline (the same rule, and the same advice request or consultation). */
export function isRecordedAgainst(excusal: Excusal, deadline: Deadline): boolean {
  return excusal.deadline.ruleId === deadline.ruleId && excusal.deadline.subjectId === deadline.subjectId;
}

/**
 * The days the clock ran: from its start to the due date, or to the event if it came sooner. An exception can
 * only have made the time limit impractical if it arose in that time; one that arose after the event or after
 * the due date did not.
 */
export function clockPeriod(deadline: Deadline, eventDate?: string): { from: string; to: string } {
  return {
    from: deadline.startDate,
    to: eventDate === undefined ? deadline.dueDate : earliest(eventDate, deadline.dueDate),
  };
}

/**
 * What is wrong with an excusal for a deadline, in words for the caseworker; empty when it is made out.
 * eventDate is when the measured event happened (the plan issued, the advice returned), if it has.
 */
export function excusalProblems(excusal: Excusal, deadline: Deadline, eventDate?: string): ExcusalProblem[] {
  const problems: ExcusalProblem[] = [];
  const exception = EXCEPTIONS[excusal.type];
  const rule = deadline.rule;

  if (!isRecordedAgainst(excusal, deadline))
    problems.push({ field: 'deadline', message: 'This exception is recorded against a different deadline' });

  if (!exception) {
    problems.push({ field: 'type', message: 'Select the exception that applies' });
    return problems;
  }
  if (!rule.exceptions.includes(excusal.type)) {
    const allowed = rule.exceptions.map((type) => `reg ${type}`).join(', ');
    problems.push({
      field: 'type',
      message: allowed
        ? `Reg ${excusal.type} is not an exception to the time limit for ‘${rule.title}’: the exceptions are ${allowed}`
        : `The law allows no exceptions to the time limit for ‘${rule.title}’`,
    });
  }

  if (!excusal.evidence.trim())
    problems.push({ field: 'evidence', message: 'Enter the evidence that the exception applied' });

  const fromValid = isIsoDate(excusal.from);
  const toValid = isIsoDate(excusal.to);
  if (!fromValid) problems.push({ field: 'from', message: 'Enter the first day as a real date' });
  if (!toValid) problems.push({ field: 'to', message: 'Enter the last day as a real date' });
  if (!fromValid || !toValid) return problems;
  if (excusal.to < excusal.from) {
    problems.push({ field: 'to', message: 'The last day must be the same as or after the first day' });
    return problems;
  }

  const clock = clockPeriod(deadline, eventDate);
  switch (exception.condition) {
    case 'setting-closure': {
      if (inclusiveDays(excusal.from, excusal.to) < FOUR_WEEKS_IN_DAYS)
        problems.push({
          field: 'to',
          message: 'The closure must be a continuous period of at least 4 weeks',
        });
      const asked = excusal.adviceRequestedOn;
      if (asked === undefined || !isIsoDate(asked)) {
        problems.push({
          field: 'adviceRequestedOn',
          message: 'Enter the date advice was requested, as a real date',
        });
        break;
      }
      // From 1 week before the first day closed to 1 week before the day it reopens (the day after `to`).
      const windowFrom = addDays(excusal.from, -7);
      const windowTo = addDays(addDays(excusal.to, 1), -7);
      if (asked < windowFrom || asked > windowTo)
        problems.push({
          field: 'adviceRequestedOn',
          message:
            'Advice must have been requested between 1 week before the closure and 1 week before it reopened',
        });
      else if (asked < clock.from || asked > clock.to)
        problems.push({
          field: 'adviceRequestedOn',
          message: 'Advice must have been requested while this time limit was running',
        });
      break;
    }
    case 'absence-from-area':
      if (inclusiveDays(excusal.from, excusal.to) < FOUR_WEEKS_IN_DAYS)
        problems.push({
          field: 'to',
          message: 'The absence must be a continuous period of at least 4 weeks',
        });
      break;
    case 'missed-appointment':
      if (excusal.from !== excusal.to)
        problems.push({
          field: 'to',
          message: 'A missed appointment is one day: enter its date as the first and last day',
        });
      // reg 8(2)(c): an appointment "during that 6 week period".
      else if (excusal.from < deadline.startDate || excusal.from > deadline.dueDate)
        problems.push({
          field: 'from',
          message: 'The appointment must have been within the 6 weeks the body had to give its advice',
        });
      break;
    case 'exceptional-circumstances':
      break;
  }

  if (
    exception.condition !== 'setting-closure' &&
    latest(excusal.from, clock.from) > earliest(excusal.to, clock.to)
  )
    problems.push({
      field: 'from',
      message: 'The circumstances must have arisen while this time limit was running',
    });

  return problems;
}

/** The excusals recorded against this deadline that are made out. */
export function excusalsApplying(
  deadline: Deadline,
  excusals: readonly Excusal[],
  eventDate?: string,
): Excusal[] {
  return excusals.filter(
    (excusal) =>
      isRecordedAgainst(excusal, deadline) && excusalProblems(excusal, deadline, eventDate).length === 0,
  );
}

/** Whether an exception the law allows for this deadline applied to it. The due date is unchanged either way. */
export function isExcused(deadline: Deadline, excusals: readonly Excusal[], eventDate?: string): boolean {
  return excusalsApplying(deadline, excusals, eventDate).length > 0;
}

/** On time means on or before the due date (statutory-timescales.md, "Counting"). */
export function isOnTime(deadline: Deadline, eventDate: string): boolean {
  if (!isIsoDate(eventDate)) throw new RangeError(`Not a calendar date: ${eventDate}`);
  return eventDate <= deadline.dueDate;
}

export type Timeliness = {
  /** 'met' and 'missed' once the event has happened; 'running' or 'overdue' until then. */
  status: 'met' | 'missed' | 'running' | 'overdue';
  /** An allowed exception applied: reported beside the status, never instead of it. */
  excused: boolean;
  /** Days after the due date (to the event, or to today while it has not happened); 0 when not late. */
  daysLate: number;
};

/** Where a deadline stands: today comes from the caller's clock (londonToday(clock.now())). */
export function timeliness(
  deadline: Deadline,
  state: { eventDate?: string; excusals: readonly Excusal[]; today: string },
): Timeliness {
  const excused = isExcused(deadline, state.excusals, state.eventDate);
  if (state.eventDate !== undefined) {
    const late = Math.max(0, daysBetween(deadline.dueDate, state.eventDate));
    return { status: isOnTime(deadline, state.eventDate) ? 'met' : 'missed', excused, daysLate: late };
  }
  const late = Math.max(0, daysBetween(deadline.dueDate, state.today));
  return { status: late > 0 ? 'overdue' : 'running', excused, daysLate: late };
}
