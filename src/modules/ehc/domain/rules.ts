/**
 * The statutory clocks of EHC needs assessments and plans, as data (shared/design/statutory-timescales.md).
 *
 * Each rule is one version of one clock, with its citation and the dates it is in force. A later regime (for
 * example the Individual Support Plans proposed for 2029, not law) is added as a new version beside the old
 * one, with effectiveTo set on the old one: a case keeps the rules in force when its clock started.
 *
 * Sources: Children and Families Act 2014 ("CFA"); SEND Regulations 2014, SI 2014/1530 ("reg"); SEND Code of
 * Practice 0 to 25 (2015, "Code"); Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008;
 * R (L, M and P) v Devon CC [2022] EWHC 493 (Admin).
 */
import { isIsoDate } from '../../../lib/dates.ts';

/** The day the SEND Regulations 2014 came into force (reg 1). */
const SEND_REGULATIONS_2014 = '2014-09-01';

// ---------------------------------------------------------------------------------------------------------
// Exceptions: the regulations' own lists. Recorded against a deadline as excusals (excusals.ts); they never
// stop or move a clock.
// ---------------------------------------------------------------------------------------------------------

export const EXCEPTION_TYPES = [
  '5(4)(a)',
  '5(4)(b)',
  '5(4)(c)',
  '8(2)(a)',
  '8(2)(b)',
  '8(2)(c)',
  '10(4)(a)',
  '10(4)(b)',
  '10(4)(c)',
  '10(4)(d)',
] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

/** What must be true of the dates for the exception to be made out (checked in excusals.ts). */
export type ExceptionCondition =
  | 'setting-closure' // advice asked of a school, college or early years provider closed for 4 weeks or more
  | 'exceptional-circumstances'
  | 'absence-from-area' // a continuous period of at least 4 weeks
  | 'missed-appointment'; // an appointment made by the body asked for advice, within its 6 weeks

export type ExceptionDefinition = {
  type: ExceptionType;
  citation: string;
  condition: ExceptionCondition;
  description: string;
};

export const EXCEPTIONS: Readonly<Record<ExceptionType, ExceptionDefinition>> = {
  '5(4)(a)': {
    type: '5(4)(a)',
    citation: 'SEND Regulations 2014 reg 5(4)(a)',
    condition: 'setting-closure',
    description:
      'Advice was sought from a head teacher or principal around a closure of 4 weeks or more ' +
      '(asked from 1 week before the closure to 1 week before it reopens)',
  },
  '5(4)(b)': {
    type: '5(4)(b)',
    citation: 'SEND Regulations 2014 reg 5(4)(b)',
    condition: 'exceptional-circumstances',
    description: 'Exceptional personal circumstances',
  },
  '5(4)(c)': {
    type: '5(4)(c)',
    citation: 'SEND Regulations 2014 reg 5(4)(c)',
    condition: 'absence-from-area',
    description: 'Absence from the area for 4 weeks or more',
  },
  '8(2)(a)': {
    type: '8(2)(a)',
    citation: 'SEND Regulations 2014 reg 8(2)(a)',
    condition: 'exceptional-circumstances',
    description: 'Exceptional circumstances',
  },
  '8(2)(b)': {
    type: '8(2)(b)',
    citation: 'SEND Regulations 2014 reg 8(2)(b)',
    condition: 'absence-from-area',
    description: 'Absence from the area for 4 weeks or more',
  },
  '8(2)(c)': {
    type: '8(2)(c)',
    citation: 'SEND Regulations 2014 reg 8(2)(c)',
    condition: 'missed-appointment',
    description: 'The child or young person missed an appointment the body made',
  },
  '10(4)(a)': {
    type: '10(4)(a)',
    citation: 'SEND Regulations 2014 reg 10(4)(a)',
    condition: 'setting-closure',
    description:
      'School closure of 4 weeks or more (advice requested from 1 week before the closure to 1 week before it reopens)',
  },
  '10(4)(b)': {
    type: '10(4)(b)',
    citation: 'SEND Regulations 2014 reg 10(4)(b)',
    condition: 'setting-closure',
    description:
      'Early years provider closure of 4 weeks or more (advice requested from 1 week before the closure to 1 week before it reopens)',
  },
  '10(4)(c)': {
    type: '10(4)(c)',
    citation: 'SEND Regulations 2014 reg 10(4)(c)',
    condition: 'exceptional-circumstances',
    description: 'Exceptional personal circumstances',
  },
  '10(4)(d)': {
    type: '10(4)(d)',
    citation: 'SEND Regulations 2014 reg 10(4)(d)',
    condition: 'absence-from-area',
    description: 'Absence from the area for 4 weeks or more',
  },
};

