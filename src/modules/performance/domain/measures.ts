/**
 * The casework measures (catalogue.ts, every measure whose sources include 'casework') for any period,
 * each with the counts behind it: a numerator and, for a rate, its denominator. Nothing here divides;
 * rates are computed from the counts by benchmarks.ts and rounded only on display.
 *
 * The facts come pre-counted by day (casework/repository.ts counts them in SQL, so that a national caseload
 * is a few thousand rows, not millions): any period inside the facts' days is then a sum. The one thing SQL
 * cannot decide is whether an exception under regulation 10(4) applied to a plan's 20 weeks: plans with an
 * exception recorded against that clock come one by one, and the clock engine judges them
 * (twentyWeekTimeliness, as the manager's 20-week page and SEN2's Week20 do). `caseworkFactsFromRecords`
 * builds the same facts from one row per case and per request for advice, with every due date from the
 * engine: the reference the repository is tested against, and what the unit tests are worked by hand with.
 */
import { deadlineFor } from '../../ehc/domain/deadlines.ts';
import type { Excusal } from '../../ehc/domain/excusals.ts';
import { twentyWeekTimeliness } from '../../ehc/domain/week20.ts';
import type { MeasureId } from './catalogue.ts';
import { isWithin, samePeriodLastYear, sameDayLastYear, type Period } from './periods.ts';

/** The types of advice of regulation 6(1), as the casework stores them (ehc_advice_requests.advice_type). */
export const ADVICE_TYPES = [
  { code: 'health', label: 'Health' },
  { code: 'social_care', label: 'Social care' },
  { code: 'psychological', label: 'Educational psychology' },
  { code: 'educational', label: 'Educational' },
  { code: 'setting', label: 'Early years setting, school or college' },
  { code: 'preparing_for_adulthood', label: 'Preparing for adulthood' },
  { code: 'other', label: 'Other' },
] as const;
export type AdviceTypeCode = (typeof ADVICE_TYPES)[number]['code'];

/** One day's events of one kind, and how many of them were on time. */
export type DayTally = { on: string; total: number; onTime: number };

/** Requests received on one day, and how many of them the local authority decided not to assess. */
export type RequestsDay = { on: string; received: number; notAssessed: number };

/** A final plan whose 20 weeks have an exception recorded against them: the engine decides whether it applied. */
export type TwentyWeekCase = {
  requestReceivedOn: string;
  finalPlanIssuedOn: string;
  excusals: readonly Excusal[];
};

/**
 * Requests for advice due on one day, from one organisation, of one type, by what became of them:
 * received by the due date, received after it, still awaited, or no longer awaited because the case
 * closed (on or before the due date, or after it).
 */
export type AdviceTally = {
  dueOn: string;
  organisation: string;
  adviceType: string;
  receivedByDue: number;
  receivedAfterDue: number;
  awaited: number;
  closedByDue: number;
  closedAfterDue: number;
};

/** Everything the casework measures of any period inside `from`–`to` need. */
export type CaseworkFacts = {
  /** The days covered; requests are also covered for the year before `from` (for "against last year"). */
  from: string;
  to: string;
  /** The first day requests are counted from: the same day a year before `from`. */
  requestsFrom: string;
  /** The day the facts were read: advice due on or after it is not yet due. */
  asOf: string;
  requests: readonly RequestsDay[];
  /** Decisions whether to assess, by the day they were notified; on time within 6 weeks (reg 5(1)). */
  decisions: readonly DayTally[];
  /** Decisions not to issue a plan, by the day notified; on time within 16 weeks (reg 10(1)). */
  noPlanDecisions: readonly DayTally[];
  /** Final plans with no exception recorded against their 20 weeks, by the day issued; on time within 20 weeks. */
  finalPlans: readonly DayTally[];
  /** Final plans issued in the days covered with an exception recorded against their 20 weeks. */
  finalPlansWithExceptions: readonly TwentyWeekCase[];
  /** Final plans issued before `from` (every plan issued is still maintained: no cessation is recorded yet). */
  plansIssuedBefore: number;
  advice: readonly AdviceTally[];
};

/** One figure of one measure for one period: the counts, never a stored percentage. */
export type CaseworkFigure = {
  measure: MeasureId;
  period: Period;
  /** 'Total', 'type:<advice type>', 'organisation:<name>', or 'same-period-last-year'. */
  breakdown: string;
  numerator: number;
  /** null for a count. */
  denominator: number | null;
};

