/**
 * A national-scale EHC caseload for the casework measures benchmark (bench/performance-measures.ts): the
 * requests of two calendar years (the measured year and the year before, 160,000 a year by default), each
 * following a timeline (the decision 3 to 9 weeks after the request, about a fifth refused; four to six
 * requests for advice after a decision to assess, most back in 6 weeks, some late, some never; a no-plan
 * notice or the final plan 14 to 28 weeks after the request; some withdrawn; an exception recorded against
 * the 20 weeks of about one plan in twenty) cut off at `today`, and as many plans of earlier years, with
 * as make up the total of final plans asked for (700,000); the benchmark gives those their advice in SQL.
 *
 * Generated in chunks, so that millions of rows never sit in memory at once; each chunk is inserted as it
 * comes. The generator also counts, from the rows it makes and with plain day arithmetic rather than the
 * clock engine or SQL, what every measure of the measured year must be, so that the benchmark can check
 * the figures it times. Seeded: the same options give the same caseload (apart from the random ids).
 */
import { randomUUID } from 'node:crypto';
import { addDays, dayOfWeek, daysBetween } from '../../src/lib/dates.ts';
import { deadlineFor } from '../../src/modules/ehc/domain/deadlines.ts';

export type NationalCase = {
  id: string;
  reference: string;
  receivedOn: string;
  decisionDueOn: string;
  noPlanDueOn: string;
  finalPlanDueOn: string;
  status: string;
  decisionOutcome: 'assess' | 'not-assess' | null;
  decisionNotifiedOn: string | null;
  noPlanNotifiedOn: string | null;
  finalIssuedOn: string | null;
  closedOn: string | null;
  closureReason: 'withdrawn' | null;
};

export type NationalAdvice = {
  caseId: string;
  type: string;
  organisation: number;
  requestedOn: string;
  dueOn: string;
  receivedOn: string | null;
  noLongerAwaitedOn: string | null;
};

export type NationalExcusal = {
  caseId: string;
  ruleId: 'final-plan';
  type: '10(4)(c)';
  fromOn: string;
  toOn: string;
};

export type Chunk = { cases: NationalCase[]; advice: NationalAdvice[]; excusals: NationalExcusal[] };

/** The measured year's figures, counted from the generated rows. */
export type Expected = {
  requestsReceived: number;
  requestsReceivedLastYear: number;
  refused: number;
  decisions: number;
  decisionsWithin6Weeks: number;
  noPlan: number;
  noPlanWithin16Weeks: number;
  plansIssued: number;
  plansWithin20Weeks: number;
  plansWithException: number;
  plansWithin20WeeksWithException: number;
  adviceDue: number;
  adviceOnTime: number;
  activePlansAtYearEnd: number;
  finalPlansInAll: number;
  casesInAll: number;
  adviceInAll: number;
  excusalsInAll: number;
  /** Plans of earlier years (the benchmark gives them their advice in SQL: it is never due in the year measured). */
  historyCases: number;
};

/** The partner organisations advice is asked of, by index into the list the benchmark inserts. */
export type OrganisationPlan = {
  health: readonly number[];
  socialCare: readonly number[];
  psychology: readonly number[];
  schools: readonly number[];
  colleges: readonly number[];
  other: readonly number[];
};

export type NationalOptions = {
  /** The calendar year measured; requests are generated for it and the year before. */
  year: number;
  /** Nothing happens after this day. */
  today: string;
  requestsPerYear: number;
  /** Final plans in all, the two years' and earlier years' together. */
  finalPlans: number;
  organisations: OrganisationPlan;
  seed: number;
  chunkCases: number;
};

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The engine's due dates, asked once per rule and start day. */
const dueCache = new Map<string, string>();
function due(
  ruleId: 'decision-to-assess' | 'no-plan-decision' | 'final-plan' | 'advice',
  start: string,
): string {
  const key = `${ruleId}${start}`;
  let d = dueCache.get(key);
  if (d === undefined) {
    d = deadlineFor(ruleId, start).dueDate;
    dueCache.set(key, d);
  }
  return d;
}

const ADVICE_TYPES = ['educational', 'health', 'psychological', 'social_care', 'setting', 'other'] as const;