const REG_5_4: readonly ExceptionType[] = ['5(4)(a)', '5(4)(b)', '5(4)(c)'];
const REG_8_2: readonly ExceptionType[] = ['8(2)(a)', '8(2)(b)', '8(2)(c)'];
const REG_10_4: readonly ExceptionType[] = ['10(4)(a)', '10(4)(b)', '10(4)(c)', '10(4)(d)'];

// ---------------------------------------------------------------------------------------------------------
// The shape of a rule
// ---------------------------------------------------------------------------------------------------------

/**
 * How long, counted as statutory-timescales.md "Counting" says:
 * - weeks: 7 × N calendar days, the same weekday ("within N weeks of X");
 * - days, 'after': X + N ("within N days of X", the weeks convention applied to days);
 * - days, 'beginning-with': X + N − 1 ("at least 15 days beginning with the day the draft was served");
 * - working-days: the Nth working day after X (Monday to Friday, not an England and Wales bank holiday);
 * - months: calendar months, a missing day becoming the month's last (31 January + 1 month = 28/29 February);
 * - same-day: on the day of X ("on receipt", "with the plan", "at once");
 * - date-in-year: a fixed date in the calendar year of X ("by 15 February of the year of transfer").
 */
export type Period =
  | { unit: 'same-day' }
  | { unit: 'weeks'; count: number }
  | { unit: 'days'; count: number; counting: 'after' | 'beginning-with' }
  | { unit: 'working-days'; count: number }
  | { unit: 'months'; count: number }
  | { unit: 'date-in-year'; month: number; day: number };

export type RuleStage = 'needs-assessment' | 'plan-life' | 'disagreement';

export type StatutoryRule = {
  id: RuleId;
  version: number;
  stage: RuleStage;
  /** What is due, in the words of the Code. */
  title: string;
  /** The event the period runs from (or, for a rule counted back, the event it is counted back from). */
  measuredFrom: string;
  /** The event that must happen by the due date. */
  measuredTo: string;
  period: Period;
  /** 'before' counts back from the event: "at least 2 weeks before the meeting". */
  direction: 'after' | 'before';
  /**
   * 'time-limit': the event is on time on or before the due date. 'minimum-period': the due date is the last
   * day of a period the family must be allowed (the draft plan's 15 days), not a limit on the local authority.
   */
  kind: 'time-limit' | 'minimum-period';
  /** The Code's "should" (guidance) is not a statutory duty; reports keep them apart. */
  force: 'statutory' | 'guidance';
  citation: { legislation?: string; codeOfPractice?: string; caseLaw?: string };
  /** The exceptions the law allows for this clock; empty where it allows none. */
  exceptions: readonly ExceptionType[];
  /**
   * A deadline that the tribunal's rules move: one falling 25 December to 1 January moves to the first
   * working day after 1 January; one falling in August to the first working day of September.
   */
  adjustment?: 'tribunal-christmas-and-august';
  effectiveFrom: string;
  /** The last day the version is in force; absent while it still is. */
  effectiveTo?: string;
  note?: string;
};

export const NEEDS_ASSESSMENT_RULE_IDS = [
  'request-notified',
  'decision-to-assess',
  'advice',
  'no-plan-decision',
  'draft-plan-representations',
  'setting-consultation',
  'final-plan',
  'final-plan-notice',
] as const;

export const PLAN_LIFE_RULE_IDS = [
  'first-annual-review',
  'annual-review',
  'early-years-review',
  'review-meeting-notice',
  'review-advice-circulated',
  'review-report',
  'review-decision',
  'amendment-representations',
  'amended-final-plan',
  'phase-transfer',
  'post-16-transfer',
  'post-16-transfer-other-time',
  'transfer-out-on-move',
  'transfer-out-after-becoming-aware',
  'transfer-in-family-notified',
  'transfer-in-review-after-last-review',
  'transfer-in-review-after-transfer',
  'reassessment-request-decision',
  'reassessment-final-plan',
] as const;