export const TOTAL = 'Total';
/** The breakdown of requests received in the same period a year before (its `period` is that period). */
export const SAME_PERIOD_LAST_YEAR = 'same-period-last-year';
export const adviceTypeBreakdown = (code: string) => `type:${code}`;
export const organisationBreakdown = (name: string) => `organisation:${name}`;

// ---------------------------------------------------------------------------------------------------------
// Advice: what counts
// ---------------------------------------------------------------------------------------------------------

export type AdviceOutcome = 'on-time' | 'late' | 'not-yet-due' | 'not-counted';

/**
 * How one request for advice counts (reg 8(1), 6 weeks): on time when received on or before its due date;
 * late when received after it, or still not received once it has passed, or when the case closed after it
 * had passed with the advice still awaited (it was already late). Not yet due until the day after the due
 * date (`asOf` later than the due date), whatever has been received. Not counted when the case closed on or
 * before the due date with the advice still awaited: it was no longer needed before it was late.
 */
export function adviceOutcome(
  status: keyof Omit<AdviceTally, 'dueOn' | 'organisation' | 'adviceType'>,
  dueOn: string,
  asOf: string,
): AdviceOutcome {
  if (status === 'closedByDue') return 'not-counted';
  if (dueOn >= asOf) return 'not-yet-due';
  return status === 'receivedByDue' ? 'on-time' : 'late';
}

/** The state of one request for advice, as AdviceTally counts it. */
export function adviceStatus(advice: {
  dueOn: string;
  receivedOn: string | null;
  noLongerAwaitedOn: string | null;
}): keyof Omit<AdviceTally, 'dueOn' | 'organisation' | 'adviceType'> {
  if (advice.receivedOn !== null)
    return advice.receivedOn <= advice.dueOn ? 'receivedByDue' : 'receivedAfterDue';
  if (advice.noLongerAwaitedOn === null) return 'awaited';
  return advice.noLongerAwaitedOn <= advice.dueOn ? 'closedByDue' : 'closedAfterDue';
}

const ADVICE_STATUSES = [
  'receivedByDue',
  'receivedAfterDue',
  'awaited',
  'closedByDue',
  'closedAfterDue',
] as const;

// ---------------------------------------------------------------------------------------------------------
// The measures
// ---------------------------------------------------------------------------------------------------------

function checkCovered(facts: CaseworkFacts, period: Period): void {
  if (period.from < facts.from || period.to > facts.to)
    throw new RangeError(
      `The period ${period.key} is not inside the casework facts read (${facts.from} to ${facts.to})`,
    );
}

function sumTallies(tallies: readonly DayTally[], period: Period): { total: number; onTime: number } {
  let total = 0;
  let onTime = 0;
  for (const t of tallies)
    if (isWithin(t.on, period)) {
      total += t.total;
      onTime += t.onTime;
    }
  return { total, onTime };
}

function requestsIn(facts: CaseworkFacts, period: { from: string; to: string }) {
  let received = 0;
  let notAssessed = 0;
  for (const r of facts.requests)
    if (isWithin(r.on, period)) {
      received += r.received;
      notAssessed += r.notAssessed;
    }
  return { received, notAssessed };
}

type AdviceCount = { onTime: number; due: number };

function adviceIn(facts: CaseworkFacts, period: Period) {
  const total: AdviceCount = { onTime: 0, due: 0 };
  const byType = new Map<string, AdviceCount>(ADVICE_TYPES.map((t) => [t.code, { onTime: 0, due: 0 }]));
  const byOrganisation = new Map<string, AdviceCount>();
  for (const tally of facts.advice) {
    if (!isWithin(tally.dueOn, period)) continue;
    let onTime = 0;
    let due = 0;
    for (const status of ADVICE_STATUSES) {
      const n = tally[status];
      if (n === 0) continue;
      const outcome = adviceOutcome(status, tally.dueOn, facts.asOf);
      if (outcome === 'on-time') {
        onTime += n;
        due += n;
      } else if (outcome === 'late') due += n;
    }
    const type = byType.get(tally.adviceType) ?? { onTime: 0, due: 0 };
    byType.set(tally.adviceType, type);
    const organisation = byOrganisation.get(tally.organisation) ?? { onTime: 0, due: 0 };
    byOrganisation.set(tally.organisation, organisation);
    for (const c of [total, type, organisation]) {
      c.onTime += onTime;
      c.due += due;
    }
  }
  return { total, byType, byOrganisation };
}

