/**
 * The SEN2 return built from casework rows for a census date. Pure: the repository reads the rows, this
 * decides which requests belong (census.ts, requestInReturn) and what each SEN2 item holds, as the casework
 * stood on the census date (anything dated after it had not happened yet).
 *
 * Nothing is invented to fill a gap: an item the casework does not hold (mediation, tribunal, personal
 * budget, reviews, URN or UKPRN of a setting it has no number for, the header's DMO, DCO and DSCO) is left
 * empty, and validate.ts reports it where a rule needs it.
 */
import { toExcusal, type CaseClockInput } from '../../../ehc/domain/case-clocks.ts';
import type { Excusal } from '../../../ehc/domain/excusals.ts';
import { week20, type Week20 } from '../../../ehc/domain/week20.ts';
import { collectionYearOf, requestInReturn, type CollectionYear } from './census.ts';
import type {
  ActivePlanRecord,
  AssessmentRecord,
  Cell,
  HeaderRecord,
  NamedPlanRecord,
  PlacementDetailRecord,
  PlanDetailRecord,
  RecordRef,
  Sen2Modules,
  SenNeedRecord,
} from './modules.ts';

/** The child's record: ehc_children. */
export type CaseworkChild = {
  childId: string;
  legalGivenNames: string;
  legalFamilyName: string;
  dateOfBirth: string;
  sex: string;
  ethnicity: string | null;
  homePostcode: string | null;
  upn: string | null;
  upnUnknownReason: string | null;
  uln: string | null;
  ulnUnknownReason: string | null;
  /** The setting the child or young person attends now, and its URN when the record has it. */
  settingName: string | null;
  settingUrn: string | null;
};

/** One request for an EHC needs assessment, and what came of it: ehc_cases (and the final plan's setting). */
export type CaseworkCase = {
  caseId: string;
  reference: string;
  childId: string;
  requestSource: number;
  receivedOn: string;
  decisionOutcome: string | null;
  decisionNotifiedOn: string | null;
  noPlanNotifiedOn: string | null;
  finalIssuedOn: string | null;
  /** The setting the final plan names (section I). */
  namedSetting: string | null;
  closedOn: string | null;
  closureReason: string | null;
};

/** A need in ehc_child_needs: SEN type and rank (1 primary, 2 secondary). */
export type CaseworkNeed = { childId: string; rank: number; senType: string };

/** An exception recorded against one deadline of a case (ehc_excusals). */
export type CaseworkExcusal = CaseClockInput['excusals'][number] & { caseId: string };

export type Sen2CaseworkInput = {
  children: readonly CaseworkChild[];
  cases: readonly CaseworkCase[];
  needs: readonly CaseworkNeed[];
  excusals: readonly CaseworkExcusal[];
};

export type Sen2Census = {
  censusDate: string;
  /** The DfE's three-digit LA number (config: area.laCode). */
  laNumber: string;
  softwareCode: string;
  release: string;
  /** The file's serial number: one more than the files made before for this census date. */
  serialNo: number | null;
  /** When the return was generated, as YYYY-MM-DDThh:mm:ss in England. */
  generatedAt: string;
};

export type Sen2Return = {
  census: Sen2Census;
  collectionYear: CollectionYear;
  modules: Sen2Modules;
};

type RequestOutcomeCode = 'Y' | 'N' | 'A' | 'W' | 'H';

/** The request's outcome on the census date: the decision whether to assess, and its date. */
export function requestOutcomeOn(
  c: CaseworkCase,
  censusDate: string,
): { outcome: RequestOutcomeCode; date: string | null } {
  const by = (date: string | null): date is string => date !== null && date <= censusDate;
  if (by(c.decisionNotifiedOn) && c.decisionOutcome === 'assess')
    return { outcome: 'Y', date: c.decisionNotifiedOn };
  if (by(c.decisionNotifiedOn) && c.decisionOutcome === 'not-assess')
    return { outcome: 'N', date: c.decisionNotifiedOn };
  if (by(c.closedOn) && isWithdrawal(c)) return { outcome: 'W', date: null };
  // A plan with no decision recorded was brought across from before the casework: the request is history.
  if (by(c.finalIssuedOn)) return { outcome: 'H', date: null };
  return { outcome: 'A', date: null };
}

