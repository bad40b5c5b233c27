import { formatDate, formatDateTime } from '../../../lib/dates.ts';
import type { FormErrors, FormValues } from '../../../lib/forms.ts';
import { escapeHtml } from '../../../lib/html.ts';
import {
  FRESHNESS_LABELS,
  freshnessOf,
  reviewDueOn,
  type Freshness,
  type FreshnessSettings,
} from '../domain/freshness.ts';
import {
  ACCESS_ROUTE_LABELS,
  ACCESS_ROUTES,
  LANGUAGES,
  SERVICE_STATUSES,
  VENUE_ACCESSIBILITY,
  VENUE_ACCESSIBILITY_LABELS,
  WEEKDAY_LABELS,
  WEEKDAYS,
} from '../domain/listing.ts';
import type { TaxonomyTerm } from '../repository.ts';
import { STATUS_LABELS, VISIBILITY_LABELS, type ComparisonRow } from './domain/compare.ts';
import type { ListingRow } from './repository.ts';
import { FRESHNESS_FILTERS, LISTING_STATES, field, type ListingState, type RowCounts } from './schemas.ts';

export const BASE_PATH = '/staff/local-offer';

type Tag = { text: string; classes: string };

const tagHtml = (tags: Tag[]) =>
  tags.map((t) => `<strong class="govuk-tag ${t.classes}">${escapeHtml(t.text)}</strong>`).join(' ');

/** Text with its line breaks kept, safe to put in a page. */
export const multiline = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');

export function managementNav(
  isEditor: boolean,
  current: 'overview' | 'listings' | 'moderation' | 'taxonomies' | 'feeds',
) {
  const items = [
    { key: 'overview', text: 'Overview', href: BASE_PATH },
    { key: 'listings', text: 'Listings', href: `${BASE_PATH}/services` },
    ...(isEditor
      ? [
          { key: 'moderation', text: 'Changes to approve', href: `${BASE_PATH}/moderation` },
          { key: 'taxonomies', text: 'Categories and needs', href: `${BASE_PATH}/taxonomies` },
          { key: 'organisations', text: 'Organisations', href: `${BASE_PATH}/organisations` },
          { key: 'information', text: 'Information pages', href: `${BASE_PATH}/information` },
          { key: 'feedback', text: 'Feedback', href: `${BASE_PATH}/feedback` },
          { key: 'import', text: 'Import and export', href: `${BASE_PATH}/import` },
          { key: 'feeds', text: 'Partner feeds', href: `${BASE_PATH}/feeds` },
        ]
      : []),
  ];
  return {
    label: 'Local Offer management',
    items: items.map(({ key, ...item }) => ({ ...item, ...(key === current ? { active: true } : {}) })),
  };
}

export const STATE_LABELS: Record<ListingState, string> = {
  live: 'Live',
  waiting: 'Change waiting for approval',
  not_approved: 'Not yet approved',
  hidden: 'Hidden: not confirmed',
  withdrawn: 'Withdrawn',
};

/**
 * The tags a listing's row carries: its state for the public (withdrawn, not yet approved, hidden,
 * live or internal), then a change waiting, then how soon its review is due.
 */
export function listingTags(
  row: Pick<ListingRow, 'assuredDate' | 'liveRevisionNumber' | 'withdrawn' | 'visibility' | 'pendingNumber'>,
  today: string,
  settings: FreshnessSettings,
): Tag[] {
  const tags: Tag[] = [];
  const freshness = freshnessOf(row.assuredDate, today, settings);
  if (row.withdrawn) tags.push({ text: 'Withdrawn', classes: 'govuk-tag--grey' });
  else if (row.liveRevisionNumber === 0) tags.push({ text: 'Not yet approved', classes: 'govuk-tag--blue' });
  else if (freshness === 'hidden') tags.push({ text: FRESHNESS_LABELS.hidden, classes: 'govuk-tag--red' });
  else if (row.visibility === 'internal')
    tags.push({ text: 'Live: professionals only', classes: 'govuk-tag--purple' });
  else tags.push({ text: 'Live', classes: 'govuk-tag--green' });
  if (row.pendingNumber !== null)
    tags.push({ text: 'Change waiting for approval', classes: 'govuk-tag--yellow' });
  if (!row.withdrawn && row.liveRevisionNumber > 0) {
    if (freshness === 'overdue') tags.push({ text: FRESHNESS_LABELS.overdue, classes: 'govuk-tag--orange' });
    if (freshness === 'due_soon')
      tags.push({ text: FRESHNESS_LABELS.due_soon, classes: 'govuk-tag--yellow' });
  }
  return tags;
}