/** Every casework measure for one period, with the counts behind each. */
export function caseworkMeasures(facts: CaseworkFacts, period: Period): CaseworkFigure[] {
  checkCovered(facts, period);
  const figure = (
    measure: MeasureId,
    numerator: number,
    denominator: number | null,
    breakdown = TOTAL,
    at: Period = period,
  ): CaseworkFigure => ({ measure, period: at, breakdown, numerator, denominator });

  // 20 weeks: plans with no exception recorded count in both measures; the others as the engine says.
  const plain = sumTallies(facts.finalPlans, period);
  let issued = plain.total;
  let within = plain.onTime;
  let issuedEx = plain.total;
  let withinEx = plain.onTime;
  for (const plan of facts.finalPlansWithExceptions) {
    if (!isWithin(plan.finalPlanIssuedOn, period)) continue;
    const t = twentyWeekTimeliness(plan);
    issued += 1;
    if (t.issuedWithinTwentyWeeks) within += 1;
    if (t.countsExcludingExceptions) {
      issuedEx += 1;
      if (t.issuedWithinTwentyWeeks) withinEx += 1;
    }
  }

  const decisions = sumTallies(facts.decisions, period);
  const noPlan = sumTallies(facts.noPlanDecisions, period);
  const requests = requestsIn(facts, period);
  const lastYear = samePeriodLastYear(period);
  const figures: CaseworkFigure[] = [
    figure('plans-within-20-weeks', within, issued),
    figure('plans-within-20-weeks-excluding-exceptions', withinEx, issuedEx),
    figure('decisions-within-6-weeks', decisions.onTime, decisions.total),
    figure('no-plan-decisions-within-16-weeks', noPlan.onTime, noPlan.total),
    figure('requests-refused', requests.notAssessed, requests.received),
    figure('requests-received', requests.received, null),
  ];
  if (lastYear.from >= facts.requestsFrom)
    figures.push(
      figure(
        'requests-received',
        requestsIn(facts, lastYear).received,
        null,
        SAME_PERIOD_LAST_YEAR,
        lastYear,
      ),
    );

  const advice = adviceIn(facts, period);
  figures.push(figure('advice-within-6-weeks', advice.total.onTime, advice.total.due));
  for (const [code, c] of advice.byType)
    figures.push(figure('advice-within-6-weeks', c.onTime, c.due, adviceTypeBreakdown(code)));
  for (const [name, c] of [...advice.byOrganisation].sort(([a], [b]) => a.localeCompare(b, 'en-GB')))
    figures.push(figure('advice-within-6-weeks', c.onTime, c.due, organisationBreakdown(name)));

  // Maintained at the end of the period: every plan issued by then (no cessation is recorded yet).
  let issuedBeforePeriod = facts.plansIssuedBefore;
  for (const t of facts.finalPlans) if (t.on < period.from) issuedBeforePeriod += t.total;
  for (const p of facts.finalPlansWithExceptions)
    if (p.finalPlanIssuedOn < period.from) issuedBeforePeriod += 1;
  figures.push(figure('active-plans', issuedBeforePeriod + issued, null));
  figures.push(figure('new-plans', issued, null));
  return figures;
}

/** The measures of several periods (a chart's series), in the order given. */
export function caseworkSeries(facts: CaseworkFacts, periods: readonly Period[]): CaseworkFigure[] {
  return periods.flatMap((period) => caseworkMeasures(facts, period));
}

