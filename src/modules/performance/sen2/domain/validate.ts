/**
 * The checks a return should pass before it is sent: every one of "Checks a return should pass" in
 * statistics-and-sen2.md, run over the modules as they would be sent. A failed check is reported, never a
 * reason to refuse the return: the report says what is wrong and links to the case where it is put right.
 * Pure: the modules in, the problems out, in rule order.
 */
import { formatDate, isIsoDate } from '../../../../lib/dates.ts';
import { validateUln, validateUpn } from '../../../ehc/domain/identifiers.ts';
import { ageOn, ETHNICITIES } from '../../../ehc/domain/person.ts';
import {
  ASSESSMENT_OUTCOMES,
  CEASE_REASONS,
  isSen2Code,
  REQUEST_OUTCOMES,
  REQUEST_SOURCES,
  REVIEW_OUTCOMES,
  SEN_NEED_RANKS,
  SEN_SETTINGS,
  SEN_TYPES,
  type Sen2Code,
} from '../../../ehc/domain/sen2-codes.ts';
import type { Cell, ModuleKey, RecordRef, Sen2Modules } from './modules.ts';

export const SEN2_RULES = [
  { id: 'person-has-request', title: 'Every person has a request' },
  { id: 'unique-person-request', title: 'Each person and each request is in the return once' },
  { id: 'upn-uln-reason', title: 'A UPN or ULN is missing only with a reason' },
  { id: 'age-0-25', title: 'Ages are from 0 to 25 at the census date' },
  { id: 'outcome-date', title: 'Outcomes Y and N have an outcome date, and A, W and H have none' },
  { id: 'no-assessment-after-a-or-w', title: 'No assessment follows a request outcome of A or W' },
  {
    id: 'active-plan-complete',
    title: 'Every active plan at the census date has a named plan and placement detail',
  },
  { id: 'placement-setting', title: 'Placement detail has a URN, UKPRN or SEN setting' },
  { id: 'valid-codes', title: 'Codes are values of the SEN2 code lists' },
  { id: 'sen-needs', title: 'At most two SEN needs, ranked' },
] as const;
export type Sen2RuleId = (typeof SEN2_RULES)[number]['id'];

export function isSen2RuleId(value: unknown): value is Sen2RuleId {
  return SEN2_RULES.some((rule) => rule.id === value);
}

export type Sen2Issue = {
  rule: Sen2RuleId;
  /** What is wrong, in plain English, with what to do where it helps. */
  message: string;
  module: ModuleKey;
  /** The SEN2 item at fault, or null when it is the record as a whole. */
  field: string | null;
  caseId: string | null;
  childId: string | null;
  /** The case reference, for the link's text. */
  reference: string | null;
};

const MAXIMUM_AGE = 25;

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function label(list: readonly Sen2Code[]): string {
  return list.map((entry) => String(entry.code)).join(', ');
}

const empty = (value: Cell | undefined): boolean => value === null || value === undefined || value === '';

