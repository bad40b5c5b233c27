import { describe, expect, it } from 'vitest';
import {
  DISAGREEMENT_RULES,
  EXCEPTIONS,
  EXCEPTION_TYPES,
  NEEDS_ASSESSMENT_RULES,
  NoRuleInForceError,
  PLAN_LIFE_RULES,
  RULE_IDS,
  STATUTORY_RULES,
  ruleInForce,
  type StatutoryRule,
} from './rules.ts';

describe('the needs-assessment table, as data', () => {
  // One row of statutory-timescales.md "Needs assessment to final plan" for each clock it gives.
  const rows: [string, StatutoryRule['period'], string, string[]][] = [
    ['request-notified', { unit: 'same-day' }, 'SEND Regulations 2014 reg 4', []],
    [
      'decision-to-assess',
      { unit: 'weeks', count: 6 },
      'SEND Regulations 2014 reg 5(1)',
      ['5(4)(a)', '5(4)(b)', '5(4)(c)'],
    ],
    [
      'advice',
      { unit: 'weeks', count: 6 },
      'SEND Regulations 2014 reg 8(1)',
      ['8(2)(a)', '8(2)(b)', '8(2)(c)'],
    ],
    [
      'no-plan-decision',
      { unit: 'weeks', count: 16 },
      'SEND Regulations 2014 reg 10(1)',
      ['10(4)(a)', '10(4)(b)', '10(4)(c)', '10(4)(d)'],
    ],
    [
      'draft-plan-representations',
      { unit: 'days', count: 15, counting: 'beginning-with' },
      'SEND Regulations 2014 reg 13(1); CFA 2014 s.38',
      [],
    ],
    [
      'final-plan',
      { unit: 'weeks', count: 20 },
      'SEND Regulations 2014 reg 13(2)',
      ['10(4)(a)', '10(4)(b)', '10(4)(c)', '10(4)(d)'],
    ],
    ['final-plan-notice', { unit: 'same-day' }, 'SEND Regulations 2014 reg 14', []],
  ];

  it.each(rows)('%s: its period, citation and exceptions', (id, period, legislation, exceptions) => {
    const rule = NEEDS_ASSESSMENT_RULES.find((r) => r.id === id);
    expect(rule?.period).toEqual(period);
    expect(rule?.citation.legislation).toBe(legislation);
    expect(rule?.exceptions).toEqual(exceptions);
    expect(rule?.force).toBe('statutory');
    expect(rule?.effectiveFrom).toBe('2014-09-01');
  });

  it('keeps the school or college consultation as guidance (Code 9.83), 15 days, no exceptions', () => {
    const rule = NEEDS_ASSESSMENT_RULES.find((r) => r.id === 'setting-consultation');
    expect(rule).toMatchObject({
      period: { unit: 'days', count: 15, counting: 'after' },
      force: 'guidance',
      citation: { codeOfPractice: 'Code 9.83' },
      exceptions: [],
    });
  });

  it('treats the draft plan’s 15 days as a period the family is allowed, not a limit on the local authority', () => {
    expect(NEEDS_ASSESSMENT_RULES.find((r) => r.id === 'draft-plan-representations')?.kind).toBe(
      'minimum-period',
    );
  });

  it('allows no missed-appointment exception to the 20 weeks (reg 13(3))', () => {
    expect(NEEDS_ASSESSMENT_RULES.find((r) => r.id === 'final-plan')?.exceptions).not.toContain('8(2)(c)');
  });
});

describe('the exceptions, as the regulations list them', () => {
  it('has reg 5(4)(a)–(c), 8(2)(a)–(c) and 10(4)(a)–(d), each with its citation and condition', () => {
    expect(EXCEPTION_TYPES).toHaveLength(10);
    expect(EXCEPTIONS['5(4)(a)'].condition).toBe('setting-closure');
    expect(EXCEPTIONS['5(4)(b)'].condition).toBe('exceptional-circumstances');
    expect(EXCEPTIONS['5(4)(c)'].condition).toBe('absence-from-area');
    expect(EXCEPTIONS['8(2)(a)'].condition).toBe('exceptional-circumstances');
    expect(EXCEPTIONS['8(2)(b)'].condition).toBe('absence-from-area');
    expect(EXCEPTIONS['8(2)(c)'].condition).toBe('missed-appointment');
    expect(EXCEPTIONS['10(4)(a)'].condition).toBe('setting-closure');
    expect(EXCEPTIONS['10(4)(b)'].condition).toBe('setting-closure');
    expect(EXCEPTIONS['10(4)(c)'].condition).toBe('exceptional-circumstances');
    expect(EXCEPTIONS['10(4)(d)'].condition).toBe('absence-from-area');
    for (const type of EXCEPTION_TYPES) {
      expect(EXCEPTIONS[type].type).toBe(type);
      expect(EXCEPTIONS[type].citation).toBe(`SEND Regulations 2014 reg ${type}`);
    }
  });
});

