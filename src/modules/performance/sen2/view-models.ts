/**
 * The SEN2 page's data as GOV.UK macro parameters: the census date form, the records in each module, the
 * checks with their counts, and the problems with a link to each case. No logic is left for the template.
 */
import { formatDate } from '../../../lib/dates.ts';
import { escapeHtml } from '../../../lib/html.ts';
import { paginationParams, type Page } from '../../../lib/pagination.ts';
import { MODULES, moduleSpec } from './domain/modules.ts';
import { SEN2_RULES, type Sen2Issue, type Sen2RuleId } from './domain/validate.ts';
import type { Sen2Report } from './service.ts';

export const SEN2_PATHS = {
  page: '/performance/sen2',
  zip: '/performance/sen2/return.zip',
  issues: '/performance/sen2/issues.csv',
  case: (id: string) => `/ehc/cases/${encodeURIComponent(id)}`,
} as const;

export const ISSUES_PAGE_SIZE = 50;

const number = (n: number) => n.toLocaleString('en-GB');

export type DateParts = { day: string; month: string; year: string };

export function datePartsOf(isoDate: string): DateParts {
  return {
    day: String(Number(isoDate.slice(8, 10))),
    month: String(Number(isoDate.slice(5, 7))),
    year: isoDate.slice(0, 4),
  };
}

/** govukDateInput for the census date, with what was typed and its error. */
export function censusDateInput(parts: DateParts, error: string | null, censusDateHint: string) {
  const errorClass = error ? ' govuk-input--error' : '';
  return {
    id: 'censusDate',
    namePrefix: 'censusDate',
    fieldset: { legend: { text: 'Census date', classes: 'govuk-fieldset__legend--m' } },
    hint: { text: censusDateHint },
    ...(error ? { errorMessage: { text: error } } : {}),
    items: [
      { name: 'day', classes: `govuk-input--width-2${errorClass}`, value: parts.day },
      { name: 'month', classes: `govuk-input--width-2${errorClass}`, value: parts.month },
      { name: 'year', classes: `govuk-input--width-4${errorClass}`, value: parts.year },
    ],
  };
}

export function censusDateHint(defaultCensusDate: string): string {
  const { day, month, year } = datePartsOf(defaultCensusDate);
  return `The DfE’s census date is the third Thursday of January. For example, ${day} ${month} ${year}`;
}

const query = (censusDate: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({ censusDate, ...extra }).toString();

/** The records in each module, as a table. */
export function moduleCountRows(report: Sen2Report) {
  return MODULES.map((spec) => [
    { text: spec.title },
    { text: spec.fileName },
    { text: number(report.ret.modules[spec.key].length), format: 'numeric' },
  ]);
}

/** Each check with how many problems it found; a check with problems links to them. */
export function ruleRows(report: Sen2Report, censusDate: string, current: Sen2RuleId | null) {
  return report.counts.map(({ rule, count }) => [
    {
      html:
        count > 0 && rule.id !== current
          ? `<a class="govuk-link" href="${SEN2_PATHS.page}?${escapeHtml(query(censusDate, { rule: rule.id }))}#problems">${escapeHtml(rule.title)}</a>`
          : escapeHtml(rule.title),
    },
    count === 0
      ? { html: '<strong class="govuk-tag govuk-tag--green">Passed</strong>' }
      : { text: `${number(count)} ${count === 1 ? 'problem' : 'problems'}` },
  ]);
}

/** The problems of one page, each linked to the case where it is put right. */
export function issueRows(issues: readonly Sen2Issue[]) {
  const titles = new Map<string, string>(SEN2_RULES.map((rule) => [rule.id, rule.title]));
  return issues.map((issue) => [
    {
      html: issue.caseId
        ? `<a class="govuk-link" href="${escapeHtml(SEN2_PATHS.case(issue.caseId))}">${escapeHtml(issue.reference ?? 'Open the case')}</a>`
        : 'No case',
    },
    { text: titles.get(issue.rule) ?? issue.rule },
    {
      text: issue.field
        ? `${moduleSpec(issue.module).title}: ${issue.field}`
        : moduleSpec(issue.module).title,
    },
    { text: issue.message },
  ]);
}

/** Everything the report part of the page shows. */
export function reportView(report: Sen2Report, censusDate: string, rule: Sen2RuleId | null, page: Page) {
  const { collectionYear } = report.ret;
  const shown = rule ? report.issues.filter((issue) => issue.rule === rule) : report.issues;
  const onPage = shown.slice(page.offset, page.offset + page.limit);
  const ruleTitle = rule ? SEN2_RULES.find((r) => r.id === rule)?.title : null;
  const first = shown.length === 0 ? 0 : page.offset + 1;
  const last = page.offset + onPage.length;
  return {
    censusDate,
    heading: `Return for ${formatDate(censusDate)}`,
    scope: `Every request received from 1 January to 31 December ${collectionYear.year}, every earlier request still open on 1 January ${collectionYear.year}, and every EHC plan active on ${formatDate(censusDate)}. Outcomes are as they stood on the census date.`,
    moduleRows: moduleCountRows(report),
    zipHref: `${SEN2_PATHS.zip}?${query(censusDate)}`,
    issuesCsvHref: `${SEN2_PATHS.issues}?${query(censusDate)}`,
    issueTotal: report.issues.length,
    issueTotalText:
      report.issues.length === 0
        ? 'The return passes every check.'
        : `${number(report.issues.length)} ${report.issues.length === 1 ? 'problem' : 'problems'} to put right before the return is sent. The return can still be downloaded: each problem links to the case where it is fixed.`,
    ruleRows: ruleRows(report, censusDate, rule),
    filter: ruleTitle
      ? { title: ruleTitle, clearHref: `${SEN2_PATHS.page}?${query(censusDate)}#problems` }
      : null,
    issueCaption:
      shown.length === 0
        ? ''
        : `Problems ${number(first)} to ${number(last)} of ${number(shown.length)}${ruleTitle ? `: ${ruleTitle}` : ''}`,
    issueRows: issueRows(onPage),
    pagination: paginationParams(page, shown.length, SEN2_PATHS.page, {
      censusDate,
      ...(rule ? { rule } : {}),
    }),
  };
}