export function validateSen2Return(modules: Sen2Modules): Sen2Issue[] {
  const issues: Sen2Issue[] = [];
  const add = (
    rule: Sen2RuleId,
    module: ModuleKey,
    ref: RecordRef | undefined,
    field: string | null,
    message: string,
  ) =>
    issues.push({
      rule,
      message,
      module,
      field,
      caseId: ref?.caseId ?? null,
      childId: ref?.childId ?? null,
      reference: ref?.reference ?? null,
    });

  const censusDate = modules.header[0]?.ReferenceDate;

  // ---------------------------------------------------------------- people and their requests
  const requestsByPerson = new Map<string, number>();
  for (const request of modules.requests) {
    const key = String(request.PersonID);
    requestsByPerson.set(key, (requestsByPerson.get(key) ?? 0) + 1);
  }
  const personIds = new Map<string, number>();
  const upns = new Map<string, number>();
  for (const person of modules.person) {
    const id = String(person.PersonID);
    personIds.set(id, (personIds.get(id) ?? 0) + 1);
    if (!empty(person.UPN)) upns.set(String(person.UPN), (upns.get(String(person.UPN)) ?? 0) + 1);
  }

  const seenPeople = new Set<string>();
  for (const person of modules.person) {
    const id = String(person.PersonID);
    if (!requestsByPerson.has(id))
      add('person-has-request', 'person', person.ref, null, 'This person has no request in the return');
    if ((personIds.get(id) ?? 0) > 1 && !seenPeople.has(id))
      add(
        'unique-person-request',
        'person',
        person.ref,
        'PersonID',
        'This person is in the return more than once',
      );
    seenPeople.add(id);
    if (!empty(person.UPN) && (upns.get(String(person.UPN)) ?? 0) > 1)
      add(
        'unique-person-request',
        'person',
        person.ref,
        'UPN',
        'Another person in the return has the same UPN – check whether both records are the same child, or correct the UPN',
      );

    if (empty(person.UPN) && empty(person.reasons.upn))
      add(
        'upn-uln-reason',
        'person',
        person.ref,
        'UPN',
        'The UPN is missing and no reason is recorded – enter the UPN, or why it is not known',
      );
    if (empty(person.UniqueLearnerNumber) && empty(person.reasons.uln))
      add(
        'upn-uln-reason',
        'person',
        person.ref,
        'UniqueLearnerNumber',
        'The ULN is missing and no reason is recorded – enter the ULN, or why it is not known',
      );

    if (typeof person.PersonBirthDate !== 'string' || !isIsoDate(person.PersonBirthDate)) {
      add('valid-codes', 'person', person.ref, 'PersonBirthDate', 'The date of birth is not a real date');
    } else if (typeof censusDate === 'string' && isIsoDate(censusDate)) {
      if (person.PersonBirthDate > censusDate)
        add(
          'age-0-25',
          'person',
          person.ref,
          'PersonBirthDate',
          `The date of birth (${formatDate(person.PersonBirthDate)}) is after the census date – check it`,
        );
      else {
        const age = ageOn(person.PersonBirthDate, censusDate);
        if (age > MAXIMUM_AGE)
          add(
            'age-0-25',
            'person',
            person.ref,
            'PersonBirthDate',
            `The young person is ${age} at the census date – SEN2 covers ages 0 to 25, so check the date of birth or whether the plan has ceased`,
          );
      }
    }

    if (empty(person.Ethnicity))
      add(
        'valid-codes',
        'person',
        person.ref,
        'Ethnicity',
        'Ethnicity is not recorded – record it, or that it is not yet obtained or was refused',
      );
    else if (!ETHNICITIES.some((e) => e.code === person.Ethnicity))
      add(
        'valid-codes',
        'person',
        person.ref,
        'Ethnicity',
        `${String(person.Ethnicity)} is not an ethnicity code`,
      );
    if (empty(person.Sex)) add('valid-codes', 'person', person.ref, 'Sex', 'Sex is not recorded');
    if (!empty(person.UPN) && !validateUpn(String(person.UPN)).ok)
      add(
        'valid-codes',
        'person',
        person.ref,
        'UPN',
        'The UPN is not valid – check it against the school’s records',
      );
    if (!empty(person.UniqueLearnerNumber) && !validateUln(String(person.UniqueLearnerNumber)).ok)
      add(
        'valid-codes',
        'person',
        person.ref,
        'UniqueLearnerNumber',
        'The ULN is not valid – check it against the school’s or college’s records',
      );
  }

  const requestIds = new Map<string, number>();
  const receivedByPerson = new Map<string, number>();
  for (const request of modules.requests) {
    const id = String(request.RequestID);
    requestIds.set(id, (requestIds.get(id) ?? 0) + 1);
    const pair = `${String(request.PersonID)}|${String(request.ReceivedDate)}`;
    receivedByPerson.set(pair, (receivedByPerson.get(pair) ?? 0) + 1);
  }
  const requestOutcomes = new Map<string, Cell>();
  const seenRequests = new Set<string>();
  for (const request of modules.requests) {
    const id = String(request.RequestID);
    requestOutcomes.set(id, request.RequestOutcome);
    if (!personIds.has(String(request.PersonID)))
      add(
        'unique-person-request',
        'requests',
        request.ref,
        'PersonID',
        'This request has no person in the return',
      );
    if ((requestIds.get(id) ?? 0) > 1 && !seenRequests.has(id))
      add(
        'unique-person-request',
        'requests',
        request.ref,
        'RequestID',
        'This request is in the return more than once',
      );
    seenRequests.add(id);
    if ((receivedByPerson.get(`${String(request.PersonID)}|${String(request.ReceivedDate)}`) ?? 0) > 1)
      add(
        'unique-person-request',
        'requests',
        request.ref,
        'ReceivedDate',
        `This person has more than one request received on ${typeof request.ReceivedDate === 'string' && isIsoDate(request.ReceivedDate) ? formatDate(request.ReceivedDate) : 'the same day'} – check whether one is a duplicate`,
      );

    if (typeof request.ReceivedDate !== 'string' || !isIsoDate(request.ReceivedDate))
      add(
        'valid-codes',
        'requests',
        request.ref,
        'ReceivedDate',
        'The date the request was received is not a real date',
      );
    if (!isSen2Code(REQUEST_SOURCES, request.RequestSource))
      add(
        'valid-codes',
        'requests',
        request.ref,
        'RequestSource',
        `${empty(request.RequestSource) ? 'The request source is missing' : `${String(request.RequestSource)} is not a request source`} – use one of ${label(REQUEST_SOURCES)}`,
      );
    outcomeChecks(
      'requests',
      'request',
      request.ref,
      request.RequestOutcome,
      request.RequestOutcomeDate,
      REQUEST_OUTCOMES,
      'RequestOutcome',
      'RequestOutcomeDate',
    );
  }

  // ---------------------------------------------------------------- assessments and plans
  for (const assessment of modules.assessment) {
    const requestOutcome = requestOutcomes.get(String(assessment.RequestID));
    if (requestOutcome === 'A' || requestOutcome === 'W')
      add(
        'no-assessment-after-a-or-w',
        'assessment',
        assessment.ref,
        null,
        `There is an assessment, but the request outcome is ${requestOutcome} (${requestOutcome === 'A' ? 'not yet decided' : 'withdrawn or ceased before the decision'}) – check the decision whether to assess`,
      );
    else if (requestOutcome === undefined)
      add(
        'unique-person-request',
        'assessment',
        assessment.ref,
        'RequestID',
        'This assessment has no request in the return',
      );
    outcomeChecks(
      'assessment',
      'assessment',
      assessment.ref,
      assessment.AssessmentOutcome,
      assessment.AssessmentOutcomeDate,
      ASSESSMENT_OUTCOMES,
      'AssessmentOutcome',
      'AssessmentOutcomeDate',
    );
    const dated = assessment.AssessmentOutcome === 'Y' || assessment.AssessmentOutcome === 'N';
    if (dated && assessment.Week20 !== 0 && assessment.Week20 !== 1)
      add(
        'valid-codes',
        'assessment',
        assessment.ref,
        'Week20',
        'Week20 must be 0 or 1 – check the date the request was received and any exceptions recorded',
      );
    if (!dated && !empty(assessment.Week20))
      add(
        'valid-codes',
        'assessment',
        assessment.ref,
        'Week20',
        'Week20 is given, but the assessment has no outcome date',
      );
  }

  for (const plan of modules.namedPlan) {
    if (!empty(plan.CeaseReason) && !isSen2Code(CEASE_REASONS, plan.CeaseReason))
      add(
        'valid-codes',
        'namedPlan',
        plan.ref,
        'CeaseReason',
        `${String(plan.CeaseReason)} is not a cease reason – use one of ${label(CEASE_REASONS)}`,
      );
    if (typeof plan.StartDate !== 'string' || !isIsoDate(plan.StartDate))
      add('valid-codes', 'namedPlan', plan.ref, 'StartDate', 'The plan’s start date is not a real date');
  }

  const namedPlans = new Set(modules.namedPlan.map((plan) => String(plan.RequestID)));
  const placements = new Set(modules.placementDetail.map((placement) => String(placement.RequestID)));
  for (const activePlan of modules.activePlans) {
    const id = String(activePlan.RequestID);
    if (!namedPlans.has(id))
      add(
        'active-plan-complete',
        'activePlans',
        activePlan.ref,
        null,
        'The active plan has no named plan – check the final plan was issued',
      );
    if (!placements.has(id))
      add(
        'active-plan-complete',
        'activePlans',
        activePlan.ref,
        null,
        'The active plan has no placement detail – record the school, college or other setting the child or young person attends',
      );
    if (!empty(activePlan.ReviewOutcome) && !isSen2Code(REVIEW_OUTCOMES, activePlan.ReviewOutcome))
      add(
        'valid-codes',
        'activePlans',
        activePlan.ref,
        'ReviewOutcome',
        `${String(activePlan.ReviewOutcome)} is not a review outcome – use one of ${label(REVIEW_OUTCOMES)}`,
      );
  }

  const settings: {
    module: 'planDetail' | 'placementDetail';
    what: string;
    rows: Sen2Modules['planDetail'] | Sen2Modules['placementDetail'];
  }[] = [
    { module: 'planDetail', what: 'The plan detail', rows: modules.planDetail },
    { module: 'placementDetail', what: 'The placement detail', rows: modules.placementDetail },
  ];
  for (const { module, what, rows } of settings) {
    for (const row of rows) {
      const setting = empty(row.SettingName) ? '' : ` for ${String(row.SettingName)}`;
      if (empty(row.URN) && empty(row.UKPRN) && empty(row.SENsetting))
        add(
          'placement-setting',
          module,
          row.ref,
          'URN',
          `${what}${setting} has no URN, UKPRN or SEN setting – record the setting’s URN (or UKPRN), or the type of setting if it has neither`,
        );
      if (!empty(row.URN) && !/^\d{6,7}$/.test(String(row.URN)))
        add(
          'valid-codes',
          module,
          row.ref,
          'URN',
          `${String(row.URN)} is not a URN – a URN has 6 or 7 digits`,
        );
      if (!empty(row.UKPRN) && !/^1\d{7}$/.test(String(row.UKPRN)))
        add(
          'valid-codes',
          module,
          row.ref,
          'UKPRN',
          `${String(row.UKPRN)} is not a UKPRN – a UKPRN has 8 digits, starting with 1`,
        );
      if (!empty(row.SENsetting) && !isSen2Code(SEN_SETTINGS, row.SENsetting))
        add(
          'valid-codes',
          module,
          row.ref,
          'SENsetting',
          `${String(row.SENsetting)} is not an SEN setting – use one of ${label(SEN_SETTINGS)}`,
        );
    }
  }

  // ---------------------------------------------------------------- SEN needs of each active plan
  const needsByPlan = new Map<string, Sen2Modules['senNeed']>();
  for (const need of modules.senNeed) {
    const id = String(need.RequestID);
    const list = needsByPlan.get(id) ?? [];
    list.push(need);
    needsByPlan.set(id, list);
    if (!isSen2Code(SEN_TYPES, need.SENtype))
      add(
        'valid-codes',
        'senNeed',
        need.ref,
        'SENtype',
        `${empty(need.SENtype) ? 'The SEN type is missing' : `${String(need.SENtype)} is not an SEN type`} – use one of ${label(SEN_TYPES)}`,
      );
    if (!isSen2Code(SEN_NEED_RANKS, need.SENtypeRank))
      add(
        'sen-needs',
        'senNeed',
        need.ref,
        'SENtypeRank',
        `The SEN need’s rank must be 1 (primary) or 2 (secondary), not ${empty(need.SENtypeRank) ? 'empty' : String(need.SENtypeRank)}`,
      );
  }
  for (const activePlan of modules.activePlans) {
    const needs = needsByPlan.get(String(activePlan.RequestID)) ?? [];
    const ranks = needs.map((need) => need.SENtypeRank);
    if (needs.length > 2)
      add(
        'sen-needs',
        'senNeed',
        activePlan.ref,
        null,
        `The plan has ${needs.length} SEN needs – SEN2 takes at most 2, a primary and a secondary need`,
      );
    if (!ranks.includes(1))
      add(
        'sen-needs',
        'senNeed',
        activePlan.ref,
        'SENtypeRank',
        'The plan has no primary need (rank 1) – record the child’s or young person’s primary need',
      );
    for (const rank of [1, 2])
      if (ranks.filter((r) => r === rank).length > 1)
        add(
          'sen-needs',
          'senNeed',
          activePlan.ref,
          'SENtypeRank',
          `More than one SEN need has rank ${rank} – rank one need 1 (primary) and at most one 2 (secondary)`,
        );
  }

  function outcomeChecks(
    module: ModuleKey,
    what: 'request' | 'assessment',
    ref: RecordRef,
    outcome: Cell,
    date: Cell,
    list: readonly Sen2Code[],
    outcomeField: string,
    dateField: string,
  ) {
    if (!isSen2Code(list, outcome)) {
      add(
        'valid-codes',
        module,
        ref,
        outcomeField,
        `${empty(outcome) ? `The ${what} outcome is missing` : `${String(outcome)} is not a ${what} outcome`} – use one of ${label(list)}`,
      );
      return;
    }
    if ((outcome === 'Y' || outcome === 'N') && empty(date))
      add(
        'outcome-date',
        module,
        ref,
        dateField,
        `The ${what} outcome is ${outcome} but there is no outcome date – record the date it was notified`,
      );
    else if (outcome !== 'Y' && outcome !== 'N' && !empty(date))
      add(
        'outcome-date',
        module,
        ref,
        dateField,
        `The ${what} outcome is ${String(outcome)}, which has no outcome date, but one is given`,
      );
    else if (!empty(date) && (typeof date !== 'string' || !isIsoDate(date)))
      add('valid-codes', module, ref, dateField, `The ${what} outcome date is not a real date`);
  }

  const order = new Map<string, number>(SEN2_RULES.map((rule, index) => [rule.id, index]));
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        (order.get(a.issue.rule) ?? 0) - (order.get(b.issue.rule) ?? 0) ||
        byCode(a.issue.reference ?? '', b.issue.reference ?? '') ||
        a.index - b.index,
    )
    .map((entry) => entry.issue);
}

/** How many issues each rule has, every rule listed (0 where the return passes it). */
export function issueCountsByRule(
  issues: readonly Sen2Issue[],
): { rule: (typeof SEN2_RULES)[number]; count: number }[] {
  const counts = new Map<string, number>();
  for (const issue of issues) counts.set(issue.rule, (counts.get(issue.rule) ?? 0) + 1);
  return SEN2_RULES.map((rule) => ({ rule, count: counts.get(rule.id) ?? 0 }));
}