describe('the rules as a whole', () => {
  it('keeps the three tables apart and every rule in the right one', () => {
    expect(NEEDS_ASSESSMENT_RULES.every((r) => r.stage === 'needs-assessment')).toBe(true);
    expect(PLAN_LIFE_RULES.every((r) => r.stage === 'plan-life')).toBe(true);
    expect(DISAGREEMENT_RULES.every((r) => r.stage === 'disagreement')).toBe(true);
    expect(STATUTORY_RULES).toHaveLength(
      NEEDS_ASSESSMENT_RULES.length + PLAN_LIFE_RULES.length + DISAGREEMENT_RULES.length,
    );
  });

  it('has exactly one version of every rule in force today, each with a citation', () => {
    for (const id of RULE_IDS) {
      const rule = ruleInForce(id, '2026-01-05');
      expect(rule.citation.legislation ?? rule.citation.codeOfPractice).toBeTruthy();
    }
  });

  it('has no two versions of a rule in force on the same day', () => {
    for (const id of RULE_IDS) {
      const versions = STATUTORY_RULES.filter((r) => r.id === id).sort((a, b) =>
        a.effectiveFrom.localeCompare(b.effectiveFrom),
      );
      versions.slice(1).forEach((next, i) => {
        const previous = versions[i];
        expect(previous?.effectiveTo).toBeDefined();
        expect((previous?.effectiveTo ?? '') < next.effectiveFrom).toBe(true);
      });
    }
  });

  it('moves only the tribunal appeal deadlines for Christmas and August', () => {
    expect(STATUTORY_RULES.filter((r) => r.adjustment).map((r) => r.id)).toEqual([
      'appeal-after-decision',
      'appeal-after-mediation-certificate',
    ]);
  });
});

describe('the rule in force on a date', () => {
  it('starts with the SEND Regulations 2014 on 1 September 2014 and has nothing for the old law before', () => {
    expect(ruleInForce('final-plan', '2014-09-01').version).toBe(1);
    expect(() => ruleInForce('final-plan', '2014-08-31')).toThrow(NoRuleInForceError);
    expect(() => ruleInForce('final-plan', '2014-08-31')).toThrow(
      'No version of the "final-plan" rule is in force on 2014-08-31',
    );
  });

  it('starts reg 45 as amended by SI 2015/359 on 1 April 2015', () => {
    expect(ruleInForce('unopposed-make-plan-final', '2015-04-01').period).toEqual({
      unit: 'weeks',
      count: 11,
    });
    expect(() => ruleInForce('unopposed-make-plan-final', '2015-03-31')).toThrow(NoRuleInForceError);
  });

  const v1 = NEEDS_ASSESSMENT_RULES.find((r) => r.id === 'decision-to-assess') as StatutoryRule;
  // A later regime, made up for the test: 8 weeks for requests received from 1 September 2029.
  const regime: StatutoryRule[] = [
    { ...v1, effectiveTo: '2029-08-31' },
    { ...v1, version: 2, period: { unit: 'weeks', count: 8 }, effectiveFrom: '2029-09-01' },
  ];

  it('chooses the version by its effective dates, the last day of the old one included', () => {
    expect(ruleInForce('decision-to-assess', '2029-08-31', regime).version).toBe(1);
    expect(ruleInForce('decision-to-assess', '2029-09-01', regime).version).toBe(2);
    expect(ruleInForce('decision-to-assess', '2035-01-01', regime).period).toEqual({
      unit: 'weeks',
      count: 8,
    });
  });

  it('refuses to guess when versions overlap or the date is not a date', () => {
    const overlapping = [...regime, { ...v1, version: 3, effectiveFrom: '2030-01-01' }];
    expect(() => ruleInForce('decision-to-assess', '2030-06-01', overlapping)).toThrow(
      '2 versions of the "decision-to-assess" rule are in force on 2030-06-01',
    );
    expect(() => ruleInForce('decision-to-assess', '1 Sept 2029', regime)).toThrow(RangeError);
  });
});
