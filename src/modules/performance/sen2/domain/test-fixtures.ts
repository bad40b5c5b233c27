/**
 * Hand-made casework for the SEN2 unit tests: census date 15 January 2026, collection year 2025. Each case is
 * one situation the return has to get right; the expected records are worked out by hand in the tests.
 */
import { upnCheckLetter } from '../../../ehc/domain/identifiers.ts';
import type { CaseworkCase, CaseworkChild, Sen2CaseworkInput, Sen2Census } from './build.ts';

export const CENSUS: Sen2Census = {
  censusDate: '2026-01-15',
  laNumber: '999',
  softwareCode: 'SEND Partnership Platform',
  release: '0.1.0',
  serialNo: 3,
  generatedAt: '2026-01-20T09:30:00',
};

const body = '999201216001';
/** A UPN with a valid check letter (LA 999, which no local authority has). */
export const VALID_UPN = `${upnCheckLetter(body)}${body}`;

export function child(id: string, overrides: Partial<CaseworkChild> = {}): CaseworkChild {
  return {
    childId: id,
    legalGivenNames: `Given ${id}`,
    legalFamilyName: `Family ${id}`,
    dateOfBirth: '2016-05-10',
    sex: 'F',
    ethnicity: 'WBRI',
    homePostcode: 'WV1 1AA',
    upn: null,
    upnUnknownReason: 'not-yet-allocated',
    uln: null,
    ulnUnknownReason: 'not-yet-14',
    settingName: null,
    settingUrn: null,
    ...overrides,
  };
}

export function request(id: string, childId: string, overrides: Partial<CaseworkCase> = {}): CaseworkCase {
  return {
    caseId: `case-${id}`,
    reference: `EHC-${id}`,
    childId,
    requestSource: 1,
    receivedOn: '2025-03-03',
    decisionOutcome: null,
    decisionNotifiedOn: null,
    noPlanNotifiedOn: null,
    finalIssuedOn: null,
    namedSetting: null,
    closedOn: null,
    closureReason: null,
    ...overrides,
  };
}

export function casework(): Sen2CaseworkInput {
  return {
    children: [
      child('a', {
        legalFamilyName: 'Able',
        upn: VALID_UPN,
        upnUnknownReason: null,
        settingName: 'Demo Oak Primary School',
        settingUrn: '123456',
      }),
      child('b', { legalFamilyName: 'Baker' }),
      child('c', { legalFamilyName: 'Cole' }),
      child('d', { legalFamilyName: 'Dale' }),
      child('e', {
        legalFamilyName: 'Evans',
        dateOfBirth: '2011-02-01',
        settingName: 'Demo Park High School',
      }),
      child('f', { legalFamilyName: 'Ford' }),
      child('g', { legalFamilyName: 'Gray' }),
      child('h', { legalFamilyName: 'Hill' }),
      child('i', { legalFamilyName: 'Ince', dateOfBirth: '2008-07-01' }),
      child('j', { legalFamilyName: 'Jones' }),
      child('k', { legalFamilyName: 'King' }),
    ],
    cases: [
      // Plan issued in week 21, with a 20-week exception (reg 10(4)(d)) made out: Week20 = 1.
      request('a1', 'a', {
        receivedOn: '2025-01-06',
        decisionOutcome: 'assess',
        decisionNotifiedOn: '2025-02-10',
        finalIssuedOn: '2025-06-02',
        namedSetting: 'Demo Oak Primary School',
        closedOn: '2025-06-02',
      }),
      // Decided not to assess.
      request('b1', 'b', {
        requestSource: 2,
        receivedOn: '2025-03-03',
        decisionOutcome: 'not-assess',
        decisionNotifiedOn: '2025-04-07',
        closedOn: '2025-04-07',
      }),
      // Awaiting the decision at the census date.
      request('c1', 'c', { receivedOn: '2025-11-03' }),
      // Withdrawn before the decision.
      request('d1', 'd', {
        receivedOn: '2025-02-03',
        closedOn: '2025-03-03',
        closureReason: 'withdrawn',
      }),
      // A plan from 2019, active at the census date; the plan named another school than the one attended now.
      request('e1', 'e', {
        receivedOn: '2019-01-07',
        decisionOutcome: 'assess',
        decisionNotifiedOn: '2019-02-11',
        finalIssuedOn: '2019-05-20',
        namedSetting: 'Demo Heath Academy',
        closedOn: '2019-05-20',
      }),
      // Received and closed in 2024: in the 2025 return, not this one.
      request('f1', 'f', {
        receivedOn: '2024-03-04',
        decisionOutcome: 'not-assess',
        decisionNotifiedOn: '2024-04-08',
        closedOn: '2024-04-08',
      }),
      // Received after the collection year.
      request('g1', 'g', { receivedOn: '2026-01-05' }),
      // Decided to assess; the plan was issued after the census date, so on the census date it was not decided.
      request('h1', 'h', {
        receivedOn: '2025-09-01',
        decisionOutcome: 'assess',
        decisionNotifiedOn: '2025-10-06',
        finalIssuedOn: '2026-02-02',
        namedSetting: 'Demo Willow Infant School',
        closedOn: '2026-02-02',
      }),
      // A plan brought across from before the casework, with no decision recorded; no setting on the record.
      request('i1', 'i', {
        receivedOn: '2020-02-03',
        finalIssuedOn: '2020-07-06',
        closedOn: '2020-07-06',
      }),
      // Moved out of the area during the assessment.
      request('j1', 'j', {
        receivedOn: '2025-04-07',
        decisionOutcome: 'assess',
        decisionNotifiedOn: '2025-05-12',
        closedOn: '2025-08-04',
        closureReason: 'moved-out',
      }),
      // Assessed, and decided not to issue a plan (within 16 weeks: due 5 May 2025).
      request('k1', 'k', {
        receivedOn: '2025-01-13',
        decisionOutcome: 'assess',
        decisionNotifiedOn: '2025-02-17',
        noPlanNotifiedOn: '2025-05-05',
        closedOn: '2025-05-05',
      }),
    ],
    needs: [
      { childId: 'a', rank: 2, senType: 'SLCN' },
      { childId: 'a', rank: 1, senType: 'ASD' },
      { childId: 'e', rank: 1, senType: 'MLD' },
      { childId: 'i', rank: 1, senType: 'SLD' },
    ],
    excusals: [
      {
        caseId: 'case-a1',
        ruleId: 'final-plan',
        subjectId: null,
        type: '10(4)(d)',
        fromOn: '2025-03-01',
        toOn: '2025-03-28',
        adviceRequestedOn: null,
        evidence: 'Family abroad for four weeks, tickets on file',
      },
    ],
  };
}
