import { formatClockTime, formatDate, isIsoDate } from '../../../../lib/dates.ts';
import {
  ACCESS_ROUTE_LABELS,
  LANGUAGE_CODES,
  LANGUAGES,
  VENUE_ACCESSIBILITY_LABELS,
  WEEKDAY_LABELS,
  WEEKDAYS,
  type Contact,
  type CostOption,
  type Listing,
  type Location,
  type Schedule,
  type ServiceStatus,
} from '../../domain/listing.ts';

/**
 * A listing read field by field, as words a moderator can compare: what the public would read,
 * not the stored codes. Lists (venues, contacts, sessions, cost options) compare item by item.
 */

export type ComparisonRow = { key: string; field: string; before: string; after: string; changed: boolean };

export const STATUS_LABELS: Record<ServiceStatus, string> = {
  active: 'Running',
  inactive: 'Not running at the moment',
  'temporarily closed': 'Temporarily closed',
  defunct: 'Closed for good',
};

export const VISIBILITY_LABELS: Record<Listing['visibility'], string> = {
  public: 'Public: on the Local Offer and in its open data',
  internal: 'Internal: for professionals only',
};

const WEEK_OF_MONTH: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};

const lines = (...parts: (string | undefined | false)[]) => parts.filter((p): p is string => !!p).join('\n');

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export function money(amount: number): string {
  return Number.isInteger(amount) ? `£${amount}` : `£${amount.toFixed(2)}`;
}

export function costOptionText(c: CostOption): string {
  return `${c.option}${c.amount === undefined ? '' : `: ${money(c.amount)}`}${c.amountDescription ? ` (${c.amountDescription})` : ''}`;
}

export function contactText(c: Contact): string {
  return lines(
    c.name,
    c.title,
    c.email && `Email: ${c.email}`,
    c.phone && `Phone: ${c.phone}${c.phoneDescription ? ` (${c.phoneDescription})` : ''}`,
  );
}

export function venueText(l: Location): string {
  return lines(
    l.name,
    l.address1,
    l.city,
    l.postcode,
    l.latitude !== undefined && l.longitude !== undefined && `Map position: ${l.latitude}, ${l.longitude}`,
    l.accessibility.length > 0 &&
      `Accessibility: ${l.accessibility.map((a) => VENUE_ACCESSIBILITY_LABELS[a]).join(', ')}`,
    l.accessibilityDetails,
  );
}

export function scheduleText(s: Schedule): string {
  const days = joinWords(WEEKDAYS.filter((d) => s.byDay.includes(d)).map((d) => WEEKDAY_LABELS[d]));
  let when: string;
  if (s.freq === 'ONCE') when = s.dtstart && isIsoDate(s.dtstart) ? `On ${formatDate(s.dtstart)}` : 'Once';
  else if (s.freq === 'MONTHLY') {
    const week = s.weekOfMonth === undefined ? '' : `${WEEK_OF_MONTH[String(s.weekOfMonth)] ?? ''} `;
    when = `Every month on the ${week}${days}`;
  } else when = `Every week on ${days}`;
  const time =
    s.opensAt && s.closesAt
      ? `, ${formatClockTime(s.opensAt)} to ${formatClockTime(s.closesAt)}`
      : s.opensAt
        ? `, from ${formatClockTime(s.opensAt)}`
        : s.closesAt
          ? `, until ${formatClockTime(s.closesAt)}`
          : '';
  const range =
    s.validFrom || s.validTo
      ? lines(s.validFrom && `From ${formatDate(s.validFrom)}`, s.validTo && `Until ${formatDate(s.validTo)}`)
      : undefined;
  return lines(`${when}${time}${s.termTimeOnly ? ', term time only' : ''}`, range, s.description);
}

type Section =
  | {
      kind: 'one';
      key: string;
      field: string;
      text: (l: Listing, names: ReadonlyMap<string, string>) => string;
    }
  | { kind: 'many'; key: string; field: string; plural: string; items: (l: Listing) => string[] };

