/**
 * The return's CSV files: RFC 4180 (fields quoted when they hold a comma, quote or line break; quotes doubled),
 * CRLF line ends, UTF-8 with a byte order mark so that Excel reads names with accents correctly, and a header
 * row of the module's columns. A text cell starting with = + - @ (or a tab or carriage return) is prefixed with
 * an apostrophe, so that a spreadsheet never runs it as a formula (CSV injection); lib/csv does both.
 */
import { csvLine } from '../../../../lib/csv.ts';
import type { Cell, ModuleSpec } from './modules.ts';
import { SEN2_RULES, type Sen2Issue } from './validate.ts';

export const BYTE_ORDER_MARK = '\uFEFF';

/** One module as CSV text: the header row, then a line per record in the module's column order. */
export function moduleCsv(spec: ModuleSpec, records: readonly Record<string, unknown>[]): string {
  const lines = [BYTE_ORDER_MARK, csvLine([...spec.columns])];
  for (const record of records) lines.push(csvLine(spec.columns.map((column) => cellOf(record[column]))));
  return lines.join('');
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

export const ISSUE_COLUMNS = ['Rule', 'Check', 'Problem', 'Module', 'Item', 'Case', 'Link'] as const;

/** Every problem the checks found, one a line, with the link to the case where it is put right. */
export function issuesCsv(
  issues: readonly Sen2Issue[],
  options: { baseUrl: string; moduleTitle: (module: Sen2Issue['module']) => string },
): string {
  const titles = new Map<string, string>(SEN2_RULES.map((rule) => [rule.id, rule.title]));
  const base = options.baseUrl.replace(/\/+$/, '');
  const lines = [BYTE_ORDER_MARK, csvLine([...ISSUE_COLUMNS])];
  for (const issue of issues)
    lines.push(
      csvLine([
        issue.rule,
        titles.get(issue.rule) ?? issue.rule,
        issue.message,
        options.moduleTitle(issue.module),
        issue.field,
        issue.reference,
        issue.caseId ? `${base}/ehc/cases/${issue.caseId}` : null,
      ]),
    );
  return lines.join('');
}
