import { formatDateTime } from '../../lib/dates.ts';
import { escapeHtml } from '../../lib/html.ts';
import { HIDDEN_LINK, templateEntry } from './catalogue.ts';
import { OUTBOX_FILTERS, type OutboxFilter, type OutboxMessage } from './repository.ts';
import type { MessageView } from './service.ts';
import { messageState, STATE_LABELS, type DeliveryKind, type MessageState } from './state.ts';

export const OUTBOX_PATH = '/admin/outbox';
export const messagePath = (id: string) => `${OUTBOX_PATH}/${id}`;

const TAG_CLASSES: Record<MessageState, string> = {
  queued: 'govuk-tag--blue',
  retrying: 'govuk-tag--yellow',
  sending: 'govuk-tag--light-blue',
  unknown: 'govuk-tag--orange',
  sent: 'govuk-tag--green',
  failed: 'govuk-tag--red',
  held: 'govuk-tag--grey',
};

const FILTER_LABELS: Record<OutboxFilter, string> = {
  queued: 'Waiting to be sent',
  sending: 'Sending',
  unknown: 'Delivery unknown',
  sent: 'Sent',
  failed: 'Failed',
  held: 'Not sent (no Notify key)',
};

export function statusTag(state: MessageState) {
  return { text: STATE_LABELS[state], classes: TAG_CLASSES[state] };
}

function tagHtml(state: MessageState): string {
  const tag = statusTag(state);
  return `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>`;
}

/** The status filter, with how many messages are in each state. */
export function statusOptions(selected: string | undefined, counts: Record<OutboxFilter, number>) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return [
    { value: '', text: `All messages (${total})`, selected: !selected },
    ...OUTBOX_FILTERS.map((f) => ({
      value: f,
      text: `${FILTER_LABELS[f]} (${counts[f]})`,
      selected: f === selected,
    })),
  ];
}

export function templateTitle(name: string): string {
  return templateEntry(name)?.title ?? name;
}

/** Rows for govukTable: template, recipient, status, attempts, created, sent. */
export function outboxRows(rows: OutboxMessage[], now: Date) {
  return rows.map((m) => [
    {
      html: `<a class="govuk-link" href="${messagePath(m.id)}">${escapeHtml(templateTitle(m.template))}</a><br><span class="govuk-body-s govuk-!-margin-0">${escapeHtml(m.template)}</span>`,
    },
    { text: m.recipient, classes: 'app-break-anywhere' },
    { html: tagHtml(messageState(m, now)) },
    { text: String(m.attempts), format: 'numeric' },
    { text: formatDateTime(m.created_at) },
    { text: m.sent_at ? formatDateTime(m.sent_at) : '' },
  ]);
}

/** What the outbox says about delivery at the top of its pages. */
export function deliveryNotice(delivery: DeliveryKind): { heading: string; text: string } {
  return delivery === 'govuk-notify'
    ? {
        heading: 'Messages are sent by GOV.UK Notify',
        text: 'Each message is sent once. A message Notify did not confirm is shown as "delivery unknown" and is not sent again unless you ask.',
      }
    : {
        heading: 'Messages are not sent: no Notify key configured',
        text: 'Without NOTIFY_API_KEY, messages are kept here for you to read. Nothing is emailed to anyone.',
      };
}

/** The message's facts, for govukSummaryList. */
export function messageSummaryRows(view: MessageView) {
  const m = view.message;
  const row = (key: string, value: { text: string } | { html: string }) => ({ key: { text: key }, value });
  const rows = [
    row('Template', { text: `${templateTitle(m.template)} (${m.template})` }),
    row('Recipient', { text: m.recipient }),
    row('Status', { html: tagHtml(view.state) }),
    row('Attempts', { text: String(m.attempts) }),
    row('Queued', { text: formatDateTime(m.created_at) }),
  ];
  if (m.attempted_at) rows.push(row('Last attempt', { text: formatDateTime(m.attempted_at) }));
  if (view.state === 'retrying' && m.next_attempt_at)
    rows.push(row('Next attempt', { text: formatDateTime(m.next_attempt_at) }));
  if (m.sent_at) rows.push(row('Sent', { text: formatDateTime(m.sent_at) }));
  if (m.provider_reference) rows.push(row('GOV.UK Notify id', { text: m.provider_reference }));
  rows.push(row('Reference given to GOV.UK Notify', { text: m.id }));
  if (m.last_error) rows.push(row('Last error', { text: m.last_error }));
  return rows;
}

/**
 * The personalisation of a message whose template is not in the catalogue, as it was queued. Not knowing
 * which values are sign-in links, it hides every link unless the outbox may show them.
 */
export function personalisationRows(personalisation: Record<string, unknown>, revealLinks: boolean) {
  return Object.entries(personalisation).map(([key, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return {
      key: { text: key },
      value: { text: !revealLinks && /https?:\/\//.test(text) ? HIDDEN_LINK : text },
    };
  });
}
