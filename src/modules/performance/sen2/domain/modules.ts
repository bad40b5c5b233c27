/**
 * The SEN2 return's modules, as statistics-and-sen2.md sets them out: header → person → requests →
 * assessment → named plan → plan detail; and requests → active plans → placement detail, SEN need.
 *
 * Each module's SEN2 items are named as the DfE's XML items are (Surname, PersonBirthDate, ReceivedDate,
 * RequestOutcome, Week20, StartDate, SENsetting, SENtypeRank …), in the order the shared design lists them.
 * The DfE nests the modules in one XML file; flat CSV files need keys instead, so each module except the header
 * starts with local key columns (PersonID, RequestID, and for the setting modules the setting's name) that are
 * not SEN2 items: LOCAL_COLUMNS names them, and README.txt in the zip says so.
 */

/** A cell of the return: a code, a number, a 'YYYY-MM-DD' date, or null where casework holds nothing. */
export type Cell = string | number | null;

export const MODULE_KEYS = [
  'header',
  'person',
  'requests',
  'assessment',
  'namedPlan',
  'planDetail',
  'activePlans',
  'placementDetail',
  'senNeed',
] as const;
export type ModuleKey = (typeof MODULE_KEYS)[number];

export const HEADER_COLUMNS = [
  'Collection',
  'Year',
  'ReferenceDate',
  'LEA',
  'SoftwareCode',
  'Release',
  'SerialNo',
  'DateTime',
  'DMO',
  'DCO',
  'DSCO',
] as const;

export const PERSON_COLUMNS = [
  'PersonID',
  'Surname',
  'Forename',
  'PersonBirthDate',
  'Sex',
  'Ethnicity',
  'PostCode',
  'UPN',
  'UniqueLearnerNumber',
  'UPNunknown',
] as const;

export const REQUEST_COLUMNS = [
  'PersonID',
  'RequestID',
  'ReceivedDate',
  'RequestSource',
  'RYA',
  'RequestOutcomeDate',
  'RequestOutcome',
  'RequestMediation',
  'RequestTribunal',
  'Exported',
] as const;

export const ASSESSMENT_COLUMNS = [
  'RequestID',
  'AssessmentOutcome',
  'AssessmentOutcomeDate',
  'AssessmentMediation',
  'AssessmentTribunal',
  'OtherMediation',
  'OtherTribunal',
  'Week20',
] as const;

export const NAMED_PLAN_COLUMNS = [
  'RequestID',
  'StartDate',
  'PlanRes',
  'PlanWBP',
  'PB',
  'OA',
  'DP',
  'CeaseDate',
  'CeaseReason',
] as const;

export const PLAN_DETAIL_COLUMNS = [
  'RequestID',
  'SettingName',
  'URN',
  'UKPRN',
  'SENsetting',
  'SENsettingOther',
  'PlacementRank',
  'SENunitIndicator',
  'ResourcedProvisionIndicator',
] as const;

export const ACTIVE_PLAN_COLUMNS = [
  'RequestID',
  'TransferLA',
  'ReviewMeeting',
  'ReviewOutcome',
  'ReviewDraft',
  'PhaseTransferDueDate',
  'PhaseTransferFinalDate',
  'LastReview',
] as const;

export const PLACEMENT_DETAIL_COLUMNS = [
  'RequestID',
  'SettingName',
  'URN',
  'UKPRN',
  'SENsetting',
  'SENsettingOther',
  'PlacementRank',
  'EntryDate',
  'LeavingDate',
  'SENunitIndicator',
  'ResourcedProvisionIndicator',
  'RES',
  'WBP',
] as const;

export const SEN_NEED_COLUMNS = ['RequestID', 'SENtype', 'SENtypeRank'] as const;

/** Keys between modules and the setting's name: the platform's, not SEN2 items. */
export const LOCAL_COLUMNS: readonly string[] = ['PersonID', 'RequestID', 'SettingName'];

type RecordOf<C extends readonly string[]> = { [K in C[number]]: Cell };

