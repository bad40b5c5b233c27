/**
 * The EHC plan as a document: sections A to K in the order the SEND Regulations 2014 reg 12 and the SEND
 * Code of Practice 9.62 set, kept whole (one JSON document per version, like Local Offer listings, ADR 9).
 * Provision in F, G and H is specified and quantified (what, who, how often, for how long) and each item
 * names the needs and outcomes it meets. Preparing-for-adulthood domains apply to outcomes from year 9.
 */

export const PLAN_SECTIONS = [
  {
    key: 'A',
    title: 'Section A: The views, interests and aspirations of the child or young person and their parents',
  },
  { key: 'B', title: 'Section B: Special educational needs' },
  { key: 'C', title: 'Section C: Health needs related to special educational needs' },
  { key: 'D', title: 'Section D: Social care needs related to special educational needs or disability' },
  { key: 'E', title: 'Section E: Outcomes' },
  { key: 'F', title: 'Section F: Special educational provision' },
  { key: 'G', title: 'Section G: Health provision' },
  {
    key: 'H1',
    title:
      'Section H1: Social care provision under the Chronically Sick and Disabled Persons Act 1970 section 2',
  },
  { key: 'H2', title: 'Section H2: Other social care provision' },
  { key: 'I', title: 'Section I: Placement' },
  { key: 'J', title: 'Section J: Personal budget' },
  { key: 'K', title: 'Section K: Advice and information' },
] as const;
export type PlanSectionKey = (typeof PLAN_SECTIONS)[number]['key'];

export const PFA_DOMAINS = [
  { code: 'employment', label: 'Paid employment and higher education' },
  { code: 'independent-living', label: 'Independent living' },
  { code: 'community-inclusion', label: 'Friends, relationships and community inclusion' },
  { code: 'health', label: 'Good health' },
] as const;
export type PfaDomain = (typeof PFA_DOMAINS)[number]['code'];

/** A need in section B, C or D. */
export type PlanNeed = { id: string; section: 'B' | 'C' | 'D'; text: string };

export type PlanOutcome = {
  id: string;
  text: string;
  /** By when, e.g. "By the end of key stage 2 (July 2028)". */
  byWhen: string;
  pfaDomain?: PfaDomain;
};

export type ProvisionSection = 'F' | 'G' | 'H1' | 'H2';

/** One item of provision: specified and quantified, and linked to what it meets. */
export type PlanProvision = {
  id: string;
  section: ProvisionSection;
  what: string;
  whoProvides: string;
  howOften: string;
  forHowLong: string;
  meetsNeedIds: string[];
  meetsOutcomeIds: string[];
};

/** A source of advice listed in section K (reg 12(1)(k)): taken from the case's advice received. */
export type PlanAdvice = { source: string; receivedOn: string };

export type PlanContent = {
  /** Section A, in the child's or young person's and their parents' own words. */
  views: string;
  needs: PlanNeed[];
  outcomes: PlanOutcome[];
  provision: PlanProvision[];
  /** Section I: the school, college or other setting named, or the type of setting. */
  placement: string;
  /** Section J: the personal budget, if any, and how it will be used. */
  personalBudget: string;
  advice: PlanAdvice[];
};

export function emptyPlanContent(): PlanContent {
  return { views: '', needs: [], outcomes: [], provision: [], placement: '', personalBudget: '', advice: [] };
}

export type PlanProblem = { section: PlanSectionKey; message: string };

/**
 * What stops a plan being issued. A draft may be issued without section I (reg 13(1): the draft must not name
 * a school); a final plan needs one. Provision must be specified and quantified and say what it meets.
 */
export function planProblems(content: PlanContent, kind: 'draft' | 'final'): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!content.views.trim())
    problems.push({ section: 'A', message: 'Section A must say the views, interests and aspirations' });
  if (!content.needs.some((n) => n.section === 'B'))
    problems.push({ section: 'B', message: 'Section B must list at least one special educational need' });
  if (content.outcomes.length === 0)
    problems.push({ section: 'E', message: 'Section E must have at least one outcome' });
  if (!content.provision.some((p) => p.section === 'F'))
    problems.push({
      section: 'F',
      message: 'Section F must specify at least one item of special educational provision',
    });
  const needIds = new Set(content.needs.map((n) => n.id));
  const outcomeIds = new Set(content.outcomes.map((o) => o.id));
  for (const item of content.provision) {
    if (!item.howOften.trim() || !item.forHowLong.trim() || !item.whoProvides.trim())
      problems.push({
        section: item.section,
        message: `Provision "${short(item.what)}" must say who provides it, how often and for how long`,
      });
    const linked =
      item.meetsNeedIds.filter((id) => needIds.has(id)).length +
      item.meetsOutcomeIds.filter((id) => outcomeIds.has(id)).length;
    if (linked === 0)
      problems.push({
        section: item.section,
        message: `Provision "${short(item.what)}" must be linked to a need or an outcome it meets`,
      });
  }
  if (kind === 'final' && !content.placement.trim())
    problems.push({
      section: 'I',
      message: 'Section I must name the school, college or other setting, or its type',
    });
  return problems;
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Whether outcomes should carry preparing-for-adulthood domains: from year 9 (Code of Practice 8.9). */
export function preparingForAdulthoodApplies(nationalCurriculumYear: string | null): boolean {
  if (!nationalCurriculumYear) return false;
  const year = Number.parseInt(nationalCurriculumYear, 10);
  return Number.isFinite(year) && year >= 9;
}
