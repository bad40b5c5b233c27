import { describe, expect, it } from 'vitest';
import {
  emptyPlanContent,
  PLAN_SECTIONS,
  planProblems,
  preparingForAdulthoodApplies,
  type PlanContent,
} from './plan-content.ts';

const complete: PlanContent = {
  ...emptyPlanContent(),
  views: 'Likes trains',
  needs: [{ id: 'n1', section: 'B', text: 'Finds change hard' }],
  outcomes: [{ id: 'o1', text: 'Manages change', byWhen: 'July 2027' }],
  provision: [
    {
      id: 'p1',
      section: 'F',
      what: 'Visual timetable',
      whoProvides: 'Teacher',
      howOften: 'Daily',
      forHowLong: 'A year',
      meetsNeedIds: ['n1'],
      meetsOutcomeIds: [],
    },
  ],
};

describe('planProblems', () => {
  it('keeps the statutory order of sections A to K', () => {
    expect(PLAN_SECTIONS.map((s) => s.key)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
      'F',
      'G',
      'H1',
      'H2',
      'I',
      'J',
      'K',
    ]);
  });

  it('lets a complete draft be issued without naming a school, but not a final plan', () => {
    expect(planProblems(complete, 'draft')).toEqual([]);
    expect(planProblems(complete, 'final').map((p) => p.section)).toEqual(['I']);
    expect(planProblems({ ...complete, placement: 'Demo Brook Special School' }, 'final')).toEqual([]);
  });

  it('requires provision to be quantified and linked to what it meets', () => {
    const vague = {
      ...complete,
      provision: [
        {
          ...(complete.provision[0] as (typeof complete.provision)[number]),
          howOften: ' ',
          meetsNeedIds: ['gone'],
        },
      ],
    };
    expect(planProblems(vague, 'draft').map((p) => p.message)).toEqual([
      'Provision "Visual timetable" must say who provides it, how often and for how long',
      'Provision "Visual timetable" must be linked to a need or an outcome it meets',
    ]);
  });

  it('lists every missing section of an empty plan', () => {
    expect(planProblems(emptyPlanContent(), 'draft').map((p) => p.section)).toEqual(['A', 'B', 'E', 'F']);
  });
});

describe('preparingForAdulthoodApplies', () => {
  it('applies from year 9', () => {
    expect(preparingForAdulthoodApplies('8')).toBe(false);
    expect(preparingForAdulthoodApplies('9')).toBe(true);
    expect(preparingForAdulthoodApplies('R')).toBe(false);
    expect(preparingForAdulthoodApplies(null)).toBe(false);
  });
});