export function listingsTableRows(rows: ListingRow[], today: string, settings: FreshnessSettings) {
  return rows.map((r) => [
    { html: `<a class="govuk-link" href="${BASE_PATH}/services/${r.id}">${escapeHtml(r.name)}</a>` },
    { text: r.organisationName },
    {
      text:
        r.liveRevisionNumber > 0 && !r.withdrawn
          ? formatDate(reviewDueOn(r.assuredDate, settings))
          : 'Not applicable',
    },
    { html: tagHtml(listingTags(r, today, settings)) },
  ]);
}

type Option = { value: string; text: string; selected?: boolean };

export function listingFilterModel(input: {
  isEditor: boolean;
  organisations: { id: string; name: string }[];
  organisationId: string | undefined;
  status: ListingState | undefined;
  freshness: Freshness | undefined;
}) {
  const select = (items: Option[], selected: string | undefined) =>
    items.map((i) => ({ ...i, ...(i.value === (selected ?? '') ? { selected: true } : {}) }));
  return {
    organisations:
      input.organisations.length > 1
        ? select(
            [
              { value: '', text: 'All organisations' },
              ...input.organisations.map((o) => ({ value: o.id, text: o.name })),
            ],
            input.organisationId,
          )
        : null,
    statuses: select(
      [
        { value: '', text: 'Any status' },
        ...LISTING_STATES.map((s) => ({ value: s, text: STATE_LABELS[s] })),
      ],
      input.status,
    ),
    freshness: select(
      [
        { value: '', text: 'Any review date' },
        ...FRESHNESS_FILTERS.map((f) => ({ value: f, text: FRESHNESS_LABELS[f] })),
      ],
      input.freshness,
    ),
  };
}

export function dashboardModel(d: {
  isEditor: boolean;
  counts: { dueSoon: number; overdue: number; hidden: number; waiting: number; live: number; total: number };
}) {
  const services = `${BASE_PATH}/services`;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const cards = [
    {
      count: d.counts.waiting,
      title: d.isEditor ? 'Changes to approve' : 'Changes waiting for approval',
      text: d.isEditor
        ? `${plural(d.counts.waiting, 'change from a provider is', 'changes from providers are')} waiting for you to approve or reject.`
        : `${plural(d.counts.waiting, 'change you sent is', 'changes you sent are')} waiting for a Local Offer editor.`,
      href: d.isEditor ? `${BASE_PATH}/moderation` : `${services}?status=waiting`,
    },
    {
      count: d.counts.dueSoon,
      title: 'Review due soon',
      text: `${plural(d.counts.dueSoon, 'listing needs', 'listings need')} checking and confirming soon.`,
      href: `${services}?freshness=due_soon`,
    },
    {
      count: d.counts.overdue,
      title: 'Review overdue',
      text:
        d.counts.overdue === 1
          ? '1 listing is past its review date and will be hidden if nobody confirms it.'
          : `${d.counts.overdue} listings are past their review date and will be hidden if nobody confirms them.`,
      href: `${services}?freshness=overdue`,
    },
    {
      count: d.counts.hidden,
      title: 'Hidden: not confirmed',
      text:
        d.counts.hidden === 1
          ? '1 listing is hidden from the public until someone confirms it is still correct.'
          : `${d.counts.hidden} listings are hidden from the public until someone confirms they are still correct.`,
      href: `${services}?freshness=hidden`,
    },
  ];
  return { cards, live: d.counts.live, total: d.counts.total };
}

// ---------------------------------------------------------------- the listing form

type CheckboxItem = { value: string; text: string; checked?: boolean };

