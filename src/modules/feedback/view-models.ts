import { formatDateTime } from '../../lib/dates.ts';
import { escapeHtml } from '../../lib/html.ts';
import type { FormValues } from '../../lib/forms.ts';
import type { FeedbackReport, FeedbackReportWithService } from './repository.ts';
import { FEEDBACK_STATUSES, WHAT_WAS_WRONG, type FeedbackStatus } from './schemas.ts';

export const STAFF_FEEDBACK_PATH = '/staff/local-offer/feedback';

export const STATUS_LABELS: Record<FeedbackStatus, string> = {
  new: 'New',
  in_progress: 'In progress',
  resolved: 'Resolved',
};

const STATUS_TAG_CLASSES: Record<FeedbackStatus, string> = {
  new: 'govuk-tag--blue',
  in_progress: 'govuk-tag--yellow',
  resolved: 'govuk-tag--green',
};

export function isFeedbackStatus(value: string): value is FeedbackStatus {
  return (FEEDBACK_STATUSES as readonly string[]).includes(value);
}

export function statusTagHtml(status: string): string {
  const known = isFeedbackStatus(status);
  return `<strong class="govuk-tag ${known ? STATUS_TAG_CLASSES[status] : 'govuk-tag--grey'}">${escapeHtml(
    known ? STATUS_LABELS[status] : status,
  )}</strong>`;
}

export function whatWasWrongLabel(value: string | null): string {
  if (!value) return '';
  return WHAT_WAS_WRONG.find((item) => item.value === value)?.text ?? value;
}

export function kindLabel(kind: string): string {
  return kind === 'page_problem' ? 'Problem with a page' : 'General feedback';
}

/** A short, single-line start of a message for the list; the whole message is on the report's page. */
export function excerpt(text: string, length = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1).trimEnd()}…` : line;
}

export function whatWasWrongItems(selected: string | undefined) {
  return WHAT_WAS_WRONG.map((item) => ({
    value: item.value,
    text: item.text,
    checked: item.value === selected,
  }));
}

export function statusFilterItems(selected: string | undefined, counts: Record<string, number>) {
  return [
    { value: '', text: 'All statuses', selected: !selected },
    ...FEEDBACK_STATUSES.map((status) => ({
      value: status,
      text: `${STATUS_LABELS[status]} (${counts[status] ?? 0})`,
      selected: status === selected,
    })),
  ];
}

export function reportTableRows(reports: FeedbackReport[]) {
  return reports.map((report) => [
    { text: formatDateTime(report.received_at) },
    {
      html: `<a class="govuk-link" href="${STAFF_FEEDBACK_PATH}/${report.id}">${escapeHtml(
        report.kind === 'page_problem' ? whatWasWrongLabel(report.what_was_wrong) : kindLabel(report.kind),
      )}</a><br><span class="govuk-body-s">${escapeHtml(excerpt(report.message))}</span>`,
    },
    { text: report.page_path ?? '' },
    { html: statusTagHtml(report.status) },
  ]);
}

/** What was sent, for an editor. The reply address is personal data: shown here, and nowhere public. */
export function reportSummaryRows(report: FeedbackReportWithService) {
  const rows: { key: { text: string }; value: { text: string } | { html: string } }[] = [
    { key: { text: 'Received' }, value: { text: formatDateTime(report.received_at) } },
    { key: { text: 'Type' }, value: { text: kindLabel(report.kind) } },
  ];
  if (report.page_path)
    rows.push({
      key: { text: 'Page' },
      value: {
        html: `<a class="govuk-link" href="${escapeHtml(report.page_path)}">${escapeHtml(report.page_path)}</a>`,
      },
    });
  if (report.service_id)
    rows.push({
      key: { text: 'Service' },
      value: {
        html: `<a class="govuk-link" href="/local-offer/services/${report.service_id}">${escapeHtml(
          report.service_name ?? 'Service listing',
        )}</a>`,
      },
    });
  if (report.what_was_wrong)
    rows.push({ key: { text: 'What was wrong' }, value: { text: whatWasWrongLabel(report.what_was_wrong) } });
  rows.push({
    key: { text: 'Message' },
    value: {
      html: escapeHtml(report.message).split(/\r?\n/).join('<br>'),
    },
  });
  rows.push({
    key: { text: 'Email for a reply' },
    value: report.reply_email
      ? {
          html: `<a class="govuk-link" href="mailto:${escapeHtml(report.reply_email)}">${escapeHtml(
            report.reply_email,
          )}</a>`,
        }
      : { text: 'Not given' },
  });
  rows.push({ key: { text: 'Status' }, value: { html: statusTagHtml(report.status) } });
  if (report.resolved_at)
    rows.push({ key: { text: 'Resolved' }, value: { text: formatDateTime(report.resolved_at) } });
  return rows;
}

export function triageValuesFrom(report: FeedbackReport): FormValues {
  return {
    status: report.status,
    youSaid: report.you_said ?? '',
    weDid: report.we_did ?? '',
    publish: report.publish ? 'yes' : 'no',
  };
}

export function triageItems(values: FormValues) {
  return {
    statuses: FEEDBACK_STATUSES.map((status) => ({
      value: status,
      text: STATUS_LABELS[status],
      checked: values.status === status,
    })),
    publish: [
      { value: 'yes', text: 'Yes', checked: values.publish === 'yes' },
      { value: 'no', text: 'No', checked: values.publish !== 'yes' },
    ],
  };
}

/** Links to each year with published items, the chosen one marked. */
export function yearLinks(years: number[], selected: number | null) {
  return years.map((year) => ({
    text: String(year),
    href: `/local-offer/you-said-we-did?year=${year}`,
    current: year === selected,
  }));
}