export const DISAGREEMENT_RULE_IDS = [
  'mediation-adviser-contacted',
  'mediation-certificate-declined',
  'mediation-held',
  'mediation-certificate-after-mediation',
  'appeal-after-decision',
  'appeal-after-mediation-certificate',
  'order-assess-notified',
  'order-assess-no-plan-decision',
  'order-assess-final-plan',
  'order-make-plan-draft',
  'order-make-plan-final',
  'order-amend-plan',
  'order-change-setting',
  'order-continue-to-maintain',
  'unopposed-assess-notified',
  'unopposed-assess-no-plan-decision',
  'unopposed-assess-final-plan',
  'unopposed-make-plan-draft',
  'unopposed-make-plan-final',
] as const;

export const RULE_IDS = [
  ...NEEDS_ASSESSMENT_RULE_IDS,
  ...PLAN_LIFE_RULE_IDS,
  ...DISAGREEMENT_RULE_IDS,
] as const;
export type RuleId = (typeof RULE_IDS)[number];

// ---------------------------------------------------------------------------------------------------------
// Needs assessment to final plan (statutory-timescales.md, "Needs assessment to final plan")
// Not clocks, so not here: reg 6 (the advice that must be sought) and reg 12 (the plan's sections A to K).
// ---------------------------------------------------------------------------------------------------------

export const NEEDS_ASSESSMENT_RULES: readonly StatutoryRule[] = [
  {
    id: 'request-notified',
    version: 1,
    stage: 'needs-assessment',
    title: 'Request notified to the parent or young person, health, social care and the setting',
    measuredFrom: 'request for an EHC needs assessment received',
    measuredTo: 'parent or young person, health, social care and the setting notified',
    period: { unit: 'same-day' },
    direction: 'after',
    kind: 'time-limit',
    force: 'statutory',
    citation: { legislation: 'SEND Regulations 2014 reg 4' },
    exceptions: [],
    effectiveFrom: SEND_REGULATIONS_2014,
    note: 'On receipt of the request.',
  },
  {
    id: 'decision-to-assess',
    version: 1,
    stage: 'needs-assessment',
    title: 'Decision whether to assess, notified to the parent or young person',
    measuredFrom: 'request for an EHC needs assessment received',
    measuredTo: 'decision whether to assess notified to the parent or young person',
    period: { unit: 'weeks', count: 6 },
    direction: 'after',
    kind: 'time-limit',
    force: 'statutory',
    citation: { legislation: 'SEND Regulations 2014 reg 5(1)' },
    exceptions: REG_5_4,
    effectiveFrom: SEND_REGULATIONS_2014,
  },
  {
    id: 'advice',
    version: 1,
    stage: 'needs-assessment',
    title: 'Advice returned by the body asked for it',
    measuredFrom:
      'request for advice received by the body (health, social care, educational psychology, setting, others)',
    measuredTo: 'advice returned to the local authority',
    period: { unit: 'weeks', count: 6 },
    direction: 'after',
    kind: 'time-limit',
    force: 'statutory',
    citation: { legislation: 'SEND Regulations 2014 reg 8(1)' },
    exceptions: REG_8_2,
    effectiveFrom: SEND_REGULATIONS_2014,
    note: 'One clock for each request for advice. Advice is not sought again where all agree existing advice is sufficient (reg 6(4)).',
  },
  {
    id: 'no-plan-decision',
    version: 1,
    stage: 'needs-assessment',
    title: 'Decision not to issue a plan after assessment, notified',
    measuredFrom: 'request for an EHC needs assessment received',
    measuredTo: 'decision not to issue a plan notified to the parent or young person',
    period: { unit: 'weeks', count: 16 },
    direction: 'after',
    kind: 'time-limit',
    force: 'statutory',
    citation: { legislation: 'SEND Regulations 2014 reg 10(1)' },
    exceptions: REG_10_4,
    effectiveFrom: SEND_REGULATIONS_2014,
  },
  {
    id: 'draft-plan-representations',
    version: 1,
    stage: 'needs-assessment',
    title: 'Draft plan: the family’s views, a meeting and a school or college',
    measuredFrom: 'draft plan served on the parent or young person',
    measuredTo: 'end of the period for representations, a meeting and a request for a school or college',
    period: { unit: 'days', count: 15, counting: 'beginning-with' },
    direction: 'after',
    kind: 'minimum-period',
    force: 'statutory',
    citation: { legislation: 'SEND Regulations 2014 reg 13(1); CFA 2014 s.38' },
    exceptions: [],
    effectiveFrom: SEND_REGULATIONS_2014,
    note: 'At least 15 days beginning with the day the draft is served. The draft names no setting.',
  },
  {
    id: 'setting-consultation',
    version: 1,
    stage: 'needs-assessment',
    title: 'School or college consulted before being named replies',
    measuredFrom: 'consultation sent to the school or college',
    measuredTo: 'reply from the school or college',
    period: { unit: 'days', count: 15, counting: 'after' },
    direction: 'after',
    kind: 'time-limit',
    force: 'guidance',
    citation: { codeOfPractice: 'Code 9.83' },
    exceptions: [],
    effectiveFrom: SEND_REGULATIONS_2014,
    note: 'Guidance ("should"). The local authority decides even without a reply.',
  },
  {
    id: 'final-plan',
    version: 1,
    stage: 'needs-assessment',
    title: 'Final plan issued',
    measuredFrom: 'request for an EHC needs assessment received',
    measuredTo: 'final EHC plan issued',
    period: { unit: 'weeks', count: 20 },
    direction: 'after',
    kind: 'time-limit',
    force: 'statutory',
    citation: { legislation: 'SEND Regulations 2014 reg 13(2)' },
    // reg 13(3): only the reg 10(4) exceptions. A missed appointment (reg 8(2)(c)) is not one.
    exceptions: REG_10_4,
    effectiveFrom: SEND_REGULATIONS_2014,
    note: 'SEN2 records Week20 = 1 when an exception applied.',
  },
  {
    id: 'final-plan-notice',
    version: 1,
    stage: 'needs-assessment',
    title:
      'Final plan sent with notice of appeal rights, time limits, mediation and information, advice and support',
    measuredFrom: 'final EHC plan issued',
    measuredTo: 'notice of appeal rights, time limits, mediation and IAS sent',
    period: { unit: 'same-day' },
    direction: 'after',
    kind: 'time-limit',
    force: 'statutory',
    citation: { legislation: 'SEND Regulations 2014 reg 14' },
    exceptions: [],
    effectiveFrom: SEND_REGULATIONS_2014,
    note: 'With the plan.',
  },
];

