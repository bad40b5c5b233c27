import { describe, expect, it } from 'vitest';
import { buildSen2Return } from './build.ts';
import { casework, CENSUS, VALID_UPN } from './test-fixtures.ts';
import type { Sen2Modules } from './modules.ts';
import { issueCountsByRule, SEN2_RULES, validateSen2Return, type Sen2RuleId } from './validate.ts';

/** The fixture's return with its two real gaps filled, so that it passes every check. */
function clean(): Sen2Modules {
  const input = casework();
  input.children = input.children.map((c) =>
    c.childId === 'e'
      ? { ...c, settingName: 'Demo Heath Academy', settingUrn: '654321' }
      : c.childId === 'i'
        ? { ...c, settingName: 'Demo Brook Special School', settingUrn: '7654321' }
        : c,
  );
  return buildSen2Return(input, CENSUS).modules;
}

const rulesOf = (modules: Sen2Modules, rule?: Sen2RuleId) =>
  validateSen2Return(modules).filter((issue) => rule === undefined || issue.rule === rule);

const personOf = (m: Sen2Modules, id: string) => {
  const found = m.person.find((p) => p.PersonID === id);
  if (!found) throw new Error(`no person ${id}`);
  return found;
};
const requestOf = (m: Sen2Modules, id: string) => {
  const found = m.requests.find((r) => r.RequestID === id);
  if (!found) throw new Error(`no request ${id}`);
  return found;
};