const SECTIONS: Section[] = [
  { kind: 'one', key: 'name', field: 'Name', text: (l) => l.name },
  { kind: 'one', key: 'description', field: 'Description', text: (l) => l.description },
  { kind: 'one', key: 'url', field: 'Website', text: (l) => l.url ?? '' },
  { kind: 'one', key: 'email', field: 'Email address', text: (l) => l.email ?? '' },
  { kind: 'one', key: 'status', field: 'Status', text: (l) => STATUS_LABELS[l.status] },
  { kind: 'one', key: 'visibility', field: 'Who can see it', text: (l) => VISIBILITY_LABELS[l.visibility] },
  { kind: 'one', key: 'minimumAge', field: 'Youngest age', text: (l) => String(l.minimumAge) },
  { kind: 'one', key: 'maximumAge', field: 'Oldest age', text: (l) => String(l.maximumAge) },
  { kind: 'one', key: 'eligibility', field: 'Who can use it', text: (l) => l.eligibilityDescription ?? '' },
  {
    kind: 'one',
    key: 'accessRoutes',
    field: 'How to get it',
    text: (l) => lines(...l.accessRoutes.map((a) => ACCESS_ROUTE_LABELS[a])),
  },
  { kind: 'one', key: 'accessDetails', field: 'How to get it: details', text: (l) => l.accessDetails ?? '' },
  { kind: 'one', key: 'isFree', field: 'Free or paid', text: (l) => (l.isFree ? 'Free' : 'Paid') },
  { kind: 'one', key: 'fees', field: 'What it costs', text: (l) => l.feesDescription ?? '' },
  {
    kind: 'many',
    key: 'cost',
    field: 'Cost option',
    plural: 'Cost options',
    items: (l) => l.costOptions.map(costOptionText),
  },
  {
    kind: 'one',
    key: 'languages',
    field: 'Languages',
    text: (l) =>
      LANGUAGE_CODES.filter((c) => l.languages.includes(c))
        .map((c) => LANGUAGES[c])
        .join(', '),
  },
  {
    kind: 'one',
    key: 'terms',
    field: 'Categories and types of need',
    text: (l, names) =>
      lines(
        ...[...new Set(l.termIds)]
          .map((id) => names.get(id) ?? 'A term that is no longer used')
          .sort((a, b) => a.localeCompare(b)),
      ),
  },
  { kind: 'one', key: 'serviceAreas', field: 'Areas covered', text: (l) => lines(...l.serviceAreas) },
  {
    kind: 'many',
    key: 'contact',
    field: 'Contact',
    plural: 'Contacts',
    items: (l) => l.contacts.map(contactText),
  },
  { kind: 'many', key: 'venue', field: 'Venue', plural: 'Venues', items: (l) => l.locations.map(venueText) },
  {
    kind: 'many',
    key: 'session',
    field: 'Session',
    plural: 'Sessions',
    items: (l) => l.schedules.map(scheduleText),
  },
];

/** The listing's fields as words, in the order of the form; lists are numbered from 1. */
export function listingFields(listing: Listing, termNames: ReadonlyMap<string, string>) {
  return compareListings(null, listing, termNames).map(({ key, field, after }) => ({
    key,
    field,
    text: after,
  }));
}

/**
 * Compares two versions of a listing field by field. `before` is null for a listing that has never
 * been approved: then every field that has an answer counts as changed.
 */
export function compareListings(
  before: Listing | null,
  after: Listing,
  termNames: ReadonlyMap<string, string>,
): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const row = (key: string, field: string, b: string, a: string) =>
    rows.push({ key, field, before: b, after: a, changed: b !== a });
  for (const section of SECTIONS) {
    if (section.kind === 'one') {
      row(
        section.key,
        section.field,
        before ? section.text(before, termNames) : '',
        section.text(after, termNames),
      );
      continue;
    }
    const b = before ? section.items(before) : [];
    const a = section.items(after);
    const count = Math.max(b.length, a.length);
    if (count === 0) row(section.key, section.plural, '', '');
    for (let i = 0; i < count; i += 1) {
      row(`${section.key}-${i + 1}`, `${section.field} ${i + 1}`, b[i] ?? '', a[i] ?? '');
    }
  }
  return rows;
}