/** The one figure of a measure and breakdown among many, or undefined. */
export function findFigure(
  figures: readonly CaseworkFigure[],
  measure: MeasureId,
  periodKey: string,
  breakdown = TOTAL,
): CaseworkFigure | undefined {
  return figures.find(
    (f) => f.measure === measure && f.period.key === periodKey && f.breakdown === breakdown,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The reference: facts from one row per case and per request for advice, every due date from the engine
// ---------------------------------------------------------------------------------------------------------

export type CaseRecord = {
  receivedOn: string;
  decisionOutcome: 'assess' | 'not-assess' | null;
  decisionNotifiedOn: string | null;
  noPlanNotifiedOn: string | null;
  finalIssuedOn: string | null;
  /** The excusals recorded against the final plan's 20 weeks. */
  finalPlanExcusals: readonly Excusal[];
};

export type AdviceRecord = {
  organisation: string;
  adviceType: string;
  /** The day the body was asked (its 6 weeks run from it, reg 8(1)). */
  requestedOn: string;
  receivedOn: string | null;
  noLongerAwaitedOn: string | null;
};

function bump(map: Map<string, DayTally>, on: string, onTime: boolean): void {
  const t = map.get(on) ?? { on, total: 0, onTime: 0 };
  t.total += 1;
  if (onTime) t.onTime += 1;
  map.set(on, t);
}

const byDay = <T extends { on: string }>(map: Map<string, T>): T[] =>
  [...map.values()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

/**
 * The facts of `range` from whole records, each due date from the clock engine (deadlineFor): for small
 * areas, tests and as the reference that the repository's SQL is checked against.
 */
export function caseworkFactsFromRecords(
  records: { cases: readonly CaseRecord[]; advice: readonly AdviceRecord[] },
  range: { from: string; to: string },
  asOf: string,
): CaseworkFacts {
  const requestsFrom = sameDayLastYear(range.from);
  const requests = new Map<string, RequestsDay>();
  const decisions = new Map<string, DayTally>();
  const noPlan = new Map<string, DayTally>();
  const finalPlans = new Map<string, DayTally>();
  const withExceptions: TwentyWeekCase[] = [];
  let plansIssuedBefore = 0;
  for (const c of records.cases) {
    if (c.receivedOn >= requestsFrom && c.receivedOn <= range.to) {
      const r = requests.get(c.receivedOn) ?? { on: c.receivedOn, received: 0, notAssessed: 0 };
      r.received += 1;
      if (c.decisionOutcome === 'not-assess') r.notAssessed += 1;
      requests.set(c.receivedOn, r);
    }
    if (c.decisionNotifiedOn !== null && isWithin(c.decisionNotifiedOn, range))
      bump(
        decisions,
        c.decisionNotifiedOn,
        c.decisionNotifiedOn <= deadlineFor('decision-to-assess', c.receivedOn).dueDate,
      );
    if (c.noPlanNotifiedOn !== null && isWithin(c.noPlanNotifiedOn, range))
      bump(
        noPlan,
        c.noPlanNotifiedOn,
        c.noPlanNotifiedOn <= deadlineFor('no-plan-decision', c.receivedOn).dueDate,
      );
    if (c.finalIssuedOn === null) continue;
    if (c.finalIssuedOn < range.from) plansIssuedBefore += 1;
    else if (c.finalIssuedOn <= range.to) {
      const plan = {
        requestReceivedOn: c.receivedOn,
        finalPlanIssuedOn: c.finalIssuedOn,
        excusals: c.finalPlanExcusals,
      };
      if (c.finalPlanExcusals.length > 0) withExceptions.push(plan);
      else bump(finalPlans, c.finalIssuedOn, twentyWeekTimeliness(plan).issuedWithinTwentyWeeks);
    }
  }

  const advice = new Map<string, AdviceTally>();
  for (const a of records.advice) {
    const dueOn = deadlineFor('advice', a.requestedOn).dueDate;
    if (!isWithin(dueOn, range)) continue;
    const key = `${dueOn}\u0000${a.organisation}\u0000${a.adviceType}`;
    const tally = advice.get(key) ?? {
      dueOn,
      organisation: a.organisation,
      adviceType: a.adviceType,
      receivedByDue: 0,
      receivedAfterDue: 0,
      awaited: 0,
      closedByDue: 0,
      closedAfterDue: 0,
    };
    tally[adviceStatus({ dueOn, receivedOn: a.receivedOn, noLongerAwaitedOn: a.noLongerAwaitedOn })] += 1;
    advice.set(key, tally);
  }

  return {
    from: range.from,
    to: range.to,
    requestsFrom,
    asOf,
    requests: byDay(requests),
    decisions: byDay(decisions),
    noPlanDecisions: byDay(noPlan),
    finalPlans: byDay(finalPlans),
    finalPlansWithExceptions: withExceptions,
    plansIssuedBefore,
    advice: [...advice.values()],
  };
}