/** Where a record's data is fixed: the child's record and the case it came from (for the report's link). */
export type RecordRef = { childId: string | null; caseId: string | null; reference: string | null };

export type HeaderRecord = RecordOf<typeof HEADER_COLUMNS>;
export type PersonRecord = RecordOf<typeof PERSON_COLUMNS> & {
  ref: RecordRef;
  /** Why each identifier is not known, as the child's record holds it; UPNunknown carries one of them. */
  reasons: { upn: string | null; uln: string | null };
};
export type RequestRecord = RecordOf<typeof REQUEST_COLUMNS> & { ref: RecordRef };
export type AssessmentRecord = RecordOf<typeof ASSESSMENT_COLUMNS> & { ref: RecordRef };
export type NamedPlanRecord = RecordOf<typeof NAMED_PLAN_COLUMNS> & { ref: RecordRef };
export type PlanDetailRecord = RecordOf<typeof PLAN_DETAIL_COLUMNS> & { ref: RecordRef };
export type ActivePlanRecord = RecordOf<typeof ACTIVE_PLAN_COLUMNS> & { ref: RecordRef };
export type PlacementDetailRecord = RecordOf<typeof PLACEMENT_DETAIL_COLUMNS> & { ref: RecordRef };
export type SenNeedRecord = RecordOf<typeof SEN_NEED_COLUMNS> & { ref: RecordRef };

export type Sen2Modules = {
  header: HeaderRecord[];
  person: PersonRecord[];
  requests: RequestRecord[];
  assessment: AssessmentRecord[];
  namedPlan: NamedPlanRecord[];
  planDetail: PlanDetailRecord[];
  activePlans: ActivePlanRecord[];
  placementDetail: PlacementDetailRecord[];
  senNeed: SenNeedRecord[];
};

export type ModuleSpec = {
  key: ModuleKey;
  /** The module's name as the DfE guide and statistics-and-sen2.md use it. */
  title: string;
  fileName: string;
  columns: readonly string[];
  /** The module it hangs from in the SEN2 tree. */
  parent: ModuleKey | null;
};

export const MODULES: readonly ModuleSpec[] = [
  { key: 'header', title: 'Header', fileName: '01-header.csv', columns: HEADER_COLUMNS, parent: null },
  { key: 'person', title: 'Person', fileName: '02-person.csv', columns: PERSON_COLUMNS, parent: 'header' },
  {
    key: 'requests',
    title: 'Requests',
    fileName: '03-requests.csv',
    columns: REQUEST_COLUMNS,
    parent: 'person',
  },
  {
    key: 'assessment',
    title: 'Assessment',
    fileName: '04-assessment.csv',
    columns: ASSESSMENT_COLUMNS,
    parent: 'requests',
  },
  {
    key: 'namedPlan',
    title: 'Named plan',
    fileName: '05-named-plan.csv',
    columns: NAMED_PLAN_COLUMNS,
    parent: 'assessment',
  },
  {
    key: 'planDetail',
    title: 'Plan detail',
    fileName: '06-plan-detail.csv',
    columns: PLAN_DETAIL_COLUMNS,
    parent: 'namedPlan',
  },
  {
    key: 'activePlans',
    title: 'Active plans',
    fileName: '07-active-plans.csv',
    columns: ACTIVE_PLAN_COLUMNS,
    parent: 'requests',
  },
  {
    key: 'placementDetail',
    title: 'Placement detail',
    fileName: '08-placement-detail.csv',
    columns: PLACEMENT_DETAIL_COLUMNS,
    parent: 'activePlans',
  },
  {
    key: 'senNeed',
    title: 'SEN need',
    fileName: '09-sen-need.csv',
    columns: SEN_NEED_COLUMNS,
    parent: 'activePlans',
  },
];

export function moduleSpec(key: ModuleKey): ModuleSpec {
  const spec = MODULES.find((m) => m.key === key);
  if (!spec) throw new RangeError(`No SEN2 module ${key}`);
  return spec;
}
