/**
 * The measures the partnership is judged by (issue 6; `shared/design/statutory-timescales.md`, last
 * section, and `statistics-and-sen2.md`): each with its written definition, where it comes from (our own
 * casework, the published statistics, or both) and which way is better. Measure ids are stable: published
 * figures are stored under them (migration 0011) and the dashboard's URLs use them.
 */
import { MARKER_MEANINGS } from '../import/markers.ts';

export type MeasureId =
  | 'plans-within-20-weeks'
  | 'plans-within-20-weeks-excluding-exceptions'
  | 'decisions-within-6-weeks'
  | 'no-plan-decisions-within-16-weeks'
  | 'requests-refused'
  | 'requests-received'
  | 'advice-within-6-weeks'
  | 'active-plans'
  | 'new-plans'
  | 'pupils-with-ehc-plan'
  | 'pupils-on-sen-support'
  | 'annual-reviews-within-4-weeks'
  | 'annual-reviews-outstanding'
  | 'tribunal-appeal-rate';

export type MeasureKind = 'rate' | 'count';
/** Where a figure comes from: the platform's own casework, or the published statistics. */
export type MeasureSource = 'casework' | 'published';
export type PeriodKind = 'calendar-year' | 'january' | 'academic-year';

export type SeriesBreak = { from: string; note: string };

export type Measure = {
  id: MeasureId;
  title: string;
  kind: MeasureKind;
  /** true: higher is better; false: lower is better; null: neither (a volume). */
  higherIsBetter: boolean | null;
  sources: readonly MeasureSource[];
  periodKind: PeriodKind;
  /** The written definition: what is counted above and below the line, over what period, from where. */
  numerator: string;
  denominator: string | null;
  period: string;
  source: string;
  countingConvention: string;
  /** How the casework figures are broken down beyond the total, in words; absent for the total only. */
  breakdowns?: string;
  seriesBreaks: readonly SeriesBreak[];
};

const SEN2_PERSON_LEVEL: SeriesBreak = {
  from: '2023',
  note: 'SEN2 became a person-level return in 2023; figures before and after are not directly comparable.',
};