export function* generateNationalCaseload(options: NationalOptions, expected: Expected): Generator<Chunk> {
  const random = prng(options.seed);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const { year, today } = options;
  const yearFrom = `${year}-01-01`;
  const yearTo = `${year}-12-31`;
  const lastYearFrom = `${year - 1}-01-01`;
  const lastYearTo = `${year - 1}-12-31`;
  const inYear = (d: string | null) => d !== null && d >= yearFrom && d <= yearTo;
  const happened = (d: string) => (d <= today ? d : null);
  let serial = 0;

  let chunk: Chunk = { cases: [], advice: [], excusals: [] };
  const flush = () => {
    const full = chunk;
    chunk = { cases: [], advice: [], excusals: [] };
    return full;
  };

  const workday = (d: string) => {
    const w = dayOfWeek(d);
    return w === 6 ? addDays(d, 2) : w === 0 ? addDays(d, 1) : d;
  };

  /** Advice for a case assessed on `decidedOn`; closedOn is when the case closed, if it has. */
  function advise(caseId: string, decidedOn: string, closedOn: string | null) {
    const count = between(4, 6);
    const school = pick(options.organisations.schools);
    for (let i = 0; i < count; i += 1) {
      const type: string = ADVICE_TYPES[i] ?? 'other';
      const organisation =
        type === 'health'
          ? pick(options.organisations.health)
          : type === 'psychological'
            ? pick(options.organisations.psychology)
            : type === 'social_care'
              ? pick(options.organisations.socialCare)
              : type === 'educational' || type === 'setting'
                ? school
                : pick(options.organisations.other);
      const requestedOn = workday(addDays(decidedOn, between(0, 10)));
      const dueOn = due('advice', requestedOn);
      const roll = random();
      let receivedOn: string | null =
        roll < 0.72
          ? addDays(requestedOn, between(10, 42))
          : roll < 0.93
            ? addDays(requestedOn, between(43, 84))
            : null;
      if (receivedOn !== null && (receivedOn > today || (closedOn !== null && receivedOn > closedOn)))
        receivedOn = null;
      const noLongerAwaitedOn =
        receivedOn === null && closedOn !== null && closedOn <= today ? closedOn : null;
      chunk.advice.push({ caseId, type, organisation, requestedOn, dueOn, receivedOn, noLongerAwaitedOn });
      expected.adviceInAll += 1;
      if (inYear(dueOn) && dueOn < today) {
        const closedByDue = receivedOn === null && noLongerAwaitedOn !== null && noLongerAwaitedOn <= dueOn;
        if (!closedByDue) {
          expected.adviceDue += 1;
          if (receivedOn !== null && daysBetween(requestedOn, receivedOn) <= 42) expected.adviceOnTime += 1;
        }
      }
    }
  }

  function count(c: NationalCase, excused: boolean) {
    expected.casesInAll += 1;
    if (inYear(c.receivedOn)) {
      expected.requestsReceived += 1;
      if (c.decisionOutcome === 'not-assess') expected.refused += 1;
    }
    if (c.receivedOn >= lastYearFrom && c.receivedOn <= lastYearTo) expected.requestsReceivedLastYear += 1;
    if (inYear(c.decisionNotifiedOn)) {
      expected.decisions += 1;
      if (daysBetween(c.receivedOn, c.decisionNotifiedOn as string) <= 42)
        expected.decisionsWithin6Weeks += 1;
    }
    if (inYear(c.noPlanNotifiedOn)) {
      expected.noPlan += 1;
      if (daysBetween(c.receivedOn, c.noPlanNotifiedOn as string) <= 112) expected.noPlanWithin16Weeks += 1;
    }
    if (c.finalIssuedOn !== null) {
      expected.finalPlansInAll += 1;
      if (c.finalIssuedOn <= yearTo) expected.activePlansAtYearEnd += 1;
      if (inYear(c.finalIssuedOn)) {
        const within = daysBetween(c.receivedOn, c.finalIssuedOn) <= 140;
        expected.plansIssued += 1;
        if (within) expected.plansWithin20Weeks += 1;
        if (excused) {
          expected.plansWithException += 1;
          if (within) expected.plansWithin20WeeksWithException += 1;
        }
      }
    }
  }

  function newCase(receivedOn: string): NationalCase {
    serial += 1;
    return {
      id: randomUUID(),
      reference: `BN${String(serial).padStart(8, '0')}`,
      receivedOn,
      decisionDueOn: due('decision-to-assess', receivedOn),
      noPlanDueOn: due('no-plan-decision', receivedOn),
      finalPlanDueOn: due('final-plan', receivedOn),
      status: 'awaiting-decision',
      decisionOutcome: null,
      decisionNotifiedOn: null,
      noPlanNotifiedOn: null,
      finalIssuedOn: null,
      closedOn: null,
      closureReason: null,
    };
  }

  function finalPlan(c: NationalCase): boolean {
    const finalOn = happened(workday(addDays(c.receivedOn, between(98, 196))));
    if (finalOn === null) {
      c.status = chance(0.5) ? 'assessing' : 'draft-issued';
      return false;
    }
    c.finalIssuedOn = finalOn;
    c.closedOn = finalOn;
    c.status = 'final-issued';
    // An exception under reg 10(4)(c), within the 20 weeks: made out, so the plan has Week20 = 1.
    if (chance(0.05)) {
      const fromOn = addDays(c.receivedOn, between(20, 60));
      chunk.excusals.push({
        caseId: c.id,
        ruleId: 'final-plan',
        type: '10(4)(c)',
        fromOn,
        toOn: addDays(fromOn, between(7, 40)),
      });
      expected.excusalsInAll += 1;
      return true;
    }
    return false;
  }

  // The two years' requests, received on working days spread over each year.
  const firstDay = `${year - 1}-01-01`;
  const days = daysBetween(firstDay, `${year}-12-31`) + 1;
  const requests = options.requestsPerYear * 2;
  for (let i = 0; i < requests; i += 1) {
    const receivedOn = workday(addDays(firstDay, Math.floor((i / requests) * days)));
    if (receivedOn > today) continue;
    const c = newCase(receivedOn);
    let excused = false;
    const withdrawOn = chance(0.03) ? addDays(receivedOn, between(5, 120)) : null;
    const decisionOn = happened(workday(addDays(receivedOn, between(20, 62))));
    if (withdrawOn !== null && (decisionOn === null || withdrawOn < decisionOn) && withdrawOn <= today) {
      c.status = 'withdrawn';
      c.closedOn = withdrawOn;
      c.closureReason = 'withdrawn';
    } else if (decisionOn !== null) {
      c.decisionNotifiedOn = decisionOn;
      if (chance(0.21)) {
        c.decisionOutcome = 'not-assess';
        c.status = 'not-assessing';
        c.closedOn = decisionOn;
      } else {
        c.decisionOutcome = 'assess';
        c.status = 'assessing';
        if (chance(0.07)) {
          const noPlanOn = happened(workday(addDays(receivedOn, between(84, 140))));
          if (noPlanOn !== null) {
            c.noPlanNotifiedOn = noPlanOn;
            c.status = 'no-plan';
            c.closedOn = noPlanOn;
          }
        } else excused = finalPlan(c);
        advise(c.id, decisionOn, c.closedOn);
      }
    }
    chunk.cases.push(c);
    count(c, excused);
    if (chunk.cases.length >= options.chunkCases) yield flush();
  }

  // Earlier years' plans: requests received from the SEND Regulations 2014 on, their plans issued before the
  // two years.
  const history = Math.max(0, options.finalPlans - expected.finalPlansInAll);
  const historyFrom = `${Math.max(2015, year - 10)}-01-01`;
  const historyDays = daysBetween(historyFrom, `${year - 3}-12-31`) + 1;
  for (let i = 0; i < history; i += 1) {
    const receivedOn = workday(addDays(historyFrom, Math.floor((i / history) * historyDays)));
    const c = newCase(receivedOn);
    c.decisionOutcome = 'assess';
    c.decisionNotifiedOn = workday(addDays(receivedOn, between(20, 62)));
    const excused = finalPlan(c);
    expected.historyCases += 1;
    chunk.cases.push(c);
    count(c, excused);
    if (chunk.cases.length >= options.chunkCases) yield flush();
  }
  if (chunk.cases.length > 0) yield flush();
}

export function emptyExpected(): Expected {
  return {
    requestsReceived: 0,
    requestsReceivedLastYear: 0,
    refused: 0,
    decisions: 0,
    decisionsWithin6Weeks: 0,
    noPlan: 0,
    noPlanWithin16Weeks: 0,
    plansIssued: 0,
    plansWithin20Weeks: 0,
    plansWithException: 0,
    plansWithin20WeeksWithException: 0,
    adviceDue: 0,
    adviceOnTime: 0,
    activePlansAtYearEnd: 0,
    finalPlansInAll: 0,
    casesInAll: 0,
    adviceInAll: 0,
    excusalsInAll: 0,
    historyCases: 0,
  };
}
