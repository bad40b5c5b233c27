import type { FormErrors } from '../../../lib/forms.ts';
import { escapeHtml } from '../../../lib/html.ts';
import { COLUMN_GUIDE } from './domain/columns.ts';
import type { ImportProblem, PlannedRow } from './domain/import-plan.ts';

export const CSV_PATHS = {
  export: '/staff/local-offer/services.csv',
  import: '/staff/local-offer/import',
  guide: '/staff/local-offer/import/guide',
  listing: (id: string) => `/staff/local-offer/services/${id}`,
} as const;

/** A report longer than this is cut short: the first problems are what to fix first. */
export const MAX_ROWS_SHOWN = 1000;

type Cell = { text: string } | { html: string; classes?: string };

const code = (text: string) => ({ html: `<code>${escapeHtml(text)}</code>` });

/** The short column guide on the import page. */
export function columnGuideRows(): Cell[][] {
  return COLUMN_GUIDE.map((c) => [
    code(c.column),
    { text: c.meaning },
    c.example ? code(c.example) : { text: '' },
  ]);
}

/** What is wrong with the file as a whole, against its file field. */
export function fileErrors(messages: string[]): FormErrors {
  return {
    summary: messages.map((text) => ({ text, href: '#file' })),
    fields: messages[0] ? { file: { text: messages[0] } } : {},
  };
}

export function problemRows(problems: readonly ImportProblem[]): Cell[][] {
  return problems
    .slice(0, MAX_ROWS_SHOWN)
    .map((p) => [
      { text: String(p.rowNumber) },
      p.column ? code(p.column) : { text: 'Whole row' },
      { text: p.message },
    ]);
}

const KIND_LABELS: Record<PlannedRow['kind'], string> = {
  new: 'New service',
  changed: 'Change',
  confirmed: 'Checked date only',
  unchanged: 'No change',
};

/** The rows that would change something (new services first), for checking before importing. */
export function changeRows(rows: readonly PlannedRow[]): Cell[][] {
  return rows
    .filter((r) => r.kind !== 'unchanged')
    .sort((a, b) => Number(b.kind === 'new') - Number(a.kind === 'new') || a.rowNumber - b.rowNumber)
    .slice(0, MAX_ROWS_SHOWN)
    .map((r) => [
      { text: String(r.rowNumber) },
      r.serviceId
        ? {
            html: `<a class="govuk-link" href="${CSV_PATHS.listing(r.serviceId)}">${escapeHtml(r.listing.name)}</a>`,
          }
        : { text: r.listing.name },
      { text: KIND_LABELS[r.kind] },
      r.kind === 'new'
        ? { text: '' }
        : r.changed.length > 0
          ? { html: r.changed.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ') }
          : { text: 'Details the file does not show' },
    ]);
}

export function countOf(rows: readonly PlannedRow[]): number {
  return rows.filter((r) => r.kind !== 'unchanged').length;
}