// ---------------------------------------------------------------------------------------------------------
// The plan's life (statutory-timescales.md, "The plan's life").
// Not clocks, so not here: reg 20(6) (preparing for adulthood from year 9) and CFA s.45 (ceasing a plan:
// maintained until the appeal period ends or an appeal concludes).
// ---------------------------------------------------------------------------------------------------------

const planLife = (
  rule: Omit<StatutoryRule, 'version' | 'stage' | 'effectiveFrom' | 'exceptions' | 'kind' | 'force'> &
    Partial<Pick<StatutoryRule, 'kind' | 'force' | 'effectiveFrom'>>,
): StatutoryRule => ({
  version: 1,
  stage: 'plan-life',
  kind: 'time-limit',
  force: 'statutory',
  exceptions: [],
  effectiveFrom: SEND_REGULATIONS_2014,
  ...rule,
});

export const PLAN_LIFE_RULES: readonly StatutoryRule[] = [
  planLife({
    id: 'first-annual-review',
    title: 'First annual review',
    measuredFrom: 'EHC plan made',
    measuredTo: 'review decision',
    period: { unit: 'months', count: 12 },
    direction: 'after',
    citation: { legislation: 'CFA 2014 s.44', codeOfPractice: 'Code 9.166' },
  }),
  planLife({
    id: 'annual-review',
    title: 'Annual review',
    measuredFrom: 'previous review decision',
    measuredTo: 'review decision',
    period: { unit: 'months', count: 12 },
    direction: 'after',
    citation: { legislation: 'CFA 2014 s.44', codeOfPractice: 'Code 9.166' },
  }),
  planLife({
    id: 'early-years-review',
    title: 'Review of a plan for a child under 5',
    measuredFrom: 'EHC plan made or previous review decision',
    measuredTo: 'review considered',
    // "Every 3 to 6 months": the clock is the outer limit; the earliest is for the caseworker to judge.
    period: { unit: 'months', count: 6 },
    direction: 'after',
    force: 'guidance',
    citation: { codeOfPractice: 'Code 9.178' },
    note: 'Should be considered every 3 to 6 months.',
  }),
  planLife({
    id: 'review-meeting-notice',
    title: 'Notice of the review meeting',
    measuredFrom: 'review meeting',
    measuredTo: 'notice of the meeting sent',
    period: { unit: 'weeks', count: 2 },
    direction: 'before',
    citation: { legislation: 'SEND Regulations 2014 reg 20(3)' },
    note: 'At least 2 weeks before the meeting.',
  }),
  planLife({
    id: 'review-advice-circulated',
    title: 'Advice and information circulated before the review meeting',
    measuredFrom: 'review meeting',
    measuredTo: 'advice and information circulated',
    period: { unit: 'weeks', count: 2 },
    direction: 'before',
    citation: { legislation: 'SEND Regulations 2014 reg 20(4)' },
    note: 'At least 2 weeks before the meeting.',
  }),
  planLife({
    id: 'review-report',
    title: 'Review report sent',
    measuredFrom: 'review meeting',
    measuredTo: 'review report sent',
    period: { unit: 'weeks', count: 2 },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 reg 20(7)–(8), reg 21(7)' },
  }),
  planLife({
    id: 'review-decision',
    title: 'Review decision (maintain, amend or cease) notified',
    measuredFrom: 'review meeting',
    measuredTo: 'decision notified, with any proposed amendments',
    period: { unit: 'weeks', count: 4 },
    direction: 'after',
    citation: {
      legislation: 'SEND Regulations 2014 reg 20(10)',
      caseLaw: 'R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)',
    },
  }),
  planLife({
    id: 'amendment-representations',
    title: 'Proposed amendments: the family’s representations',
    measuredFrom: 'proposed amendments sent',
    measuredTo: 'end of the period for representations',
    period: { unit: 'days', count: 15, counting: 'beginning-with' },
    direction: 'after',
    kind: 'minimum-period',
    citation: { legislation: 'SEND Regulations 2014 reg 22(2)' },
    note: 'At least 15 days, counted as the draft plan’s period is.',
  }),
  planLife({
    id: 'amended-final-plan',
    title: 'Final amended plan issued',
    measuredFrom: 'proposed amendments sent',
    measuredTo: 'final amended plan issued',
    period: { unit: 'weeks', count: 8 },
    direction: 'after',
    citation: {
      legislation: 'SEND Regulations 2014 reg 22(3)',
      caseLaw: 'R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)',
    },
    note: 'So within 12 weeks of the review meeting.',
  }),
  planLife({
    id: 'phase-transfer',
    title: 'Plan amended naming the new setting (phase transfer)',
    measuredFrom:
      'transfer between phases (early years to school, infant to junior, primary to secondary, middle to secondary)',
    measuredTo: 'amended plan naming the new setting issued',
    period: { unit: 'date-in-year', month: 2, day: 15 },
    direction: 'before',
    citation: { legislation: 'SEND Regulations 2014 reg 18(1)(b)' },
    note: 'By 15 February of the year of transfer.',
  }),
  planLife({
    id: 'post-16-transfer',
    title: 'Plan amended naming the post-16 setting (secondary to post-16)',
    measuredFrom: 'transfer from secondary school to a post-16 institution',
    measuredTo: 'amended plan naming the new setting issued',
    period: { unit: 'date-in-year', month: 3, day: 31 },
    direction: 'before',
    citation: { legislation: 'SEND Regulations 2014 reg 18(1)(a)' },
    note: 'By 31 March of the year of transfer.',
  }),
  planLife({
    id: 'post-16-transfer-other-time',
    title: 'Plan amended naming the new post-16 setting (a transfer at another time)',
    measuredFrom: 'transfer between post-16 institutions',
    measuredTo: 'amended plan naming the new setting issued',
    period: { unit: 'months', count: 5 },
    direction: 'before',
    citation: { legislation: 'SEND Regulations 2014 reg 18(2)' },
    note: 'At least 5 months before the transfer.',
  }),
  planLife({
    id: 'transfer-out-on-move',
    title: 'Plan transferred by the old local authority',
    measuredFrom: 'move to the new local authority’s area',
    measuredTo: 'plan transferred to the new local authority',
    period: { unit: 'same-day' },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 reg 15' },
    note: 'On the day of the move where the old local authority knew of it in advance.',
  }),
  planLife({
    id: 'transfer-out-after-becoming-aware',
    title: 'Plan transferred by the old local authority (move not known in advance)',
    measuredFrom: 'old local authority becomes aware of the move',
    measuredTo: 'plan transferred to the new local authority',
    period: { unit: 'working-days', count: 15 },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 reg 15' },
  }),
  planLife({
    id: 'transfer-in-family-notified',
    title: 'New local authority tells the family about the transferred plan',
    measuredFrom: 'plan transferred in',
    measuredTo: 'family told',
    period: { unit: 'weeks', count: 6 },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 reg 15' },
  }),
  planLife({
    id: 'transfer-in-review-after-last-review',
    title: 'Review of a transferred plan (12 months from the last review)',
    measuredFrom: 'last review decision by the old local authority',
    measuredTo: 'review decision by the new local authority',
    period: { unit: 'months', count: 12 },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 reg 15' },
    note: 'The review is due by the later of this and 3 months from the transfer (transferInReviewDeadline).',
  }),
  planLife({
    id: 'transfer-in-review-after-transfer',
    title: 'Review of a transferred plan (3 months from the transfer)',
    measuredFrom: 'plan transferred in',
    measuredTo: 'review decision by the new local authority',
    period: { unit: 'months', count: 3 },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 reg 15' },
    note: 'The review is due by the later of this and 12 months from the last review (transferInReviewDeadline).',
  }),
  planLife({
    id: 'reassessment-request-decision',
    title: 'Request to re-assess decided',
    measuredFrom: 'request for a re-assessment received',
    measuredTo: 'decision notified',
    period: { unit: 'days', count: 15, counting: 'after' },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 regs 24–25; CFA 2014 s.44' },
    note: 'The local authority may refuse if it assessed in the last 6 months.',
  }),
  planLife({
    id: 'reassessment-final-plan',
    title: 'Final plan after re-assessment',
    measuredFrom: 'notice of the decision to re-assess',
    measuredTo: 'final EHC plan issued',
    period: { unit: 'weeks', count: 14 },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 reg 27' },
  }),
];

