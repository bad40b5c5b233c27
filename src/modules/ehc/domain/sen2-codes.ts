/**
 * The SEN2 code lists the EHC casework records, as data. Codes are exactly those of the SEN2 part of
 * shared/design/statistics-and-sen2.md ("Code lists" and the request module); nothing here is added to them.
 * Labels come from the same page where it gives them, otherwise from the data guidance in the DfE release
 * shared/data/dfe/education-health-and-care-plans_2025.zip (column descriptions and footnotes), and for SEN
 * settings from DfE's "Special educational needs person level survey 2025: guide" (items 4.7c and 5.7c),
 * written in sentence case.
 *
 * Numeric codes are numbers, letter codes strings, as in the return; a form's string value is converted
 * before it is checked with isSen2Code.
 *
 * Not here because the references do not list them: sex and ethnicity codes, and reason-UPN/ULN-unknown codes.
 */

export type Sen2Code<C extends string | number = string | number> = {
  readonly code: C;
  readonly label: string;
};

/** SEN need: the SEN type of each need in a plan (SEN need module), ranked 1 primary, 2 secondary. */
export const SEN_TYPES = [
  { code: 'SPLD', label: 'Specific learning difficulty' },
  { code: 'MLD', label: 'Moderate learning difficulty' },
  { code: 'SLD', label: 'Severe learning difficulty' },
  { code: 'PMLD', label: 'Profound and multiple learning difficulty' },
  { code: 'SEMH', label: 'Social, emotional and mental health' },
  { code: 'SLCN', label: 'Speech, language and communication needs' },
  { code: 'HI', label: 'Hearing impairment' },
  { code: 'VI', label: 'Visual impairment' },
  { code: 'MSI', label: 'Multisensory impairment' },
  { code: 'PD', label: 'Physical disability' },
  { code: 'ASD', label: 'Autistic spectrum disorder' },
  // Published statistics count Down syndrome under "other difficulty/disability" (data guidance footnote).
  { code: 'DS', label: 'Down syndrome' },
  { code: 'OTH', label: 'Other difficulty or disability' },
] as const satisfies readonly Sen2Code<string>[];
export type SenType = (typeof SEN_TYPES)[number]['code'];

/** SEN need rank: SEN2 takes at most two needs per plan. */
export const SEN_NEED_RANKS = [
  { code: 1, label: 'Primary need' },
  { code: 2, label: 'Secondary need' },
] as const satisfies readonly Sen2Code<number>[];
export type SenNeedRank = (typeof SEN_NEED_RANKS)[number]['code'];

/** Request module: who made the request for an EHC needs assessment. */
export const REQUEST_SOURCES = [
  { code: 1, label: 'Parent or young person' },
  { code: 2, label: 'Setting' },
  { code: 3, label: 'Health' },
  { code: 4, label: 'Social care' },
  { code: 5, label: 'Other' },
] as const satisfies readonly Sen2Code<number>[];
export type RequestSource = (typeof REQUEST_SOURCES)[number]['code'];

/**
 * Request module: the outcome of the request (the decision whether to assess). Keep the original outcome when
 * a refusal is later overturned, and set the mediation and tribunal indicators instead.
 */
export const REQUEST_OUTCOMES = [
  { code: 'Y', label: 'Decided to carry out an EHC needs assessment' },
  { code: 'N', label: 'Decided not to carry out an EHC needs assessment' },
  { code: 'A', label: 'Not yet decided' },
  { code: 'W', label: 'Withdrawn or ceased before the decision' },
  { code: 'H', label: 'Historical' },
] as const satisfies readonly Sen2Code<string>[];
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number]['code'];

/**
 * Assessment module: the outcome of the assessment, dated the day the plan was issued (Y) or the no-plan notice
 * sent (N); A, W and H have no outcome date. W also closes a case withdrawn or moved away before the decision.
 */
export const ASSESSMENT_OUTCOMES = [
  { code: 'Y', label: 'EHC plan issued' },
  { code: 'N', label: 'Decided not to issue an EHC plan' },
  { code: 'A', label: 'Not yet decided' },
  { code: 'W', label: 'Withdrawn or ceased before the decision' },
  { code: 'H', label: 'Historical' },
] as const satisfies readonly Sen2Code<string>[];
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number]['code'];

/** Named plan module: why a plan ceased. */
export const CEASE_REASONS = [
  { code: 1, label: 'Reached maximum age' },
  { code: 2, label: 'Educational or training needs met without a plan' },
  { code: 3, label: 'Moved on to higher education' },
  { code: 4, label: 'Moved on to paid employment' },
  { code: 5, label: 'Moved to another local authority in England' },
  { code: 6, label: 'Young person no longer wishes to engage in education or training' },
  { code: 7, label: 'Moved outside England' },
  { code: 8, label: 'Died' },
  { code: 9, label: 'Other' },
] as const satisfies readonly Sen2Code<number>[];
export type CeaseReason = (typeof CEASE_REASONS)[number]['code'];

/** Plan detail and placement detail: the SEN setting, given when the setting has no URN or UKPRN. */
export const SEN_SETTINGS = [
  { code: 'OLA', label: 'Other arrangements made by the local authority (section 61, including EOTAS)' },
  {
    code: 'OPA',
    label: 'Other arrangements made by parents or the young person (not elective home education)',
  },
  { code: 'EHE', label: 'Elective home education' },
  { code: 'EYP', label: 'Early years provider with no URN' },
  { code: 'OTH', label: 'Other' },
  { code: 'NEET', label: 'Not in education, employment or training (aged 16 to 25)' },
  { code: 'NIEC', label: 'Not in education or training – notice to cease issued' },
  { code: 'NIEO', label: 'Not in education or training – other' },
] as const satisfies readonly Sen2Code<string>[];
export type SenSetting = (typeof SEN_SETTINGS)[number]['code'];

/** Active plans module: the decision after an annual review. */
export const REVIEW_OUTCOMES = [
  { code: 'A', label: 'Amend the plan' },
  { code: 'C', label: 'Cease the plan' },
  { code: 'M', label: 'Maintain the plan' },
] as const satisfies readonly Sen2Code<string>[];
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number]['code'];

/** Every list, by name, for checks that apply to them all. */
export const SEN2_CODE_LISTS = {
  senTypes: SEN_TYPES,
  senNeedRanks: SEN_NEED_RANKS,
  requestSources: REQUEST_SOURCES,
  requestOutcomes: REQUEST_OUTCOMES,
  assessmentOutcomes: ASSESSMENT_OUTCOMES,
  ceaseReasons: CEASE_REASONS,
  senSettings: SEN_SETTINGS,
  reviewOutcomes: REVIEW_OUTCOMES,
} as const;

export type Sen2CodeOf<L extends readonly Sen2Code[]> = L[number]['code'];

/** True when value is one of the list's codes (compared exactly: 5 is a request source, "5" is not). */
export function isSen2Code<L extends readonly Sen2Code[]>(list: L, value: unknown): value is Sen2CodeOf<L> {
  return list.some((entry) => entry.code === value);
}

/** The label of one of the list's codes. */
export function sen2Label<L extends readonly Sen2Code[]>(list: L, code: Sen2CodeOf<L>): string {
  const entry = list.find((candidate) => candidate.code === code);
  if (!entry) throw new RangeError(`Not a code of this SEN2 list: ${String(code)}`);
  return entry.label;
}