/** Builds every GOV.UK macro's parameters for the listing form from the answers and errors. */
export function listingFormModel(input: {
  values: FormValues;
  errors?: FormErrors | undefined;
  rows: RowCounts;
  categories: TaxonomyTerm[];
  needs: TaxonomyTerm[];
  canSetVisibility: boolean;
  organisations?: { id: string; name: string }[] | undefined;
}) {
  const { values, errors } = input;
  const err = (id: string) => errors?.fields[id];
  const selected = (name: string) => (values[name] ?? '').split(', ').filter((v) => v !== '');
  const textInput = (id: string, label: string, extra: Record<string, unknown> = {}) => ({
    id,
    name: id,
    label: { text: label },
    value: values[id] ?? '',
    errorMessage: err(id),
    ...extra,
  });
  const textarea = (id: string, label: string, extra: Record<string, unknown> = {}) => ({
    ...textInput(id, label, extra),
    rows: 4,
  });
  const checkboxes = (
    name: string,
    legend: string,
    items: CheckboxItem[],
    extra: Record<string, unknown> = {},
  ) => ({
    idPrefix: name,
    name,
    fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
    items: items.map((i) => ({ ...i, checked: selected(name).includes(i.value) })),
    errorMessage: err(name),
    classes: 'govuk-checkboxes--small',
    ...extra,
  });
  const radios = (
    name: string,
    legend: string,
    items: CheckboxItem[],
    extra: Record<string, unknown> = {},
  ) => ({
    idPrefix: name,
    name,
    fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
    items: items.map((i) => ({ ...i, checked: values[name] === i.value })),
    errorMessage: err(name),
    ...extra,
  });
  const termItems = (terms: TaxonomyTerm[]) => {
    const parents = terms.filter((t) => t.parentId === null);
    const ordered = [
      ...parents.flatMap((p) => [p, ...terms.filter((c) => c.parentId === p.id)]),
      ...terms.filter((t) => t.parentId !== null && !parents.some((p) => p.id === t.parentId)),
    ];
    return ordered.map((t) => ({ value: t.id, text: `${t.parentId ? '– ' : ''}${t.name}` }));
  };
  const time = (id: string, label: string) =>
    textInput(id, label, { classes: 'govuk-input--width-5', hint: { text: 'For example, 09:30 or 15:00' } });

  return {
    organisation: input.organisations
      ? {
          id: 'organisationId',
          name: 'organisationId',
          label: { text: 'Organisation that runs the service', classes: 'govuk-label--s' },
          items: [
            { value: '', text: 'Select an organisation' },
            ...input.organisations.map((o) => ({
              value: o.id,
              text: o.name,
              selected: values.organisationId === o.id,
            })),
          ],
          errorMessage: err('organisationId'),
        }
      : null,
    name: textInput('name', 'Name of the service', {
      label: { text: 'Name of the service', classes: 'govuk-label--s' },
    }),
    description: textarea('description', 'Description', {
      label: { text: 'Description', classes: 'govuk-label--s' },
      hint: {
        text: 'What the service does and what a family can expect, in plain English. Leave a blank line between paragraphs.',
      },
      rows: 8,
    }),
    url: textInput('url', 'Website (optional)', { type: 'url', spellcheck: false, autocomplete: 'url' }),
    email: textInput('email', 'Email address (optional)', { type: 'email', spellcheck: false }),
    status: radios(
      'status',
      'Is the service running?',
      SERVICE_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s] })),
    ),
    visibility: input.canSetVisibility
      ? radios('visibility', 'Who can see this listing?', [
          { value: 'public', text: VISIBILITY_LABELS.public },
          { value: 'internal', text: VISIBILITY_LABELS.internal },
        ])
      : null,
    minimumAge: textInput('minimumAge', 'Youngest age', {
      inputmode: 'numeric',
      classes: 'govuk-input--width-2',
      hint: { text: 'A whole number from 0 to 25' },
    }),
    maximumAge: textInput('maximumAge', 'Oldest age', {
      inputmode: 'numeric',
      classes: 'govuk-input--width-2',
      hint: { text: 'A whole number from 0 to 25' },
    }),
    eligibilityDescription: textarea('eligibilityDescription', 'Who can use it (optional)', {
      hint: { text: 'For example, "Children with a diagnosis of autism who live in Wolverhampton"' },
    }),
    accessRoutes: checkboxes(
      'accessRoutes',
      'How do families get this service?',
      ACCESS_ROUTES.map((a) => ({ value: a, text: ACCESS_ROUTE_LABELS[a] })),
      { hint: { text: 'Select all that apply' } },
    ),
    accessDetails: textarea('accessDetails', 'How to get it: details (optional)'),
    isFree: radios('isFree', 'Is the service free?', [
      { value: 'free', text: 'Free' },
      { value: 'paid', text: 'Families pay for some or all of it' },
    ]),
    feesDescription: textarea('feesDescription', 'What it costs (optional if free)'),
    costRows: Array.from({ length: input.rows.costs }, (_, i) => {
      const n = i + 1;
      return {
        legend: `Cost option ${n}`,
        option: textInput(field('cost', n, 'Option'), 'What it is for', {
          hint: { text: 'For example, "Per session"' },
        }),
        amount: textInput(field('cost', n, 'Amount'), 'Amount in pounds', {
          prefix: { text: '£' },
          classes: 'govuk-input--width-5',
          inputmode: 'decimal',
        }),
        description: textInput(field('cost', n, 'Description'), 'Notes (optional)'),
      };
    }),
    languages: checkboxes(
      'languages',
      'Languages the service is offered in',
      Object.entries(LANGUAGES).map(([value, text]) => ({ value, text })),
    ),
    categories: checkboxes('categories', 'Categories', termItems(input.categories), {
      hint: { text: 'Select all that describe the service' },
    }),
    needs: checkboxes('needs', 'Types of need', termItems(input.needs), {
      hint: { text: 'Select the needs the service is for. Leave blank if it is for any need' },
    }),
    serviceAreas: textarea('serviceAreas', 'Areas covered (optional)', {
      hint: { text: 'One area on each line, for example a town or ward' },
    }),
    contactRows: Array.from({ length: input.rows.contacts }, (_, i) => {
      const n = i + 1;
      return {
        legend: `Contact ${n}`,
        name: textInput(field('contact', n, 'Name'), 'Name (optional)'),
        title: textInput(field('contact', n, 'Title'), 'Job title (optional)'),
        email: textInput(field('contact', n, 'Email'), 'Email address', { type: 'email', spellcheck: false }),
        phone: textInput(field('contact', n, 'Phone'), 'Phone number', {
          type: 'tel',
          classes: 'govuk-input--width-20',
        }),
      };
    }),
    venueRows: Array.from({ length: input.rows.venues }, (_, i) => {
      const n = i + 1;
      return {
        legend: `Venue ${n}`,
        name: textInput(field('venue', n, 'Name'), 'Name of the venue'),
        address: textInput(field('venue', n, 'Address'), 'Address line'),
        town: textInput(field('venue', n, 'Town'), 'Town or city', { classes: 'govuk-!-width-two-thirds' }),
        postcode: textInput(field('venue', n, 'Postcode'), 'Postcode', { classes: 'govuk-input--width-10' }),
        latitude: textInput(field('venue', n, 'Latitude'), 'Latitude (optional)', {
          classes: 'govuk-input--width-10',
          inputmode: 'decimal',
        }),
        longitude: textInput(field('venue', n, 'Longitude'), 'Longitude (optional)', {
          classes: 'govuk-input--width-10',
          inputmode: 'decimal',
        }),
        accessibility: checkboxes(
          field('venue', n, 'Accessibility'),
          `Accessibility of venue ${n}`,
          VENUE_ACCESSIBILITY.map((a) => ({ value: a, text: VENUE_ACCESSIBILITY_LABELS[a] })),
        ),
        accessibilityDetails: textarea(
          field('venue', n, 'AccessibilityDetails'),
          'Accessibility details (optional)',
          {
            rows: 2,
          },
        ),
      };
    }),
    scheduleRows: Array.from({ length: input.rows.schedules }, (_, i) => {
      const n = i + 1;
      const dateId = field('schedule', n, 'Date');
      const dateError = err(`${dateId}-day`);
      return {
        legend: `Session ${n}`,
        freq: radios(
          field('schedule', n, 'Freq'),
          'How often does it run?',
          [
            { value: 'WEEKLY', text: 'Every week' },
            { value: 'MONTHLY', text: 'Every month' },
            { value: 'ONCE', text: 'Once, on a date' },
          ],
          { classes: 'govuk-radios--small govuk-radios--inline' },
        ),
        days: checkboxes(
          field('schedule', n, 'Days'),
          'Days (for sessions every week or month)',
          WEEKDAYS.map((d) => ({ value: d, text: WEEKDAY_LABELS[d] })),
        ),
        week: {
          id: field('schedule', n, 'Week'),
          name: field('schedule', n, 'Week'),
          label: { text: 'Week of the month (for sessions every month)' },
          items: [
            { value: '', text: 'Not monthly' },
            ...[
              ['1', 'First'],
              ['2', 'Second'],
              ['3', 'Third'],
              ['4', 'Fourth'],
              ['-1', 'Last'],
            ].map(([value, text]) => ({
              value: value as string,
              text: text as string,
              selected: values[field('schedule', n, 'Week')] === value,
            })),
          ],
          errorMessage: err(field('schedule', n, 'Week')),
        },
        date: {
          id: dateId,
          namePrefix: dateId,
          fieldset: { legend: { text: 'Date (for a one-off session)' } },
          hint: { text: 'For example, 27 3 2026' },
          errorMessage: dateError,
          items: (['day', 'month', 'year'] as const).map((part) => ({
            name: part,
            label: part[0]?.toUpperCase() + part.slice(1),
            value: values[`${dateId}-${part}`] ?? '',
            classes: `${part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2'}${dateError ? ' govuk-input--error' : ''}`,
          })),
        },
        opens: time(field('schedule', n, 'Opens'), 'Start time (optional)'),
        closes: time(field('schedule', n, 'Closes'), 'End time (optional)'),
        termTime: {
          idPrefix: field('schedule', n, 'TermTime'),
          name: field('schedule', n, 'TermTime'),
          items: [
            {
              value: 'yes',
              text: 'Term time only',
              checked: selected(field('schedule', n, 'TermTime')).includes('yes'),
            },
          ],
          errorMessage: err(field('schedule', n, 'TermTime')),
          classes: 'govuk-checkboxes--small',
        },
        description: textInput(field('schedule', n, 'Description'), 'Notes (optional)'),
      };
    }),
    changeSummary: textarea('changeSummary', 'What has changed? (optional)', {
      label: { text: 'What has changed? (optional)', classes: 'govuk-label--s' },
      hint: { text: 'A short note for the Local Offer team, kept with this version' },
      rows: 3,
    }),
  };
}

