import { describe, expect, it } from 'vitest';
import { buildSen2Return } from './build.ts';
import { casework, CENSUS, VALID_UPN } from './test-fixtures.ts';

const ret = buildSen2Return(casework(), CENSUS);
const { modules } = ret;
const byRequest = <T extends { RequestID: unknown }>(rows: T[], id: string) =>
  rows.filter((r) => r.RequestID === id);

describe('the SEN2 return built from casework (census 15 January 2026)', () => {
  it('has the header of the collection', () => {
    expect(modules.header).toEqual([
      {
        Collection: 'SEN2',
        Year: 2026,
        ReferenceDate: '2026-01-15',
        LEA: '999',
        SoftwareCode: 'SEND Partnership Platform',
        Release: '0.1.0',
        SerialNo: 3,
        DateTime: '2026-01-20T09:30:00',
        DMO: null,
        DCO: null,
        DSCO: null,
      },
    ]);
    expect(ret.collectionYear).toEqual({ year: 2025, start: '2025-01-01', end: '2025-12-31' });
  });

  it('has a person for each child with a request in it, and no one else', () => {
    // f's request closed in 2024, g's arrived in 2026.
    expect(modules.person.map((p) => p.Surname)).toEqual([
      'Able',
      'Baker',
      'Cole',
      'Dale',
      'Evans',
      'Hill',
      'Ince',
      'Jones',
      'King',
    ]);
    expect(modules.requests.map((r) => r.RequestID).sort()).toEqual(
      ['a1', 'b1', 'c1', 'd1', 'e1', 'h1', 'i1', 'j1', 'k1'].map((id) => `EHC-${id}`),
    );
  });

  it('copies the person items from the child’s record, and one reason for a missing identifier', () => {
    const [able] = modules.person;
    expect(able).toMatchObject({
      PersonID: 'a',
      Surname: 'Able',
      Forename: 'Given a',
      PersonBirthDate: '2016-05-10',
      Sex: 'F',
      Ethnicity: 'WBRI',
      PostCode: 'WV1 1AA',
      UPN: VALID_UPN,
      UniqueLearnerNumber: null,
      // The UPN is known, the ULN is not: its reason.
      UPNunknown: 'not-yet-14',
      ref: { childId: 'a', caseId: 'case-a1', reference: 'EHC-a1' },
    });
    expect(modules.person.find((p) => p.PersonID === 'b')?.UPNunknown).toBe('not-yet-allocated');
  });

  it('gives each request its outcome on the census date', () => {
    const outcome = (id: string) => {
      const [r] = byRequest(modules.requests, `EHC-${id}`);
      return [r?.RequestOutcome, r?.RequestOutcomeDate];
    };
    expect(outcome('a1')).toEqual(['Y', '2025-02-10']);
    expect(outcome('b1')).toEqual(['N', '2025-04-07']);
    expect(outcome('c1')).toEqual(['A', null]);
    expect(outcome('d1')).toEqual(['W', null]);
    expect(outcome('e1')).toEqual(['Y', '2019-02-11']);
    expect(outcome('h1')).toEqual(['Y', '2025-10-06']);
    // No decision recorded for a plan brought across from before: historical.
    expect(outcome('i1')).toEqual(['H', null]);
    expect(outcome('j1')).toEqual(['Y', '2025-05-12']);
    expect(byRequest(modules.requests, 'EHC-b1')[0]?.RequestSource).toBe(2);
  });

  it('has an assessment for each request decided Y (or historical), with its outcome, date and Week20', () => {
    const assessment = (id: string) => {
      const [a] = byRequest(modules.assessment, `EHC-${id}`);
      return a ? [a.AssessmentOutcome, a.AssessmentOutcomeDate, a.Week20] : null;
    };
    // Issued 2 June 2025, a week late, with a reg 10(4)(d) absence made out: exceptions apply.
    expect(assessment('a1')).toEqual(['Y', '2025-06-02', 1]);
    expect(assessment('e1')).toEqual(['Y', '2019-05-20', 0]);
    // The plan was issued after the census date: not yet decided on it.
    expect(assessment('h1')).toEqual(['A', null, null]);
    expect(assessment('i1')).toEqual(['Y', '2020-07-06', 0]);
    expect(assessment('j1')).toEqual(['W', null, null]);
    expect(assessment('k1')).toEqual(['N', '2025-05-05', 0]);
    expect(assessment('b1')).toBeNull();
    expect(assessment('c1')).toBeNull();
    expect(assessment('d1')).toBeNull();
    expect(modules.assessment).toHaveLength(6);
  });

  it('has a named plan starting the day the final plan was issued, and the setting it names', () => {
    expect(modules.namedPlan.map((p) => [p.RequestID, p.StartDate, p.CeaseDate])).toEqual([
      ['EHC-a1', '2025-06-02', null],
      ['EHC-e1', '2019-05-20', null],
      ['EHC-i1', '2020-07-06', null],
    ]);
    expect(
      modules.planDetail.map((p) => [
        p.RequestID,
        p.SettingName,
        p.URN,
        p.UKPRN,
        p.SENsetting,
        p.PlacementRank,
      ]),
    ).toEqual([
      // The named school is the one the record has a URN for.
      ['EHC-a1', 'Demo Oak Primary School', '123456', null, null, 1],
      // Named another school than the record's: no URN known for it.
      ['EHC-e1', 'Demo Heath Academy', null, null, null, 1],
    ]);
  });

  it('has an active plan for each plan issued by the census date, with its placement and SEN needs', () => {
    expect(modules.activePlans.map((p) => p.RequestID)).toEqual(['EHC-a1', 'EHC-e1', 'EHC-i1']);
    expect(
      modules.placementDetail.map((p) => [p.RequestID, p.SettingName, p.URN, p.PlacementRank, p.EntryDate]),
    ).toEqual([
      ['EHC-a1', 'Demo Oak Primary School', '123456', 1, null],
      ['EHC-e1', 'Demo Park High School', null, 1, null],
      // i's record has no setting: no placement detail to give.
    ]);
    expect(modules.senNeed.map((n) => [n.RequestID, n.SENtype, n.SENtypeRank])).toEqual([
      ['EHC-a1', 'ASD', 1],
      ['EHC-a1', 'SLCN', 2],
      ['EHC-e1', 'MLD', 1],
      ['EHC-i1', 'SLD', 1],
    ]);
  });

  it('invents nothing the casework does not hold', () => {
    for (const r of modules.requests)
      expect([r.RYA, r.RequestMediation, r.RequestTribunal, r.Exported]).toEqual([null, null, null, null]);
    for (const p of modules.namedPlan)
      expect([p.PlanRes, p.PlanWBP, p.PB, p.OA, p.DP, p.CeaseReason]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
    for (const p of modules.activePlans)
      expect(Object.entries(p).filter(([k, v]) => k !== 'ref' && k !== 'RequestID' && v !== null)).toEqual(
        [],
      );
  });

  it('moves the census date and the outcomes move with it', () => {
    const later = buildSen2Return(casework(), { ...CENSUS, censusDate: '2026-02-02' });
    expect(byRequest(later.modules.assessment, 'EHC-h1')[0]?.AssessmentOutcome).toBe('Y');
    expect(later.modules.activePlans.map((p) => p.RequestID)).toContain('EHC-h1');
    // g's request arrived in 2026: still not in this return.
    expect(later.modules.requests.map((r) => r.RequestID)).not.toContain('EHC-g1');
  });
});
