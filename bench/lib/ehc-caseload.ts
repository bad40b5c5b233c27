/**
 * A generated EHC caseload for the "due and overdue" benchmark: a given number of open needs assessments
 * and exactly a given number of requests for advice, with the children, their parents, setting consultations,
 * excusals and the closed cases a council would also hold. Each case follows a timeline (the decision
 * 3 to 10 weeks after the request, advice asked within 10 days of it and mostly back in 6 weeks, a draft plan,
 * consultations, the final plan 2 to 6 weeks after the draft, some withdrawn) cut off at today, so that the
 * share of deadlines due in the next 14 days or overdue is what such a timeline gives, not a chosen number.
 * Every stored due date comes from the clock engine (deadlineFor), as the service stores them.
 *
 * Pure and seeded: the same options give the same caseload (apart from the random ids). It also counts,
 * from the generated rows and not through SQL, what the due list must show, so that the benchmark can check
 * the page it loads.
 */
import { randomUUID } from 'node:crypto';
import { addDays, dayOfWeek } from '../../src/lib/dates.ts';
import { deadlineFor } from '../../src/modules/ehc/domain/deadlines.ts';

export type CaseStatus =
  | 'awaiting-decision'
  | 'not-assessing'
  | 'assessing'
  | 'draft-issued'
  | 'final-issued'
  | 'no-plan'
  | 'withdrawn'
  | 'moved-out';

export type AdviceType = 'educational' | 'health' | 'psychological' | 'social_care' | 'setting' | 'other';

export type ChildRow = {
  id: string;
  given: string;
  family: string;
  dateOfBirth: string;
  sex: 'F' | 'M';
  postcode: string;
  settingName: string;
  settingOrganisationId: string;
  year: string;
  senType: string;
  parentId: string;
  parentName: string;
  parentEmail: string;
};

export type CaseRow = {
  id: string;
  reference: string;
  childId: string;
  source: number;
  channel: 'online' | 'setting' | 'letter' | 'email' | 'phone';
  receivedOn: string;
  decisionDueOn: string;
  noPlanDueOn: string;
  finalPlanDueOn: string;
  caseworkerId: string | null;
  status: CaseStatus;
  decisionOutcome: 'assess' | 'not-assess' | null;
  decisionNotifiedOn: string | null;
  noPlanNotifiedOn: string | null;
  draftServedOn: string | null;
  finalIssuedOn: string | null;
  closedOn: string | null;
  closureReason: 'withdrawn' | 'moved-out' | null;
};

export type AdviceRow = {
  id: string;
  caseId: string;
  type: AdviceType;
  organisationId: string;
  requestedOn: string;
  dueOn: string;
  receivedOn: string | null;
};

export type ConsultationRow = {
  id: string;
  caseId: string;
  organisationId: string;
  sentOn: string;
  dueOn: string;
  repliedOn: string | null;
  canMeetNeeds: boolean | null;
};

export type ExcusalRow = {
  id: string;
  caseId: string;
  ruleId: 'decision-to-assess' | 'advice' | 'final-plan';
  subjectId: string | null;
  type: string;
  fromOn: string;
  toOn: string;
  adviceRequestedOn: string | null;
  recordedBy: string | null;
};

export type CaseloadOptions = {
  today: string;
  openCases: number;
  adviceRequests: number;
  /** Requests were received over this many days up to today. */
  windowDays: number;
  seed: number;
  /** Who cases are assigned to; the first is the caseworker who signs in (about 1 case in caseworkers.length). */
  caseworkerIds: readonly string[];
  organisations: {
    advice: Record<AdviceType, readonly string[]>;
    settings: readonly { id: string; name: string }[];
  };
};

export type DueCount = { decision: number; 'final-plan': number; advice: number; consultation: number };

export type Caseload = {
  children: ChildRow[];
  cases: CaseRow[];
  advice: AdviceRow[];
  consultations: ConsultationRow[];
  excusals: ExcusalRow[];
  /** The due list's totals, counted here from the rows: every open case, and the first caseworker's. */
  expected: { dueBy: string; all: DueCount; mine: DueCount };
};

/** mulberry32: a small seeded PRNG. */
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