// ---------------------------------------------------------------- reading listings and versions

export function summaryRows(fields: { key: string; field: string; text: string }[]) {
  return fields.map((f) => ({
    key: { text: f.field },
    value: f.text
      ? { html: multiline(f.text) }
      : { html: '<span class="govuk-hint govuk-!-margin-0">Not given</span>' },
  }));
}

/** The comparison table: changed fields first in the form's order; unchanged ones only when asked for. */
export function comparisonModel(rows: ComparisonRow[], showUnchanged: boolean) {
  const cell = (text: string) =>
    text ? { html: multiline(text) } : { html: '<span class="govuk-hint govuk-!-margin-0">Not given</span>' };
  const shown = showUnchanged ? rows : rows.filter((r) => r.changed);
  return {
    changedCount: rows.filter((r) => r.changed).length,
    unchangedCount: rows.filter((r) => !r.changed).length,
    showUnchanged,
    rows: shown.map((r) => [
      {
        html: `${escapeHtml(r.field)}${r.changed ? ' <strong class="govuk-tag govuk-tag--yellow">Changed</strong>' : ''}`,
        classes: r.changed ? 'govuk-!-font-weight-bold' : '',
      },
      cell(r.before),
      cell(r.after),
    ]),
  };
}

export const REVISION_STATUS_LABELS: Record<string, Tag> = {
  pending: { text: 'Waiting for approval', classes: 'govuk-tag--yellow' },
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  superseded: { text: 'Replaced by a later version', classes: 'govuk-tag--grey' },
  rejected: { text: 'Not approved', classes: 'govuk-tag--red' },
};

