import { describe, expect, it } from 'vitest';
import { pageFrom } from '../../../lib/pagination.ts';
import { buildSen2Return } from './domain/build.ts';
import { casework, CENSUS } from './domain/test-fixtures.ts';
import { issueCountsByRule, validateSen2Return, type Sen2Issue } from './domain/validate.ts';
import type { Sen2Report } from './service.ts';
import {
  censusDateHint,
  censusDateInput,
  datePartsOf,
  issueRows,
  reportView,
  ruleRows,
} from './view-models.ts';

function report(): Sen2Report {
  const ret = buildSen2Return(casework(), CENSUS);
  const issues = validateSen2Return(ret.modules);
  return { ret, issues, counts: issueCountsByRule(issues) };
}

describe('the SEN2 page’s view-models', () => {
  it('fills the census date boxes, marking them when there is an error', () => {
    expect(datePartsOf('2026-01-15')).toEqual({ day: '15', month: '1', year: '2026' });
    const input = censusDateInput(
      { day: '30', month: '2', year: '2026' },
      'The census date must be a real date',
      'Hint',
    );
    expect(input.errorMessage).toEqual({ text: 'The census date must be a real date' });
    expect(input.items.map((i) => [i.name, i.value, i.classes])).toEqual([
      ['day', '30', 'govuk-input--width-2 govuk-input--error'],
      ['month', '2', 'govuk-input--width-2 govuk-input--error'],
      ['year', '2026', 'govuk-input--width-4 govuk-input--error'],
    ]);
    expect(censusDateInput(datePartsOf('2026-01-15'), null, 'Hint')).not.toHaveProperty('errorMessage');
    expect(censusDateHint('2027-01-21')).toBe(
      'The DfE’s census date is the third Thursday of January. For example, 21 1 2027',
    );
  });

  it('links a check to its problems only when it has some, and not to the one already shown', () => {
    const rows = ruleRows(report(), '2026-01-15', null);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual([
      { html: 'Every person has a request' },
      { html: '<strong class="govuk-tag govuk-tag--green">Passed</strong>' },
    ]);
    expect(rows[7]).toEqual([
      {
        html: '<a class="govuk-link" href="/performance/sen2?censusDate=2026-01-15&amp;rule=placement-setting#problems">Placement detail has a URN, UKPRN or SEN setting</a>',
      },
      { text: '2 problems' },
    ]);
    expect(ruleRows(report(), '2026-01-15', 'placement-setting')[7]?.[0]).toEqual({
      html: 'Placement detail has a URN, UKPRN or SEN setting',
    });
  });

  it('links each problem to its case, with the text escaped', () => {
    const issue: Sen2Issue = {
      rule: 'valid-codes',
      message: 'The <b>code</b> is wrong',
      module: 'requests',
      field: 'RequestSource',
      caseId: 'case-1',
      childId: 'child-1',
      reference: 'EHC-<1>',
    };
    expect(issueRows([issue, { ...issue, caseId: null }])).toEqual([
      [
        { html: '<a class="govuk-link" href="/ehc/cases/case-1">EHC-&lt;1&gt;</a>' },
        { text: 'Codes are values of the SEN2 code lists' },
        { text: 'Requests: RequestSource' },
        { text: 'The <b>code</b> is wrong' },
      ],
      [
        { html: 'No case' },
        { text: 'Codes are values of the SEN2 code lists' },
        { text: 'Requests: RequestSource' },
        { text: 'The <b>code</b> is wrong' },
      ],
    ]);
  });

  it('shows one page of the problems, of one check when asked, with the counts in the caption', () => {
    const all = reportView(report(), '2026-01-15', null, pageFrom('1', 2));
    expect(all.heading).toBe('Return for 15 January 2026');
    expect(all.issueCaption).toBe('Problems 1 to 2 of 3');
    expect(all.issueRows).toHaveLength(2);
    expect(all.pagination?.next).toEqual({ href: '/performance/sen2?censusDate=2026-01-15&page=2' });
    expect(all.zipHref).toBe('/performance/sen2/return.zip?censusDate=2026-01-15');
    expect(all.moduleRows[1]).toEqual([
      { text: 'Person' },
      { text: '02-person.csv' },
      { text: '9', format: 'numeric' },
    ]);

    const one = reportView(report(), '2026-01-15', 'placement-setting', pageFrom('1', 50));
    expect(one.issueCaption).toBe('Problems 1 to 2 of 2: Placement detail has a URN, UKPRN or SEN setting');
    expect(one.filter?.clearHref).toBe('/performance/sen2?censusDate=2026-01-15#problems');
    expect(one.pagination).toBeNull();
    expect(one.issueTotalText).toMatch(/^3 problems to put right before the return is sent/);
  });
});