// ---------------------------------------------------------------------------------------------------------
// Disagreement (statutory-timescales.md, "Disagreement")
// ---------------------------------------------------------------------------------------------------------

const disagreement = (
  rule: Omit<StatutoryRule, 'version' | 'stage' | 'effectiveFrom' | 'exceptions' | 'kind' | 'force'> &
    Partial<Pick<StatutoryRule, 'effectiveFrom'>>,
): StatutoryRule => ({
  version: 1,
  stage: 'disagreement',
  kind: 'time-limit',
  force: 'statutory',
  exceptions: [],
  effectiveFrom: SEND_REGULATIONS_2014,
  ...rule,
});

const REG_44 = 'SEND Regulations 2014 reg 44(2)';
// The reference gives reg 45 only as amended by SI 2015/359 (2 / 5 / 10 / 11 / 14 weeks). That instrument is
// taken to be in force from 1 April 2015, with the revised Code; earlier concessions have no rule here, so they
// fail loudly rather than take limits that were not then law.
const REG_45 = 'SEND Regulations 2014 reg 45, as amended by SI 2015/359';
const SI_2015_359 = '2015-04-01';

export const DISAGREEMENT_RULES: readonly StatutoryRule[] = [
  disagreement({
    id: 'mediation-adviser-contacted',
    title: 'Family contacts a mediation adviser',
    measuredFrom: 'decision notice',
    measuredTo: 'mediation adviser contacted',
    period: { unit: 'months', count: 2 },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 reg 33' },
    note: 'Not needed for an appeal only about section I.',
  }),
  disagreement({
    id: 'mediation-certificate-declined',
    title: 'Mediation certificate issued when the family declines mediation',
    measuredFrom: 'family tells the mediation adviser it does not wish to pursue mediation',
    measuredTo: 'certificate issued',
    period: { unit: 'working-days', count: 3 },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 reg 34' },
  }),
  disagreement({
    id: 'mediation-held',
    title: 'Mediation held',
    measuredFrom: 'mediation requested',
    measuredTo: 'mediation held',
    period: { unit: 'days', count: 30, counting: 'after' },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 regs 35–38' },
  }),
  disagreement({
    id: 'mediation-certificate-after-mediation',
    title: 'Mediation certificate issued after mediation',
    measuredFrom: 'mediation held',
    measuredTo: 'certificate issued',
    period: { unit: 'working-days', count: 3 },
    direction: 'after',
    citation: { legislation: 'SEND Regulations 2014 regs 35–38' },
  }),
  disagreement({
    id: 'appeal-after-decision',
    title: 'Appeal to the First-tier Tribunal (SEND)',
    measuredFrom: 'decision notice',
    measuredTo: 'appeal registered',
    period: { unit: 'months', count: 2 },
    direction: 'after',
    adjustment: 'tribunal-christmas-and-august',
    citation: { legislation: 'Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.20(1)(c)' },
    note: 'Or 1 month from the mediation certificate, whichever is later (appealDeadline).',
  }),
  disagreement({
    id: 'appeal-after-mediation-certificate',
    title: 'Appeal to the First-tier Tribunal (SEND) after mediation',
    measuredFrom: 'mediation certificate issued',
    measuredTo: 'appeal registered',
    period: { unit: 'months', count: 1 },
    direction: 'after',
    adjustment: 'tribunal-christmas-and-august',
    citation: { legislation: 'Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.20(1)(c)' },
    note: 'Or 2 months from the decision notice, whichever is later (appealDeadline).',
  }),
  disagreement({
    id: 'order-assess-notified',
    title: 'Tribunal order to assess: family told the assessment will be made',
    measuredFrom: 'tribunal order',
    measuredTo: 'family notified',
    period: { unit: 'weeks', count: 2 },
    direction: 'after',
    citation: { legislation: REG_44 },
  }),
  disagreement({
    id: 'order-assess-no-plan-decision',
    title: 'Tribunal order to assess: decision not to issue a plan notified',
    measuredFrom: 'tribunal order',
    measuredTo: 'decision not to issue a plan notified',
    period: { unit: 'weeks', count: 10 },
    direction: 'after',
    citation: { legislation: REG_44 },
  }),
  disagreement({
    id: 'order-assess-final-plan',
    title: 'Tribunal order to assess: final plan issued',
    measuredFrom: 'tribunal order',
    measuredTo: 'final EHC plan issued',
    period: { unit: 'weeks', count: 14 },
    direction: 'after',
    citation: { legislation: REG_44 },
  }),
  disagreement({
    id: 'order-make-plan-draft',
    title: 'Tribunal order to make a plan: draft plan issued',
    measuredFrom: 'tribunal order',
    measuredTo: 'draft plan issued',
    period: { unit: 'weeks', count: 5 },
    direction: 'after',
    citation: { legislation: REG_44 },
  }),
  disagreement({
    id: 'order-make-plan-final',
    title: 'Tribunal order to make a plan: final plan issued',
    measuredFrom: 'tribunal order',
    measuredTo: 'final EHC plan issued',
    period: { unit: 'weeks', count: 11 },
    direction: 'after',
    citation: { legislation: REG_44 },
  }),
  disagreement({
    id: 'order-amend-plan',
    title: 'Tribunal order to amend the plan’s contents: amended plan issued',
    measuredFrom: 'tribunal order',
    measuredTo: 'amended plan issued',
    period: { unit: 'weeks', count: 5 },
    direction: 'after',
    citation: { legislation: REG_44 },
  }),
  disagreement({
    id: 'order-change-setting',
    title: 'Tribunal order to change only the named setting: amended plan issued',
    measuredFrom: 'tribunal order',
    measuredTo: 'amended plan issued',
    period: { unit: 'weeks', count: 2 },
    direction: 'after',
    citation: { legislation: REG_44 },
  }),
  disagreement({
    id: 'order-continue-to-maintain',
    title: 'Tribunal order to continue to maintain the plan',
    measuredFrom: 'tribunal order',
    measuredTo: 'plan maintained',
    period: { unit: 'same-day' },
    direction: 'after',
    citation: { legislation: REG_44 },
    note: 'At once.',
  }),
  disagreement({
    id: 'unopposed-assess-notified',
    title: 'Appeal conceded (assessment): family told the assessment will be made',
    measuredFrom: 'local authority tells the tribunal it will not oppose the appeal',
    measuredTo: 'family notified',
    period: { unit: 'weeks', count: 2 },
    direction: 'after',
    citation: { legislation: REG_45 },
    effectiveFrom: SI_2015_359,
  }),
  disagreement({
    id: 'unopposed-assess-no-plan-decision',
    title: 'Appeal conceded (assessment): decision not to issue a plan notified',
    measuredFrom: 'local authority tells the tribunal it will not oppose the appeal',
    measuredTo: 'decision not to issue a plan notified',
    period: { unit: 'weeks', count: 10 },
    direction: 'after',
    citation: { legislation: REG_45 },
    effectiveFrom: SI_2015_359,
  }),
  disagreement({
    id: 'unopposed-assess-final-plan',
    title: 'Appeal conceded (assessment): final plan issued',
    measuredFrom: 'local authority tells the tribunal it will not oppose the appeal',
    measuredTo: 'final EHC plan issued',
    period: { unit: 'weeks', count: 14 },
    direction: 'after',
    citation: { legislation: REG_45 },
    effectiveFrom: SI_2015_359,
  }),
  disagreement({
    id: 'unopposed-make-plan-draft',
    title: 'Appeal conceded (refusal to make a plan): draft plan issued',
    measuredFrom: 'local authority tells the tribunal it will not oppose the appeal',
    measuredTo: 'draft plan issued',
    period: { unit: 'weeks', count: 5 },
    direction: 'after',
    citation: { legislation: REG_45 },
    effectiveFrom: SI_2015_359,
  }),
  disagreement({
    id: 'unopposed-make-plan-final',
    title: 'Appeal conceded (refusal to make a plan): final plan issued',
    measuredFrom: 'local authority tells the tribunal it will not oppose the appeal',
    measuredTo: 'final EHC plan issued',
    period: { unit: 'weeks', count: 11 },
    direction: 'after',
    citation: { legislation: REG_45 },
    effectiveFrom: SI_2015_359,
  }),
];