export const MEASURES: readonly Measure[] = [
  {
    id: 'plans-within-20-weeks',
    title: 'New EHC plans issued within 20 weeks, including exceptions',
    kind: 'rate',
    higherIsBetter: true,
    sources: ['casework', 'published'],
    periodKind: 'calendar-year',
    numerator:
      'Final EHC plans issued in the period within 20 weeks of the request (on or before the due date).',
    denominator: 'Final EHC plans issued in the period (first plans only, not amended plans).',
    period: 'Calendar year of the date the final plan was issued.',
    source:
      'Casework: requests and final plans. Published: DfE "Education, health and care plans" (SEN2), timeliness_20_week.csv (plans_issued_within_20_weeks / plans_issued_den); sen2_mi.csv before 2023.',
    countingConvention:
      '20 weeks is 140 days from the day the request was received (regulation 13(2)): a request received on Monday 6 January 2025 has its plan due on Monday 26 May 2025, and a plan issued on that day (the 140th) is on time, on the 141st late. Each plan counts in the period it was issued, however long ago the request was made. Exceptions (regulation 10(4)) are counted in: a plan late with an exception is late here.',
    seriesBreaks: [SEN2_PERSON_LEVEL],
  },
  {
    id: 'plans-within-20-weeks-excluding-exceptions',
    title: 'New EHC plans issued within 20 weeks, excluding exceptions',
    kind: 'rate',
    higherIsBetter: true,
    sources: ['casework', 'published'],
    periodKind: 'calendar-year',
    numerator: 'Final EHC plans issued in the period within 20 weeks, where no 20-week exception applied.',
    denominator:
      'Final EHC plans issued in the period where no 20-week exception (regulation 10(4)) applied (SEN2 Week20 not 1).',
    period: 'Calendar year of the date the final plan was issued.',
    source:
      'Casework: final plans and the excusals recorded against the 20-week clock. Published: timeliness_20_week.csv (plans_issued_20_weeks_ex / plans_issued_den_ex).',
    countingConvention:
      'As including exceptions, leaving out every plan whose 20 weeks an exception applied to, whether or not the plan was in the end late (SEN2 Week20 = 1). Only the exceptions of regulation 10(4)(a) to (d) count (regulation 13(3)), each recorded against the 20-week clock with its dates and evidence and checked by the clock engine; a missed appointment (regulation 8(2)(c)) is not one, so a plan with only that recorded stays in.',
    seriesBreaks: [SEN2_PERSON_LEVEL],
  },
  {
    id: 'decisions-within-6-weeks',
    title: 'Decisions whether to assess made within 6 weeks',
    kind: 'rate',
    higherIsBetter: true,
    sources: ['casework', 'published'],
    periodKind: 'calendar-year',
    numerator: 'Decisions whether to carry out an EHC needs assessment sent within 6 weeks of the request.',
    denominator: 'Decisions whether to assess sent in the period (to assess or not).',
    period: 'Calendar year of the decision.',
    source:
      'Casework: requests and decisions. Published: requests.csv (request_outcome_six_weeks / (request_outcome_six_weeks + request_outcome_over_6_weeks)).',
    countingConvention:
      '6 weeks is 42 days from the day the request was received (regulation 5(1)); a decision notified on the 42nd day is on time. Casework counts each decision in the period it was notified; the DfE counts the requests received in the year, so the two can differ a little at the ends of a year.',
    seriesBreaks: [SEN2_PERSON_LEVEL],
  },
  {
    id: 'no-plan-decisions-within-16-weeks',
    title: 'Decisions not to issue a plan made within 16 weeks',
    kind: 'rate',
    higherIsBetter: true,
    sources: ['casework', 'published'],
    periodKind: 'calendar-year',
    numerator: 'Decisions not to issue an EHC plan after an assessment, sent within 16 weeks of the request.',
    denominator: 'Decisions not to issue a plan sent in the period.',
    period: 'Calendar year of the decision.',
    source:
      'Casework: assessments and the notices not to issue a plan. Published: DfE "Education, health and care plans" (SEN2), assessments.csv (outcome_decision_within_time / (outcome_decision_within_time + outcome_decision_over_time): "assessments where it was decided NOT to issue a plan" within and over 16 weeks, the percentage only where a decision was made), from 2023; the LAIT data store carries the same percentages (SEN_NOT_ISSUE_PLAN_16WKS).',
    countingConvention:
      '16 weeks is 112 days from the day the request was received (regulation 10(1)); a notice sent on the 112th day is on time. Each decision counts in the period it was notified; the DfE’s figure is for the calendar year. The LAIT dictionary words its figure as a share of all assessments, but its figures are those of assessments.csv, a share of the decisions not to issue a plan (England 36.2% in 2023: 1,661 of 4,587).',
    seriesBreaks: [],
  },
  {
    id: 'requests-refused',
    title: 'Requests for an assessment refused',
    kind: 'rate',
    higherIsBetter: null,
    sources: ['casework', 'published'],
    periodKind: 'calendar-year',
    numerator: 'Requests for an EHC needs assessment where the decision was not to assess.',
    denominator: 'Requests for an EHC needs assessment received in the period.',
    period: 'Calendar year the request was received.',
    source:
      'Casework: requests and decisions. Published: requests.csv (requests_decided_not_to_assess / requests_received_in_year).',
    countingConvention:
      'Counted in the period the request was received, whenever it was decided, as the DfE counts it (requests_received_in_year): requests not yet decided, or withdrawn, are in the denominator and not the numerator. A refusal later overturned at mediation or tribunal still counts as a refusal. The design of the measures (statutory-timescales.md) takes refusals as a share of the requests decided; the DfE publishes them as a share of the requests received (request_not_assess_pc: Wolverhampton 2023, 79 refused of 568 received, 13.9%, where 79 of the 544 decided would be 14.5%). The platform follows the DfE, so that its own figure is the same measure as the published one beside it and can be compared with England, the region and the neighbours; so a recent period, with requests still undecided, reads lower until they are decided.',
    seriesBreaks: [SEN2_PERSON_LEVEL],
  },
  {
    id: 'requests-received',
    title: 'Requests for an EHC needs assessment received',
    kind: 'count',
    higherIsBetter: null,
    sources: ['casework', 'published'],
    periodKind: 'calendar-year',
    numerator: 'Requests for an EHC needs assessment received in the period.',
    denominator: null,
    period: 'Calendar year (or month) the request was received; compared with the same period a year before.',
    source: 'Casework: requests. Published: requests.csv (requests_received_in_year).',
    countingConvention:
      'A request is counted on the day it was received, whoever made it. The same period last year is the same days a year earlier (29 February becomes 28 February).',
    seriesBreaks: [SEN2_PERSON_LEVEL],
  },
  {
    id: 'advice-within-6-weeks',
    title: 'Advice returned within 6 weeks',
    kind: 'rate',
    higherIsBetter: true,
    sources: ['casework'],
    periodKind: 'calendar-year',
    numerator: 'Requests for advice received on or before their due date, 6 weeks after the body was asked.',
    denominator:
      'Requests for advice whose due date fell in the period and has passed, received or not, except those no longer awaited before they were due.',
    period: 'The period in which the advice was due (calendar year, month or any range of days).',
    source:
      'Casework only (SEN2 does not collect it): the requests for advice of each needs assessment, with the partner organisation asked.',
    countingConvention:
      '6 weeks is 42 days from the day the body was asked (regulation 8(1)); advice received on the 42nd day is on time. A request counts once its due date has passed (from the next day), so advice not yet due is in neither count. Advice not received by then is late, whenever it comes. When a case closes (a plan issued, no plan, withdrawn, moved away) advice still awaited is no longer awaited: if the case closed on or before the due date the request is left out of both counts, since the advice was no longer needed before it was late; if it closed after the due date the advice was already late, and counts as late. Exceptions under regulation 8(2) are not taken off: no national figure excludes them.',
    breakdowns:
      'By type of advice (health, social care, educational psychology, educational, the setting, preparing for adulthood, other), and by the partner organisation asked.',
    seriesBreaks: [],
  },
  {
    id: 'active-plans',
    title: 'EHC plans maintained',
    kind: 'count',
    higherIsBetter: null,
    sources: ['casework', 'published'],
    periodKind: 'january',
    numerator: 'EHC plans maintained by the local authority on the census date.',
    denominator: null,
    period: 'The census date (published: the January census).',
    source: 'Casework: final plans issued. Published: caseload.csv (ehcplans); sen2_mi.csv before 2023.',
    countingConvention:
      'A plan counts from the day it was issued until the day it ceased. The casework records no cessation yet (nor plans transferred in or out), so it counts every final plan issued on or before the date: it overstates the caseload until cessations are recorded. For a period, the plans maintained on its last day; the DfE counts them at the January census.',
    seriesBreaks: [SEN2_PERSON_LEVEL],
  },
  {
    id: 'new-plans',
    title: 'New EHC plans issued',
    kind: 'count',
    higherIsBetter: null,
    sources: ['casework', 'published'],
    periodKind: 'calendar-year',
    numerator: 'First EHC plans issued in the period.',
    denominator: null,
    period: 'Calendar year the plan was issued.',
    source: 'Casework: final plans. Published: newplans.csv (new_ehc_plans).',
    countingConvention:
      'Counted on the day the final plan was issued: the same plans as the 20-week measure counts.',
    seriesBreaks: [SEN2_PERSON_LEVEL],
  },
  {
    id: 'pupils-with-ehc-plan',
    title: 'Pupils with an EHC plan',
    kind: 'rate',
    higherIsBetter: null,
    sources: ['published'],
    periodKind: 'january',
    numerator:
      'Pupils with an EHC plan in state-funded and independent schools in the January school census.',
    denominator: 'All pupils in those schools.',
    period: 'January school census.',
    source:
      'Published: DfE "Special educational needs in England", as carried by the LAIT data store (SEN_TotStat).',
    countingConvention: 'As published: a percentage of pupils (no counts in the data store).',
    seriesBreaks: [],
  },
  {
    id: 'pupils-on-sen-support',
    title: 'Pupils on SEN support',
    kind: 'rate',
    higherIsBetter: null,
    sources: ['published'],
    periodKind: 'january',
    numerator: 'Pupils on SEN support in the January school census.',
    denominator: 'All pupils in those schools.',
    period: 'January school census.',
    source:
      'Published: DfE "Special educational needs in England", as carried by the LAIT data store (SEN_TotSENSuP).',
    countingConvention: 'As published: a percentage of pupils.',
    seriesBreaks: [],
  },
  {
    id: 'annual-reviews-within-4-weeks',
    title: 'Annual review decisions made within 4 weeks of the meeting',
    kind: 'rate',
    higherIsBetter: true,
    sources: ['published'],
    periodKind: 'calendar-year',
    numerator: 'Annual review decisions sent within 4 weeks of the review meeting.',
    denominator: 'Annual review decisions sent in the period.',
    period: 'Calendar year of the decision.',
    source:
      'Published: annual_reviews.csv (number_decsion_4weeks / (number_decsion_4weeks + number_decision_gt_4weeks)). Casework will add it with annual reviews.',
    countingConvention: '4 weeks is 28 days from the review meeting (regulation 20(10)).',
    seriesBreaks: [],
  },
  {
    id: 'annual-reviews-outstanding',
    title: 'Annual reviews due with no decision (the backlog)',
    kind: 'count',
    higherIsBetter: false,
    sources: ['published'],
    periodKind: 'calendar-year',
    numerator: 'EHC plans whose annual review was due in the period with no review decision made.',
    denominator: null,
    period: 'Calendar year.',
    source:
      'Published: annual_reviews.csv (review_decision_outstanding). Casework will add it with annual reviews.',
    countingConvention: 'As published.',
    seriesBreaks: [],
  },
  {
    id: 'tribunal-appeal-rate',
    title: 'Appeals to the SEND Tribunal, as a share of appealable decisions',
    kind: 'rate',
    higherIsBetter: false,
    sources: ['published'],
    periodKind: 'calendar-year',
    numerator: 'Appeals registered with the SEND Tribunal against the local authority.',
    denominator: 'Appealable decisions the local authority made.',
    period: 'Calendar year.',
    source:
      'Published: MoJ / HMCTS with the DfE, "SEND Tribunals and appeal rate" (supporting file of the EHC plans release).',
    countingConvention:
      'Rows are joined to local authorities by name, since some of the table\u2019s LA codes are wrong.',
    seriesBreaks: [{ from: '2024', note: 'The way appealable decisions are counted changed from 2024.' }],
  },
];