/** The assessment's outcome on the census date: plan issued (Y) or not (N), and its date. */
export function assessmentOutcomeOn(
  c: CaseworkCase,
  censusDate: string,
): { outcome: 'Y' | 'N' | 'A' | 'W'; date: string | null } {
  const by = (date: string | null): date is string => date !== null && date <= censusDate;
  if (by(c.finalIssuedOn)) return { outcome: 'Y', date: c.finalIssuedOn };
  if (by(c.noPlanNotifiedOn)) return { outcome: 'N', date: c.noPlanNotifiedOn };
  if (by(c.closedOn) && isWithdrawal(c)) return { outcome: 'W', date: null };
  return { outcome: 'A', date: null };
}

/** Withdrawn, or moved out of the area, before the process finished: SEN2's W. */
function isWithdrawal(c: CaseworkCase): boolean {
  return c.closureReason === 'withdrawn' || c.closureReason === 'moved-out';
}

/** Week20 for an outcome with a date, from the excusals recorded against its deadline; null if it cannot be worked out. */
function week20For(
  c: CaseworkCase,
  outcome: 'Y' | 'N',
  date: string,
  excusals: readonly Excusal[],
): Week20 | null {
  try {
    return week20({
      assessmentOutcome: outcome,
      requestReceivedOn: c.receivedOn,
      assessmentOutcomeDate: date,
      excusals,
    });
  } catch {
    // No statutory rule in force for the date (a request before September 2014): nothing true to say.
    return null;
  }
}