export const STATUTORY_RULES: readonly StatutoryRule[] = [
  ...NEEDS_ASSESSMENT_RULES,
  ...PLAN_LIFE_RULES,
  ...DISAGREEMENT_RULES,
];

export class NoRuleInForceError extends Error {
  readonly ruleId: string;
  readonly onDate: string;
  constructor(ruleId: string, onDate: string, found: number) {
    super(
      found === 0
        ? `No version of the "${ruleId}" rule is in force on ${onDate}`
        : `${found} versions of the "${ruleId}" rule are in force on ${onDate}: their effective dates overlap`,
    );
    this.name = 'NoRuleInForceError';
    this.ruleId = ruleId;
    this.onDate = onDate;
  }
}

export function isInForce(rule: StatutoryRule, onDate: string): boolean {
  return rule.effectiveFrom <= onDate && (rule.effectiveTo === undefined || onDate <= rule.effectiveTo);
}

/**
 * The version of a rule in force on a date: the date the clock started (the request received, for every
 * clock of a needs assessment). Throws when none is, or when versions overlap, rather than guess.
 */
export function ruleInForce(
  ruleId: RuleId,
  onDate: string,
  rules: readonly StatutoryRule[] = STATUTORY_RULES,
): StatutoryRule {
  if (!isIsoDate(onDate)) throw new RangeError(`Not a calendar date: ${onDate}`);
  const found = rules.filter((rule) => rule.id === ruleId && isInForce(rule, onDate));
  const [only] = found;
  if (found.length !== 1 || !only) throw new NoRuleInForceError(ruleId, onDate, found.length);
  return only;
}