describe('the checks a return should pass', () => {
  it('passes a return with nothing wrong', () => {
    expect(validateSen2Return(clean())).toEqual([]);
    expect(issueCountsByRule([]).map((c) => c.count)).toEqual(SEN2_RULES.map(() => 0));
  });

  it('reports the two real gaps of the casework, each with the case to fix', () => {
    const issues = validateSen2Return(buildSen2Return(casework(), CENSUS).modules);
    expect(issues.map((i) => [i.rule, i.module, i.reference, i.caseId, i.childId])).toEqual([
      ['active-plan-complete', 'activePlans', 'EHC-i1', 'case-i1', 'i'],
      ['placement-setting', 'planDetail', 'EHC-e1', 'case-e1', 'e'],
      ['placement-setting', 'placementDetail', 'EHC-e1', 'case-e1', 'e'],
    ]);
    expect(issues[1]?.message).toBe(
      'The plan detail for Demo Heath Academy has no URN, UKPRN or SEN setting – record the setting’s URN (or UKPRN), or the type of setting if it has neither',
    );
  });

  it('every person has a request', () => {
    const m = clean();
    expect(rulesOf(m, 'person-has-request')).toEqual([]);
    m.person.push({
      ...personOf(m, 'a'),
      PersonID: 'z',
      UPN: null,
      ref: { childId: 'z', caseId: null, reference: null },
    });
    expect(rulesOf(m, 'person-has-request')).toEqual([
      {
        rule: 'person-has-request',
        message: 'This person has no request in the return',
        module: 'person',
        field: null,
        caseId: null,
        childId: 'z',
        reference: null,
      },
    ]);
  });

  it('each person and each request is in the return once', () => {
    const m = clean();
    expect(rulesOf(m, 'unique-person-request')).toEqual([]);
    // The same child twice; another child with a's UPN; a request twice; two requests of b on one day; a request of no one.
    m.person.push({ ...personOf(m, 'b') });
    personOf(m, 'c').UPN = VALID_UPN;
    m.requests.push({ ...requestOf(m, 'EHC-d1') });
    m.requests.push({
      ...requestOf(m, 'EHC-b1'),
      RequestID: 'EHC-b2',
      ref: { ...requestOf(m, 'EHC-b1').ref, reference: 'EHC-b2' },
    });
    m.requests.push({
      ...requestOf(m, 'EHC-c1'),
      RequestID: 'EHC-x1',
      PersonID: 'nobody',
      ref: { childId: null, caseId: 'case-x1', reference: 'EHC-x1' },
    });
    const found = rulesOf(m, 'unique-person-request').map((i) => [i.module, i.field, i.reference]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['person', 'PersonID', 'EHC-b1'],
        ['person', 'UPN', 'EHC-a1'],
        ['person', 'UPN', 'EHC-c1'],
        ['requests', 'RequestID', 'EHC-d1'],
        ['requests', 'ReceivedDate', 'EHC-b1'],
        ['requests', 'ReceivedDate', 'EHC-b2'],
        ['requests', 'PersonID', 'EHC-x1'],
      ]),
    );
    expect(found).toHaveLength(9); // d1's two copies also share a received date
  });

  it('a UPN or ULN is missing only with a reason', () => {
    const m = clean();
    // b has neither, each with its reason: passes.
    expect(rulesOf(m, 'upn-uln-reason')).toEqual([]);
    personOf(m, 'b').reasons = { upn: null, uln: 'not-yet-14' };
    personOf(m, 'c').reasons = { upn: 'not-yet-allocated', uln: null };
    // a has a UPN: no reason needed for it.
    personOf(m, 'a').reasons = { upn: null, uln: 'not-yet-14' };
    expect(rulesOf(m, 'upn-uln-reason').map((i) => [i.childId, i.field, i.message])).toEqual([
      ['b', 'UPN', 'The UPN is missing and no reason is recorded – enter the UPN, or why it is not known'],
      [
        'c',
        'UniqueLearnerNumber',
        'The ULN is missing and no reason is recorded – enter the ULN, or why it is not known',
      ],
    ]);
  });

  it('ages are from 0 to 25 at the census date (15 January 2026)', () => {
    const m = clean();
    personOf(m, 'a').PersonBirthDate = '2000-01-16'; // 25 until the day after the census date
    personOf(m, 'b').PersonBirthDate = '2026-01-15'; // born on the census date: 0
    expect(rulesOf(m, 'age-0-25')).toEqual([]);
    personOf(m, 'a').PersonBirthDate = '2000-01-15'; // 26 on the census date
    personOf(m, 'b').PersonBirthDate = '2026-01-16';
    expect(rulesOf(m, 'age-0-25').map((i) => [i.childId, i.message])).toEqual([
      [
        'a',
        'The young person is 26 at the census date – SEN2 covers ages 0 to 25, so check the date of birth or whether the plan has ceased',
      ],
      ['b', 'The date of birth (16 January 2026) is after the census date – check it'],
    ]);
  });

  it('outcomes Y and N have an outcome date, and A, W and H have none', () => {
    const m = clean();
    expect(rulesOf(m, 'outcome-date')).toEqual([]);
    requestOf(m, 'EHC-b1').RequestOutcomeDate = null; // N without a date
    requestOf(m, 'EHC-c1').RequestOutcomeDate = '2025-12-01'; // A with one
    const assessment = m.assessment.find((a) => a.RequestID === 'EHC-a1');
    if (assessment) assessment.AssessmentOutcomeDate = null; // Y without a date
    expect(rulesOf(m, 'outcome-date').map((i) => [i.reference, i.module, i.field, i.message])).toEqual([
      [
        'EHC-a1',
        'assessment',
        'AssessmentOutcomeDate',
        'The assessment outcome is Y but there is no outcome date – record the date it was notified',
      ],
      [
        'EHC-b1',
        'requests',
        'RequestOutcomeDate',
        'The request outcome is N but there is no outcome date – record the date it was notified',
      ],
      [
        'EHC-c1',
        'requests',
        'RequestOutcomeDate',
        'The request outcome is A, which has no outcome date, but one is given',
      ],
    ]);
  });

  it('no assessment follows a request outcome of A or W', () => {
    const m = clean();
    expect(rulesOf(m, 'no-assessment-after-a-or-w')).toEqual([]);
    const d1 = requestOf(m, 'EHC-d1'); // withdrawn before the decision
    m.assessment.push({
      ref: d1.ref,
      RequestID: 'EHC-d1',
      AssessmentOutcome: 'W',
      AssessmentOutcomeDate: null,
      AssessmentMediation: null,
      AssessmentTribunal: null,
      OtherMediation: null,
      OtherTribunal: null,
      Week20: null,
    });
    expect(rulesOf(m, 'no-assessment-after-a-or-w').map((i) => [i.reference, i.message])).toEqual([
      [
        'EHC-d1',
        'There is an assessment, but the request outcome is W (withdrawn or ceased before the decision) – check the decision whether to assess',
      ],
    ]);
  });

  it('every active plan has a named plan and placement detail', () => {
    const m = clean();
    expect(rulesOf(m, 'active-plan-complete')).toEqual([]);
    m.namedPlan = m.namedPlan.filter((p) => p.RequestID !== 'EHC-a1');
    m.placementDetail = m.placementDetail.filter((p) => p.RequestID !== 'EHC-e1');
    expect(rulesOf(m, 'active-plan-complete').map((i) => [i.reference, i.message])).toEqual([
      ['EHC-a1', 'The active plan has no named plan – check the final plan was issued'],
      [
        'EHC-e1',
        'The active plan has no placement detail – record the school, college or other setting the child or young person attends',
      ],
    ]);
  });

  it('placement detail has a URN, UKPRN or SEN setting', () => {
    const m = clean();
    const [a, e, i] = m.placementDetail;
    if (!a || !e || !i) throw new Error('three placements expected');
    a.URN = null;
    a.UKPRN = '10012345'; // a college's UKPRN only: passes
    e.URN = null;
    e.SENsetting = 'EHE'; // elective home education: passes
    expect(rulesOf(m, 'placement-setting')).toEqual([]);
    i.URN = null;
    expect(rulesOf(m, 'placement-setting').map((x) => [x.reference, x.module, x.field])).toEqual([
      ['EHC-i1', 'placementDetail', 'URN'],
    ]);
  });

  it('codes are values of the SEN2 code lists', () => {
    const m = clean();
    expect(rulesOf(m, 'valid-codes')).toEqual([]);
    requestOf(m, 'EHC-b1').RequestSource = 7;
    requestOf(m, 'EHC-c1').RequestOutcome = 'X';
    personOf(m, 'd').Ethnicity = null;
    personOf(m, 'a').UPN = `${VALID_UPN.slice(0, 12)}${VALID_UPN.endsWith('1') ? '2' : '1'}`;
    const k1 = m.assessment.find((x) => x.RequestID === 'EHC-k1');
    if (k1) k1.Week20 = null;
    const [named] = m.namedPlan;
    if (named) named.CeaseReason = 10;
    const [placement] = m.placementDetail;
    if (placement) placement.SENsetting = 'HOME';
    const [need] = m.senNeed;
    if (need) need.SENtype = 'ADHD';
    expect(rulesOf(m, 'valid-codes').map((i) => [i.reference, i.field, i.message])).toEqual([
      ['EHC-a1', 'UPN', 'The UPN is not valid – check it against the school’s records'],
      ['EHC-a1', 'CeaseReason', '10 is not a cease reason – use one of 1, 2, 3, 4, 5, 6, 7, 8, 9'],
      [
        'EHC-a1',
        'SENsetting',
        'HOME is not an SEN setting – use one of OLA, OPA, EHE, EYP, OTH, NEET, NIEC, NIEO',
      ],
      [
        'EHC-a1',
        'SENtype',
        'ADHD is not an SEN type – use one of SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, DS, OTH',
      ],
      ['EHC-b1', 'RequestSource', '7 is not a request source – use one of 1, 2, 3, 4, 5'],
      ['EHC-c1', 'RequestOutcome', 'X is not a request outcome – use one of Y, N, A, W, H'],
      [
        'EHC-d1',
        'Ethnicity',
        'Ethnicity is not recorded – record it, or that it is not yet obtained or was refused',
      ],
      [
        'EHC-k1',
        'Week20',
        'Week20 must be 0 or 1 – check the date the request was received and any exceptions recorded',
      ],
    ]);
  });

  it('at most two SEN needs, ranked', () => {
    const m = clean();
    expect(rulesOf(m, 'sen-needs')).toEqual([]);
    const [first] = m.senNeed;
    if (!first) throw new Error('a need expected');
    // a: a third need; e: a second rank 1; i: no primary need.
    m.senNeed.push({ ...first, SENtype: 'HI', SENtypeRank: 2 });
    const e = m.senNeed.find((n) => n.RequestID === 'EHC-e1');
    if (e) m.senNeed.push({ ...e, SENtype: 'VI' });
    const i = m.senNeed.find((n) => n.RequestID === 'EHC-i1');
    if (i) i.SENtypeRank = 2;
    expect(rulesOf(m, 'sen-needs').map((x) => [x.reference, x.message])).toEqual([
      ['EHC-a1', 'The plan has 3 SEN needs – SEN2 takes at most 2, a primary and a secondary need'],
      [
        'EHC-a1',
        'More than one SEN need has rank 2 – rank one need 1 (primary) and at most one 2 (secondary)',
      ],
      [
        'EHC-e1',
        'More than one SEN need has rank 1 – rank one need 1 (primary) and at most one 2 (secondary)',
      ],
      ['EHC-i1', 'The plan has no primary need (rank 1) – record the child’s or young person’s primary need'],
    ]);
  });

  it('counts the problems by rule, every rule listed', () => {
    const counts = issueCountsByRule(validateSen2Return(buildSen2Return(casework(), CENSUS).modules));
    expect(counts.map((c) => [c.rule.id, c.count])).toEqual([
      ['person-has-request', 0],
      ['unique-person-request', 0],
      ['upn-uln-reason', 0],
      ['age-0-25', 0],
      ['outcome-date', 0],
      ['no-assessment-after-a-or-w', 0],
      ['active-plan-complete', 1],
      ['placement-setting', 2],
      ['valid-codes', 0],
      ['sen-needs', 0],
    ]);
  });
});