const GIVEN = [
  'Amara',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Finn',
  'Grace',
  'Harvey',
  'Isla',
  'Jay',
  'Keira',
  'Leo',
];
const FAMILY = [
  'Ahmed',
  'Bennett',
  'Clarke',
  'Dhillon',
  'Evans',
  'Francis',
  'Gill',
  'Hughes',
  'Kaur',
  'Lewis',
];
const SEN_TYPES = ['ASD', 'SLCN', 'SEMH', 'MLD', 'SPLD', 'PD', 'HI', 'VI', 'SLD', 'OTH'];
const ADVICE_ORDER: readonly AdviceType[] = [
  'educational',
  'health',
  'psychological',
  'social_care',
  'setting',
  'other',
];
const CHANNELS = ['online', 'setting', 'letter', 'email', 'phone'] as const;

export function generateCaseload(options: CaseloadOptions): Caseload {
  const { today } = options;
  const random = prng(options.seed);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const earliest = addDays(today, -(options.windowDays - 1));

  const children: ChildRow[] = [];
  const cases: CaseRow[] = [];
  const advice: AdviceRow[] = [];
  const consultations: ConsultationRow[] = [];
  const excusals: ExcusalRow[] = [];

  type Generated = {
    child: ChildRow;
    row: CaseRow;
    advice: AdviceRow[];
    consultations: ConsultationRow[];
    excusals: ExcusalRow[];
  };

  function generateOne(): Generated {
    let received = addDays(today, -between(0, options.windowDays - 1));
    // Most requests arrive on a working day; those made online at the weekend are kept.
    const weekday = dayOfWeek(received);
    if ((weekday === 0 || weekday === 6) && chance(0.8)) received = addDays(received, weekday === 0 ? 1 : 2);
    if (received > today) received = addDays(received, -3);
    if (received < earliest) received = earliest;
    const caseId = randomUUID();
    const ageYears = between(2, 19);
    const year = ageYears - 5;
    const setting = pick(options.organisations.settings);
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    const child: ChildRow = {
      id: randomUUID(),
      given,
      family,
      dateOfBirth: addDays(received, -(ageYears * 365 + between(0, 364))),
      sex: chance(0.7) ? 'M' : 'F',
      postcode: `WV${between(1, 14)} ${between(1, 9)}${pick(['A', 'B', 'D', 'E', 'F'])}${pick(['G', 'H', 'J', 'L', 'N'])}`,
      settingName: setting.name,
      settingOrganisationId: setting.id,
      year: year < 0 ? 'R' : String(Math.min(year, 14)),
      senType: pick(SEN_TYPES),
      parentId: randomUUID(),
      parentName: `${pick(['Sam', 'Jo', 'Alex', 'Robin', 'Taylor', 'Jordan'])} ${family}`,
      parentEmail: `parent.${cases.length + children.length + 1}.${between(1000, 9999)}@bench.example.org`,
    };
    const caseworkers = options.caseworkerIds;
    const row: CaseRow = {
      id: caseId,
      reference: '',
      childId: child.id,
      source: between(1, 5),
      channel: pick(CHANNELS),
      receivedOn: received,
      decisionDueOn: deadlineFor('decision-to-assess', received).dueDate,
      noPlanDueOn: deadlineFor('no-plan-decision', received).dueDate,
      finalPlanDueOn: deadlineFor('final-plan', received).dueDate,
      caseworkerId: chance(0.04) ? null : (caseworkers[Math.floor(random() * caseworkers.length)] as string),
      status: 'awaiting-decision',
      decisionOutcome: null,
      decisionNotifiedOn: null,
      noPlanNotifiedOn: null,
      draftServedOn: null,
      finalIssuedOn: null,
      closedOn: null,
      closureReason: null,
    };
    const caseAdvice: AdviceRow[] = [];
    const caseConsultations: ConsultationRow[] = [];
    const caseExcusals: ExcusalRow[] = [];

    // The whole timeline first, then what of it had happened by the day it stops (today, or a withdrawal).
    const decisionRoll = random();
    const decisionOn = addDays(
      received,
      decisionRoll < 0.1 ? between(3, 27) : decisionRoll < 0.85 ? between(28, 42) : between(43, 70),
    );
    const assess = chance(0.75);
    const adviceCount = between(4, 6);
    const advicePlan = ADVICE_ORDER.slice(0, adviceCount).map((type) => {
      const requestedOn = addDays(decisionOn, between(0, 10));
      // 70% give advice within 6 weeks, 22% late (up to 12 weeks), 8% never.
      const roll = random();
      const returnedOn =
        roll < 0.7
          ? addDays(requestedOn, between(10, 42))
          : roll < 0.92
            ? addDays(requestedOn, between(43, 84))
            : undefined;
      return { type, requestedOn, returnedOn };
    });
    const lastAdvice = advicePlan.reduce(
      (last, a) => (a.returnedOn !== undefined && a.returnedOn > last ? a.returnedOn : last),
      decisionOn,
    );
    const noPlan = chance(0.08);
    const noPlanOn = addDays(received, between(84, 140));
    const draftOn = addDays(
      lastAdvice < addDays(received, 112) ? lastAdvice : addDays(received, between(98, 112)),
      between(1, 21),
    );
    const consultationPlan = Array.from({ length: between(1, 3) }, () => {
      const sentOn = addDays(draftOn, between(0, 5));
      const roll = random();
      const repliedOn =
        roll < 0.7
          ? addDays(sentOn, between(3, 15))
          : roll < 0.9
            ? addDays(sentOn, between(16, 30))
            : undefined;
      return { sentOn, repliedOn, canMeet: chance(0.8) };
    });
    const finalOn = addDays(draftOn, between(15, 45));
    const outcomeOn = !assess ? decisionOn : noPlan ? noPlanOn : finalOn;
    const withdrawOn = chance(0.05) ? addDays(received, between(7, 140)) : undefined;
    const withdrawn = withdrawOn !== undefined && withdrawOn <= today && withdrawOn < outcomeOn;
    const cut = withdrawn ? withdrawOn : today;
    const by = (date: string | undefined) => (date !== undefined && date <= cut ? date : null);
    const excusalRoll = random();
    const recordedBy = row.caseworkerId;

    if (excusalRoll < 0.035) {
      const fromOn = addDays(received, between(3, 20));
      if (fromOn <= cut)
        caseExcusals.push({
          id: randomUUID(),
          caseId,
          ruleId: 'decision-to-assess',
          subjectId: null,
          type: '5(4)(b)',
          fromOn,
          toOn: addDays(fromOn, between(2, 20)),
          adviceRequestedOn: null,
          recordedBy,
        });
    }

    if (decisionOn <= cut) {
      row.decisionOutcome = assess ? 'assess' : 'not-assess';
      row.decisionNotifiedOn = decisionOn;
      row.status = assess ? 'assessing' : 'not-assessing';
      if (!assess) row.closedOn = decisionOn;
    }
    if (row.status === 'assessing') {
      for (const a of advicePlan) {
        if (a.requestedOn > cut) continue;
        const organisations = options.organisations.advice[a.type];
        caseAdvice.push({
          id: randomUUID(),
          caseId,
          type: a.type,
          organisationId: a.type === 'setting' ? setting.id : pick(organisations),
          requestedOn: a.requestedOn,
          dueOn: deadlineFor('advice', a.requestedOn).dueDate,
          receivedOn: by(a.returnedOn),
        });
      }
      const first = caseAdvice[0];
      if (first && excusalRoll >= 0.035 && excusalRoll < 0.07) {
        const fromOn = addDays(first.requestedOn, between(3, 30));
        if (fromOn <= cut)
          caseExcusals.push({
            id: randomUUID(),
            caseId,
            ruleId: 'advice',
            subjectId: first.id,
            type: '8(2)(b)',
            fromOn,
            toOn: addDays(fromOn, between(26, 40)),
            adviceRequestedOn: null,
            recordedBy,
          });
      }
      if (first && excusalRoll >= 0.07 && excusalRoll < 0.1) {
        const fromOn = addDays(first.requestedOn, between(0, 7));
        if (fromOn <= cut)
          caseExcusals.push({
            id: randomUUID(),
            caseId,
            ruleId: 'final-plan',
            subjectId: null,
            type: '10(4)(a)',
            fromOn,
            toOn: addDays(fromOn, between(27, 45)),
            adviceRequestedOn: first.requestedOn,
            recordedBy,
          });
      }
      if (noPlan) {
        if (noPlanOn <= cut) {
          row.status = 'no-plan';
          row.noPlanNotifiedOn = noPlanOn;
          row.closedOn = noPlanOn;
        }
      } else if (draftOn <= cut) {
        row.status = 'draft-issued';
        row.draftServedOn = draftOn;
        for (const s of consultationPlan) {
          if (s.sentOn > cut) continue;
          const repliedOn = by(s.repliedOn);
          caseConsultations.push({
            id: randomUUID(),
            caseId,
            organisationId: pick(options.organisations.settings).id,
            sentOn: s.sentOn,
            dueOn: deadlineFor('setting-consultation', s.sentOn).dueDate,
            repliedOn,
            canMeetNeeds: repliedOn === null ? null : s.canMeet,
          });
        }
        if (finalOn <= cut) {
          row.status = 'final-issued';
          row.finalIssuedOn = finalOn;
          row.closedOn = finalOn;
        }
      }
    }
    if (withdrawn) {
      const reason = chance(0.7) ? 'withdrawn' : 'moved-out';
      row.status = reason;
      row.closureReason = reason;
      row.closedOn = withdrawOn;
    }
    return { child, row, advice: caseAdvice, consultations: caseConsultations, excusals: caseExcusals };
  }

  // Cases as they come until there are enough open ones. Closed cases are kept while the advice budget
  // lasts; an open case that needs room takes it from the earliest kept closed case with advice, and the
  // last closed case may be kept with only its first requests for advice, so that the total is exact.
  const kept: (Generated & { dropped?: boolean })[] = [];
  const closedWithAdvice: number[] = [];
  let nextToDrop = 0;
  let adviceTotal = 0;
  let open = 0;
  let attempts = 0;
  while (open < options.openCases || adviceTotal < options.adviceRequests) {
    if (++attempts > (options.openCases + options.adviceRequests) * 10)
      throw new Error('the caseload options cannot be met');
    const g = generateOne();
    if (g.row.closedOn === null) {
      if (open >= options.openCases) continue;
      while (adviceTotal + g.advice.length > options.adviceRequests) {
        const index = closedWithAdvice[nextToDrop++];
        if (index === undefined) throw new Error('the open cases alone need more than the advice budget');
        const dropped = kept[index] as Generated & { dropped?: boolean };
        dropped.dropped = true;
        adviceTotal -= dropped.advice.length;
      }
      open++;
    } else {
      const room = options.adviceRequests - adviceTotal;
      if (room <= 0) continue;
      if (g.advice.length > room) {
        g.advice.length = room;
        const sent = new Set(g.advice.map((a) => a.id));
        g.excusals = g.excusals.filter((e) => e.subjectId === null || sent.has(e.subjectId));
      }
      if (g.advice.length > 0) closedWithAdvice.push(kept.length);
    }
    adviceTotal += g.advice.length;
    kept.push(g);
  }
  for (const g of kept) {
    if (g.dropped) continue;
    children.push(g.child);
    cases.push(g.row);
    advice.push(...g.advice);
    consultations.push(...g.consultations);
    excusals.push(...g.excusals);
  }

  // References in the order requests were received, as the service numbers them.
  const order = [...cases].sort((a, b) =>
    a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0,
  );
  for (const [i, c] of order.entries())
    c.reference = `EHC-${c.receivedOn.slice(0, 4)}-${String(i + 1).padStart(6, '0')}`;

  // What "due and overdue" must list, counted from the rows: the repository's rule written out again.
  const dueBy = addDays(today, 14);
  const count = (caseworkerId?: string): DueCount => {
    const mineOnly = (c: CaseRow) => caseworkerId === undefined || c.caseworkerId === caseworkerId;
    const assessing = new Map(
      cases
        .filter(
          (c) =>
            c.closedOn === null && (c.status === 'assessing' || c.status === 'draft-issued') && mineOnly(c),
        )
        .map((c) => [c.id, c]),
    );
    return {
      decision: cases.filter(
        (c) => c.status === 'awaiting-decision' && c.decisionDueOn <= dueBy && mineOnly(c),
      ).length,
      'final-plan': [...assessing.values()].filter((c) => c.finalPlanDueOn <= dueBy).length,
      advice: advice.filter((a) => a.receivedOn === null && a.dueOn <= dueBy && assessing.has(a.caseId))
        .length,
      consultation: consultations.filter(
        (s) => s.repliedOn === null && s.dueOn <= dueBy && assessing.has(s.caseId),
      ).length,
    };
  };
  return {
    children,
    cases,
    advice,
    consultations,
    excusals,
    expected: { dueBy, all: count(), mine: count(options.caseworkerIds[0]) },
  };
}

export const totalDue = (c: DueCount) => c.decision + c['final-plan'] + c.advice + c.consultation;