/** "suppressed (c, ~, *), not available (x, .., :, na, nan) …": the markers of import/markers.ts by meaning. */
function markerMeaningsInWords(): string {
  const byMeaning = new Map<string, string[]>();
  for (const [marker, meaning] of Object.entries(MARKER_MEANINGS)) {
    if (marker === '') continue;
    byMeaning.set(meaning, [...(byMeaning.get(meaning) ?? []), marker]);
  }
  return [...byMeaning].map(([meaning, markers]) => `${meaning} (${markers.join(', ')})`).join('; ');
}

/**
 * How every benchmark is made (benchmarks.ts), for the definitions page beside each measure's own text.
 */
export const BENCHMARK_CONVENTIONS: readonly { title: string; text: string }[] = [
  {
    title: 'Rates from counts',
    text: 'A rate is the numerator divided by the denominator, as a percentage, computed from the counts wherever both are published and rounded only when shown: to one decimal place, half up (52.25 shows as 52.3). Where only a percentage is published, that percentage is used.',
  },
  {
    title: 'England and the region',
    text: 'The area is shown beside England and its region, from the same published release and period.',
  },
  {
    title: 'Statistical neighbours',
    text: 'The ten local authorities the DfE names as most like the area. The list used is the one in force at the end of the period shown (the latest list in force on or before its last day): calendar years 2021 to 2024 use the April 2021 list, 2025 the May 2025 list. Periods that ended before the earliest list held use that list, and say so. The neighbours’ figure is the unweighted mean of their rates, over the neighbours that have a figure; how many had one is shown, and those suppressed or missing are named, never counted as zero.',
  },
  {
    title: 'Suppressed and missing figures',
    text: `Where a file prints a marker instead of a figure, it is shown in words, never as zero: ${markerMeaningsInWords()}. A figure with no row at all is shown as missing.`,
  },
  {
    title: 'Improving or not',
    text: 'A measure is improving when its latest value, as shown, is better than the one before it (the latest earlier period with a figure) in the direction the measure is better. It is not comparable when the latest period has no figure (suppressed or missing), with no earlier figure, across a series break, or for a volume: a count that is better neither higher nor lower, such as requests received or plans maintained. A count with a direction, such as the annual reviews outstanding (fewer is better), is compared like a rate.',
  },
];

export function measure(id: string): Measure | undefined {
  return MEASURES.find((m) => m.id === id);
}

export function isMeasureId(id: string): id is MeasureId {
  return MEASURES.some((m) => m.id === id);
}