function sameSetting(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Names in alphabetical order (one collator: localeCompare makes one a call); dates and codes by code point. */
const names = new Intl.Collator('en-GB');
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const newest = (a: CaseworkCase, b: CaseworkCase) =>
  byCode(b.receivedOn, a.receivedOn) || byCode(a.reference, b.reference);

export function buildSen2Return(input: Sen2CaseworkInput, census: Sen2Census): Sen2Return {
  const { censusDate } = census;
  const collectionYear = collectionYearOf(censusDate);
  const header: HeaderRecord = {
    Collection: 'SEN2',
    Year: Number(censusDate.slice(0, 4)),
    ReferenceDate: censusDate,
    LEA: census.laNumber,
    SoftwareCode: census.softwareCode,
    Release: census.release,
    SerialNo: census.serialNo,
    DateTime: census.generatedAt,
    // Whether the area has a Designated Medical, Clinical and Social Care Officer: not held by casework.
    DMO: null,
    DCO: null,
    DSCO: null,
  };

  const children = new Map(input.children.map((child) => [child.childId, child]));
  const excusalsByCase = new Map<string, Excusal[]>();
  for (const row of input.excusals) {
    const list = excusalsByCase.get(row.caseId) ?? [];
    list.push(toExcusal(row));
    excusalsByCase.set(row.caseId, list);
  }
  const needsByChild = new Map<string, CaseworkNeed[]>();
  for (const need of input.needs) {
    const list = needsByChild.get(need.childId) ?? [];
    list.push(need);
    needsByChild.set(need.childId, list);
  }

  // The requests in the return, each child's together, newest first.
  const casesByChild = new Map<string, CaseworkCase[]>();
  for (const c of input.cases) {
    if (!requestInReturn(c, censusDate) || c.receivedOn > censusDate) continue;
    const list = casesByChild.get(c.childId) ?? [];
    list.push(c);
    casesByChild.set(c.childId, list);
  }

  const modules: Sen2Modules = {
    header: [header],
    person: [],
    requests: [],
    assessment: [],
    namedPlan: [],
    planDetail: [],
    activePlans: [],
    placementDetail: [],
    senNeed: [],
  };

  const childOrder = [...casesByChild.keys()].sort((a, b) => {
    const ca = children.get(a);
    const cb = children.get(b);
    return (
      names.compare(ca?.legalFamilyName ?? '', cb?.legalFamilyName ?? '') ||
      names.compare(ca?.legalGivenNames ?? '', cb?.legalGivenNames ?? '') ||
      byCode(a, b)
    );
  });

  for (const childId of childOrder) {
    const child = children.get(childId);
    const cases = (casesByChild.get(childId) ?? []).sort(newest);
    const latest = cases[0] as CaseworkCase;
    if (child) {
      const upnMissing = child.upn === null;
      const ulnMissing = child.uln === null;
      modules.person.push({
        ref: { childId, caseId: latest.caseId, reference: latest.reference },
        reasons: { upn: child.upnUnknownReason, uln: child.ulnUnknownReason },
        PersonID: childId,
        Surname: child.legalFamilyName,
        Forename: child.legalGivenNames,
        PersonBirthDate: child.dateOfBirth,
        Sex: child.sex,
        Ethnicity: child.ethnicity,
        PostCode: child.homePostcode,
        UPN: child.upn,
        UniqueLearnerNumber: child.uln,
        // One item for both: the UPN's reason when it is missing, else the ULN's.
        UPNunknown:
          (upnMissing ? child.upnUnknownReason : null) ?? (ulnMissing ? child.ulnUnknownReason : null),
      });
    }
    // Oldest first within a person, as the requests were made.
    for (const c of [...cases].reverse()) {
      const ref: RecordRef = { childId, caseId: c.caseId, reference: c.reference };
      const request = requestOutcomeOn(c, censusDate);
      modules.requests.push({
        ref,
        PersonID: childId,
        RequestID: c.reference,
        ReceivedDate: c.receivedOn,
        RequestSource: c.requestSource,
        RYA: null,
        RequestOutcomeDate: request.date,
        RequestOutcome: request.outcome,
        RequestMediation: null,
        RequestTribunal: null,
        Exported: null,
      });
      if (request.outcome !== 'Y' && request.outcome !== 'H') continue;

      const assessment = assessmentOutcomeOn(c, censusDate);
      const excusals = excusalsByCase.get(c.caseId) ?? [];
      const flag: Cell =
        assessment.outcome === 'Y' || assessment.outcome === 'N'
          ? week20For(c, assessment.outcome, assessment.date as string, excusals)
          : null;
      const assessmentRecord: AssessmentRecord = {
        ref,
        RequestID: c.reference,
        AssessmentOutcome: assessment.outcome,
        AssessmentOutcomeDate: assessment.date,
        AssessmentMediation: null,
        AssessmentTribunal: null,
        OtherMediation: null,
        OtherTribunal: null,
        Week20: flag,
      };
      modules.assessment.push(assessmentRecord);
      if (assessment.outcome !== 'Y') continue;

      // A plan issued by the census date: the named plan, and (no plan ceases in the casework) an active plan.
      const namedPlan: NamedPlanRecord = {
        ref,
        RequestID: c.reference,
        StartDate: c.finalIssuedOn,
        PlanRes: null,
        PlanWBP: null,
        PB: null,
        OA: null,
        DP: null,
        CeaseDate: null,
        CeaseReason: null,
      };
      modules.namedPlan.push(namedPlan);
      if (c.namedSetting !== null) {
        // The named setting's URN is known only when it is the setting the child's record holds a URN for.
        const urn = sameSetting(c.namedSetting, child?.settingName ?? null)
          ? (child?.settingUrn ?? null)
          : null;
        const planDetail: PlanDetailRecord = {
          ref,
          RequestID: c.reference,
          SettingName: c.namedSetting,
          URN: urn,
          UKPRN: null,
          SENsetting: null,
          SENsettingOther: null,
          // The plan names one setting.
          PlacementRank: 1,
          SENunitIndicator: null,
          ResourcedProvisionIndicator: null,
        };
        modules.planDetail.push(planDetail);
      }

      const activePlan: ActivePlanRecord = {
        ref,
        RequestID: c.reference,
        TransferLA: null,
        ReviewMeeting: null,
        ReviewOutcome: null,
        ReviewDraft: null,
        PhaseTransferDueDate: null,
        PhaseTransferFinalDate: null,
        LastReview: null,
      };
      modules.activePlans.push(activePlan);
      if (child && (child.settingName !== null || child.settingUrn !== null)) {
        // Where the child or young person is now, from their record (its start date is not recorded).
        const placement: PlacementDetailRecord = {
          ref,
          RequestID: c.reference,
          SettingName: child.settingName,
          URN: child.settingUrn,
          UKPRN: null,
          SENsetting: null,
          SENsettingOther: null,
          PlacementRank: 1,
          EntryDate: null,
          LeavingDate: null,
          SENunitIndicator: null,
          ResourcedProvisionIndicator: null,
          RES: null,
          WBP: null,
        };
        modules.placementDetail.push(placement);
      }
      const needs = [...(needsByChild.get(childId) ?? [])].sort((a, b) => a.rank - b.rank);
      for (const need of needs) {
        const senNeed: SenNeedRecord = {
          ref,
          RequestID: c.reference,
          SENtype: need.senType,
          SENtypeRank: need.rank,
        };
        modules.senNeed.push(senNeed);
      }
    }
  }
  return { census, collectionYear, modules };
}