export function revisionTag(status: string, isLive: boolean): Tag {
  if (isLive) return { text: 'Live', classes: 'govuk-tag--green' };
  return REVISION_STATUS_LABELS[status] ?? { text: status, classes: 'govuk-tag--grey' };
}

export function historyRows(
  serviceId: string,
  liveNumber: number,
  history: {
    number: number;
    status: string;
    submitted_at: Date;
    submitted_by_name: string | null;
    reviewed_at: Date | null;
    reviewed_by_name: string | null;
    rejection_reason: string | null;
    change_summary: string | null;
  }[],
) {
  return history.map((h) => [
    {
      html: `<a class="govuk-link" href="${BASE_PATH}/services/${serviceId}/versions/${h.number}">Version ${h.number}</a>`,
    },
    { html: tagHtml([revisionTag(h.status, h.status === 'approved' && h.number === liveNumber)]) },
    { text: `${h.submitted_by_name ?? 'Not recorded'}, ${formatDateTime(h.submitted_at)}` },
    {
      text: h.reviewed_at
        ? `${h.reviewed_by_name ?? 'Not recorded'}, ${formatDateTime(h.reviewed_at)}`
        : 'Not yet reviewed',
    },
    {
      html: multiline(
        [
          h.change_summary && `Change: ${h.change_summary}`,
          h.rejection_reason && `Reason not approved: ${h.rejection_reason}`,
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    },
  ]);
}

export function queueRows(
  queue: {
    id: string;
    number: number;
    submitted_at: Date;
    service_name: string;
    proposed_name: string;
    live_revision_number: number;
    organisation_name: string;
    submitted_by_name: string | null;
  }[],
) {
  return queue.map((q) => [
    {
      html: `<a class="govuk-link" href="${BASE_PATH}/moderation/${q.id}">${escapeHtml(q.proposed_name || q.service_name)}</a>${
        q.live_revision_number === 0 ? ' <strong class="govuk-tag govuk-tag--blue">New listing</strong>' : ''
      }`,
    },
    { text: q.organisation_name },
    { text: q.submitted_by_name ?? 'Not recorded' },
    { text: formatDateTime(q.submitted_at) },
  ]);
}
