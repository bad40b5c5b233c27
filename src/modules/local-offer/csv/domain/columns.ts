import { csvLine } from '../../../../lib/csv.ts';
import { isIsoDate } from '../../../../lib/dates.ts';
import {
  ACCESS_ROUTES,
  LANGUAGE_CODES,
  listingSchema,
  SERVICE_STATUSES,
  VENUE_ACCESSIBILITY,
  WEEKDAYS,
  type Contact,
  type CostOption,
  type Listing,
  type Location,
  type Schedule,
  type Weekday,
} from '../../domain/listing.ts';

/**
 * The Local Offer's services as a spreadsheet: one row per service, one column per answer. The
 * columns and their formats are documented in docs/local-offer-csv.md (keep the two in step: a unit
 * test checks that the guide names every column). Everything here is pure: the routes and the
 * service read and write files, these functions only turn a listing into a row and back.
 */

export const COLUMNS = [
  'service_id',
  'organisation_name',
  'name',
  'description',
  'url',
  'email',
  'status',
  'visibility',
  'minimum_age',
  'maximum_age',
  'eligibility_description',
  'access_routes',
  'access_details',
  'is_free',
  'fees_description',
  'cost_options',
  'languages',
  'categories',
  'needs',
  'service_areas',
  'contact_name',
  'contact_title',
  'contact_email',
  'contact_phone',
  'contact_phone_description',
  'venue_name',
  'venue_address',
  'venue_town',
  'venue_postcode',
  'venue_latitude',
  'venue_longitude',
  'venue_accessibility',
  'venue_accessibility_details',
  'schedule',
  'assured_date',
  'withdrawn',
] as const;
export type Column = (typeof COLUMNS)[number];
export type CsvRow = Record<Column, string>;

/** A file must have these; any other column may be left out (see rowToListing). */
export const REQUIRED_COLUMNS: readonly Column[] = ['service_id', 'organisation_name', 'name'];

const NUMERIC_COLUMNS: ReadonlySet<Column> = new Set([
  'minimum_age',
  'maximum_age',
  'venue_latitude',
  'venue_longitude',
]);

export function isColumn(name: string): name is Column {
  return (COLUMNS as readonly string[]).includes(name);
}

/** The short guide shown on the import page; docs/local-offer-csv.md has the full one. */
export const COLUMN_GUIDE: { column: Column; meaning: string; example: string }[] = [
  {
    column: 'service_id',
    meaning: 'Leave blank for a new service. Do not change it for an existing one',
    example: '',
  },
  {
    column: 'organisation_name',
    meaning: 'An organisation already in the directory, spelt as it is there (any case)',
    example: 'Wolverhampton Parent Carer Forum',
  },
  { column: 'name', meaning: 'The name of the service', example: 'Saturday swimming club' },
  { column: 'description', meaning: 'What the service does', example: '' },
  { column: 'url', meaning: 'Web address', example: 'https://example.org/swimming' },
  { column: 'email', meaning: 'Email address for the service', example: 'swim@example.org' },
  { column: 'status', meaning: SERVICE_STATUSES.join(', '), example: 'active' },
  { column: 'visibility', meaning: 'public, or internal (professionals only)', example: 'public' },
  { column: 'minimum_age', meaning: 'Youngest age, a whole number from 0 to 25', example: '5' },
  { column: 'maximum_age', meaning: 'Oldest age, a whole number from 0 to 25', example: '16' },
  { column: 'eligibility_description', meaning: 'Who the service is for', example: '' },
  {
    column: 'access_routes',
    meaning: `Codes separated by ;: ${ACCESS_ROUTES.join(', ')}`,
    example: 'self_referral',
  },
  { column: 'access_details', meaning: 'How to get the service', example: '' },
  { column: 'is_free', meaning: 'yes or no', example: 'no' },
  { column: 'fees_description', meaning: 'What it costs, in words', example: '' },
  {
    column: 'cost_options',
    meaning: 'Prices separated by ;, each option: amount in pounds then what it is for',
    example: 'Session: 3.50 per session; Brothers and sisters: 2 per session',
  },
  {
    column: 'languages',
    meaning: `Language codes separated by ;: ${LANGUAGE_CODES.join(', ')}`,
    example: 'en; bfi',
  },
  { column: 'categories', meaning: 'Category codes separated by ;', example: 'leisure-and-activities' },
  { column: 'needs', meaning: 'Type of need codes separated by ;', example: 'autism; sensory-and-physical' },
  { column: 'service_areas', meaning: 'Areas served, separated by ;', example: 'City of Wolverhampton' },
  { column: 'contact_name', meaning: 'First contact: name', example: 'Sam' },
  { column: 'contact_title', meaning: 'First contact: job title', example: 'Club leader' },
  { column: 'contact_email', meaning: 'First contact: email address', example: 'sam@example.org' },
  { column: 'contact_phone', meaning: 'First contact: phone number', example: '01902 000000' },
  {
    column: 'contact_phone_description',
    meaning: 'First contact: when to call',
    example: 'Weekdays 9am to 5pm',
  },
  { column: 'venue_name', meaning: 'First venue: name', example: 'Central Baths' },
  { column: 'venue_address', meaning: 'First venue: street address', example: '1 Bath Street' },
  { column: 'venue_town', meaning: 'First venue: town or city', example: 'Wolverhampton' },
  { column: 'venue_postcode', meaning: 'First venue: postcode', example: 'WV1 1AA' },
  {
    column: 'venue_latitude',
    meaning: 'First venue: latitude (blank: found from the postcode)',
    example: '52.586',
  },
  { column: 'venue_longitude', meaning: 'First venue: longitude', example: '-2.128' },
  {
    column: 'venue_accessibility',
    meaning: `Codes separated by ;: ${VENUE_ACCESSIBILITY.join(', ')}`,
    example: 'step_free; hearing_loop',
  },
  { column: 'venue_accessibility_details', meaning: 'First venue: access in words', example: '' },
  {
    column: 'schedule',
    meaning: 'When it runs: schedules separated by |',
    example: 'WEEKLY MO,WE 16:00-18:00 term-time | ONCE 2026-12-05 10:00-15:00 (Open day)',
  },
  {
    column: 'assured_date',
    meaning: 'When the listing was last checked, YYYY-MM-DD. Blank: today',
    example: '2026-11-23',
  },
  { column: 'withdrawn', meaning: 'Export only: yes or no. Withdraw a listing from its page', example: 'no' },
];

// ------------------------------------------------------------------------------------------ lists

/**
 * List items are separated by ; (schedules by |). Inside an item a backslash makes the next
 * character ordinary, so a price description or an area's name can hold a ; or a :.
 */
function escapeItem(text: string, specials: string): string {
  let out = '';
  for (const c of text) out += c === '\\' || specials.includes(c) ? `\\${c}` : c;
  return out;
}

function unescapeItem(text: string): string {
  return text.replace(/\\([\s\S])/g, '$1');
}

function indexOfUnescaped(text: string, char: string): number {
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === char) return i;
  }
  return -1;
}

/** Splits on unescaped separators; the items keep their escapes, and empty items are dropped. */
function splitEscaped(text: string, separator: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      current += c + (text[i + 1] as string);
      i += 1;
    } else if (c === separator) {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** Codes never hold a comma or a semicolon, so either separates them. */
function splitCodes(text: string): string[] {
  return text
    .split(/[;,]/)
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

// ------------------------------------------------------------------------------------------ prices

function formatAmount(amount: number): string {
  if (Number.isInteger(amount)) return String(amount);
  return Math.round(amount * 100) === amount * 100 ? amount.toFixed(2) : String(amount);
}

/** `Option: 3.50 per session`; `Option: ask for details`; `Option`. */
export function formatCostOptions(options: readonly CostOption[]): string {
  return options
    .map((o) => {
      let text = escapeItem(o.option, ';:|');
      if (o.amount !== undefined) {
        text += `: ${formatAmount(o.amount)}`;
        if (o.amountDescription) text += ` ${escapeItem(o.amountDescription, ';|')}`;
      } else if (o.amountDescription) {
        // A description that starts like an amount is escaped so it is not read as one.
        const escaped = escapeItem(o.amountDescription, ';|');
        text += `: ${/^[\d£]/.test(escaped) ? '\\' : ''}${escaped}`;
      }
      return text;
    })
    .join('; ');
}

export function parseCostOptions(text: string): { options: CostOption[]; problems: string[] } {
  const options: CostOption[] = [];
  const problems: string[] = [];
  for (const [index, item] of splitEscaped(text, ';').entries()) {
    const colon = indexOfUnescaped(item, ':');
    if (colon < 0) {
      options.push({ option: unescapeItem(item) });
      continue;
    }
    const option = unescapeItem(item.slice(0, colon)).trim();
    const rest = item.slice(colon + 1).trim();
    const amount = /^£?(\d+(?:\.\d+)?)(?=\s|$)([\s\S]*)$/.exec(rest);
    if (!option)
      problems.push(`Price ${index + 1}: write what the price is for before the colon, like Session: 3.50`);
    if (amount) {
      const digits = amount[1] as string;
      if (/\.\d{3,}$/.test(digits))
        problems.push(`Price ${index + 1}: write the amount in pounds and pence, like 3.50`);
      const description = unescapeItem(amount[2] ?? '').trim();
      options.push({
        option,
        amount: Number(digits),
        ...(description ? { amountDescription: description } : {}),
      });
    } else {
      const description = unescapeItem(rest).trim();
      options.push({ option, ...(description ? { amountDescription: description } : {}) });
    }
  }
  return { options, problems };
}

// ------------------------------------------------------------------------------------------ schedules

/** `WEEKLY MO,WE 16:00-18:00 term-time from 2026-01-05 until 2026-03-30 (description)`. */
export function formatSchedule(s: Schedule): string {
  const parts: string[] = [s.freq];
  if (s.freq === 'MONTHLY' && s.weekOfMonth !== undefined)
    parts.push(s.weekOfMonth === -1 ? 'last' : String(s.weekOfMonth));
  if (s.freq === 'ONCE') parts.push(s.dtstart ?? '');
  else if (s.byDay.length > 0) parts.push(s.byDay.join(','));
  if (s.opensAt || s.closesAt) parts.push(`${s.opensAt ?? ''}-${s.closesAt ?? ''}`);
  if (s.termTimeOnly) parts.push('term-time');
  if (s.validFrom) parts.push('from', s.validFrom);
  if (s.validTo) parts.push('until', s.validTo);
  if (s.description) parts.push(`(${escapeItem(s.description, '|')})`);
  return parts.join(' ');
}

export function formatSchedules(schedules: readonly Schedule[]): string {
  return schedules.map(formatSchedule).join(' | ');
}

const TIME = /^(\d{1,2}):(\d{2})$/;
const normaliseTime = (t: string) => {
  const m = TIME.exec(t);
  return m ? `${(m[1] as string).padStart(2, '0')}:${m[2] as string}` : undefined;
};

export function parseSchedules(text: string): { schedules: Schedule[]; problems: string[] } {
  const schedules: Schedule[] = [];
  const problems: string[] = [];
  for (const [index, item] of splitEscaped(text, '|').entries()) {
    const label = `Schedule ${index + 1}`;
    let body = item;
    let description: string | undefined;
    if (item.endsWith(')') && !item.endsWith('\\)')) {
      const open = item.indexOf('(');
      if (open >= 0) {
        description = unescapeItem(item.slice(open + 1, -1)).trim() || undefined;
        body = item.slice(0, open).trim();
      }
    }
    const tokens = body.split(/\s+/).filter((t) => t !== '');
    const freq = (tokens.shift() ?? '').toUpperCase();
    if (freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'ONCE') {
      problems.push(`${label}: start with WEEKLY, MONTHLY or ONCE`);
      continue;
    }
    const schedule: Schedule = {
      freq,
      byDay: [],
      termTimeOnly: false,
      ...(description ? { description } : {}),
    };
    const itemProblems: string[] = [];
    if (freq === 'MONTHLY' && tokens[0] !== undefined && /^([1-4]|-1|last)$/i.test(tokens[0])) {
      const week = (tokens.shift() as string).toLowerCase();
      schedule.weekOfMonth = week === 'last' ? -1 : Number(week);
    }
    if (freq === 'ONCE') {
      const date = tokens.shift() ?? '';
      if (isIsoDate(date)) schedule.dtstart = date;
      else itemProblems.push(`${label}: after ONCE, give the date as YYYY-MM-DD, like ONCE 2026-12-05`);
    } else {
      const days = (tokens.shift() ?? '').toUpperCase();
      const codes = days.split(',').filter((d) => d !== '');
      if (codes.length > 0 && codes.every((d) => (WEEKDAYS as readonly string[]).includes(d))) {
        schedule.byDay = codes as Weekday[];
      } else {
        itemProblems.push(
          `${label}: after ${freq}${freq === 'MONTHLY' ? ' and the week (1 to 4, or last)' : ''}, give the days as codes separated by commas, like MO,WE`,
        );
      }
    }
    while (tokens.length > 0 && itemProblems.length === 0) {
      const token = tokens.shift() as string;
      const lower = token.toLowerCase();
      const times = /^([^-]*)-([^-]*)$/.exec(token);
      if (times && token !== '-' && lower !== 'term-time') {
        const opens = times[1] ? normaliseTime(times[1]) : undefined;
        const closes = times[2] ? normaliseTime(times[2]) : undefined;
        if ((times[1] && !opens) || (times[2] && !closes)) {
          itemProblems.push(`${label}: write times on the 24-hour clock, like 16:00-18:00`);
        } else {
          if (opens) schedule.opensAt = opens;
          if (closes) schedule.closesAt = closes;
        }
      } else if (lower === 'term-time') {
        schedule.termTimeOnly = true;
      } else if (lower === 'from' || lower === 'until') {
        const date = tokens.shift() ?? '';
        if (!isIsoDate(date)) itemProblems.push(`${label}: after ${lower}, give a date as YYYY-MM-DD`);
        else if (lower === 'from') schedule.validFrom = date;
        else schedule.validTo = date;
      } else if (token.startsWith('(')) {
        itemProblems.push(
          `${label}: put a description last, in brackets, like (Open day). Write \\| for a | inside it`,
        );
      } else {
        itemProblems.push(`${label}: we did not understand "${token}". Check the format in the guide`);
      }
    }
    problems.push(...itemProblems);
    if (itemProblems.length === 0) schedules.push(schedule);
  }
  return { schedules, problems };
}

// ------------------------------------------------------------------------------------------ export

export type TermRef = { id: string; code: string; taxonomyKey: string; retired: boolean };
export type OrganisationRef = { id: string; name: string };

export type ExportContext = {
  serviceId: string;
  organisationName: string;
  assuredDate: string;
  withdrawn: boolean;
  termsById: ReadonlyMap<string, TermRef>;
};

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const numberText = (value: number | undefined) => (value === undefined ? '' : String(value));

/**
 * A listing as a row. Only the first contact and the first venue have columns: the import keeps a
 * service's other contacts and venues as they are.
 */
export function listingToRow(listing: Listing, context: ExportContext): CsvRow {
  const codes = (taxonomyKey: string) =>
    listing.termIds
      .map((id) => context.termsById.get(id))
      .filter((t): t is TermRef => t !== undefined && t.taxonomyKey === taxonomyKey)
      .map((t) => t.code)
      .join('; ');
  const contact: Partial<Contact> = listing.contacts[0] ?? {};
  const venue: Partial<Location> = listing.locations[0] ?? {};
  return {
    service_id: context.serviceId,
    organisation_name: context.organisationName,
    name: listing.name,
    description: listing.description,
    url: listing.url ?? '',
    email: listing.email ?? '',
    status: listing.status,
    visibility: listing.visibility,
    minimum_age: String(listing.minimumAge),
    maximum_age: String(listing.maximumAge),
    eligibility_description: listing.eligibilityDescription ?? '',
    access_routes: listing.accessRoutes.join('; '),
    access_details: listing.accessDetails ?? '',
    is_free: yesNo(listing.isFree),
    fees_description: listing.feesDescription ?? '',
    cost_options: formatCostOptions(listing.costOptions),
    languages: listing.languages.join('; '),
    categories: codes('category'),
    needs: codes('need'),
    service_areas: listing.serviceAreas.map((a) => escapeItem(a, ';')).join('; '),
    contact_name: contact.name ?? '',
    contact_title: contact.title ?? '',
    contact_email: contact.email ?? '',
    contact_phone: contact.phone ?? '',
    contact_phone_description: contact.phoneDescription ?? '',
    venue_name: venue.name ?? '',
    venue_address: venue.address1 ?? '',
    venue_town: venue.city ?? '',
    venue_postcode: venue.postcode ?? '',
    venue_latitude: numberText(venue.latitude),
    venue_longitude: numberText(venue.longitude),
    venue_accessibility: (venue.accessibility ?? []).join('; '),
    venue_accessibility_details: venue.accessibilityDetails ?? '',
    schedule: formatSchedules(listing.schedules),
    assured_date: context.assuredDate,
    withdrawn: yesNo(context.withdrawn),
  };
}

const QUOTED_FORMULA = /^'+[=+\-@\t\r]/;

/**
 * One line of the file. csvField defuses a value a spreadsheet would run as a formula by putting a
 * ' before it; a value that already starts with ' and then such a character gets one more, so
 * cellValue can always take exactly one away. Numbers go out as numbers (a negative longitude is
 * not a formula).
 */
export function csvRecord(row: CsvRow): string {
  return csvLine(
    COLUMNS.map((column) => {
      const value = row[column];
      if (NUMERIC_COLUMNS.has(column) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
      return QUOTED_FORMULA.test(value) ? `'${value}` : value;
    }),
  );
}

/** A cell as read from a file: trimmed, with the ' that defused a formula taken away. */
export function cellValue(raw: string): string {
  const value = raw.trim();
  return QUOTED_FORMULA.test(value) ? value.slice(1) : value;
}

// ------------------------------------------------------------------------------------------ import

export type ExistingService = {
  id: string;
  organisationId: string;
  organisationName: string;
  assuredDate: string;
  withdrawn: boolean;
  listing: Listing;
};

export type CsvLookups = {
  /** Directory organisations by lower-case name (more than one means the name is ambiguous). */
  organisationsByName: ReadonlyMap<string, readonly OrganisationRef[]>;
  /** Taxonomy terms by `taxonomyKey:code`. */
  termsByCode: ReadonlyMap<string, TermRef>;
  termsById: ReadonlyMap<string, TermRef>;
  today: string;
  /** The service a row changes, when its service_id was found. */
  existing?: ExistingService | undefined;
};

export function csvLookups(input: {
  organisations: readonly OrganisationRef[];
  terms: readonly TermRef[];
  today: string;
}): CsvLookups {
  const organisationsByName = new Map<string, OrganisationRef[]>();
  for (const o of input.organisations) {
    const key = o.name.trim().toLowerCase();
    organisationsByName.set(key, [...(organisationsByName.get(key) ?? []), o]);
  }
  return {
    organisationsByName,
    termsByCode: new Map(input.terms.map((t) => [`${t.taxonomyKey}:${t.code}`, t])),
    termsById: new Map(input.terms.map((t) => [t.id, t])),
    today: input.today,
  };
}

export type RowProblem = { column: Column | null; message: string };
export type ImportedRow = {
  listing: Listing;
  organisationId: string;
  /** The date in the file, or null when it was left blank (today for a change, unchanged otherwise). */
  assuredDate: string | null;
};

const REQUIRED_MESSAGES: Partial<Record<Column, string>> = {
  organisation_name: 'Enter the name of the organisation that runs the service',
  name: 'Enter the name of the service',
  description: 'Enter a description of the service',
  minimum_age: 'Enter the youngest age, a whole number from 0 to 25',
  maximum_age: 'Enter the oldest age, a whole number from 0 to 25',
  access_routes: `Enter how people get the service: ${ACCESS_ROUTES.join(', ')}`,
  is_free: 'Enter yes if the service is free, or no if it is not',
  venue_name: 'Enter the name of the venue, or leave every venue column blank',
  venue_address: 'Enter the street address of the venue',
  venue_town: 'Enter the town or city of the venue',
  venue_postcode: 'Enter the postcode of the venue',
};

const LISTING_COLUMNS: Partial<Record<keyof Listing, Column>> = {
  name: 'name',
  description: 'description',
  url: 'url',
  email: 'email',
  status: 'status',
  visibility: 'visibility',
  minimumAge: 'minimum_age',
  maximumAge: 'maximum_age',
  eligibilityDescription: 'eligibility_description',
  accessRoutes: 'access_routes',
  accessDetails: 'access_details',
  isFree: 'is_free',
  feesDescription: 'fees_description',
  costOptions: 'cost_options',
  languages: 'languages',
  termIds: 'categories',
  serviceAreas: 'service_areas',
  schedules: 'schedule',
};
const CONTACT_COLUMNS: Record<string, Column> = {
  name: 'contact_name',
  title: 'contact_title',
  email: 'contact_email',
  phone: 'contact_phone',
  phoneDescription: 'contact_phone_description',
};
const VENUE_COLUMNS: Record<string, Column> = {
  name: 'venue_name',
  address1: 'venue_address',
  city: 'venue_town',
  postcode: 'venue_postcode',
  latitude: 'venue_latitude',
  longitude: 'venue_longitude',
  accessibility: 'venue_accessibility',
  accessibilityDetails: 'venue_accessibility_details',
};

type Issue = {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  format?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  input?: unknown;
};

/** A listingSchema problem in the words of the column it concerns. */
function problemFromIssue(issue: Issue): RowProblem {
  const [field, index, part] = issue.path;
  let column: Column = LISTING_COLUMNS[field as keyof Listing] ?? 'name';
  let prefix = '';
  if (field === 'contacts') column = CONTACT_COLUMNS[String(part)] ?? 'contact_name';
  if (field === 'locations') column = VENUE_COLUMNS[String(part)] ?? 'venue_name';
  if (typeof index === 'number') {
    if (field === 'schedules') prefix = `Schedule ${index + 1}: `;
    if (field === 'costOptions') prefix = `Price ${index + 1}: `;
    if (field === 'serviceAreas') prefix = `Area ${index + 1}: `;
    if ((field === 'contacts' || field === 'locations') && index > 0) {
      prefix = `The ${field === 'contacts' ? 'contact' : 'venue'} number ${index + 1}, kept from the listing: `;
    }
  }
  const required = REQUIRED_MESSAGES[column] ?? `Enter a value for ${column}`;
  let message = issue.message;
  const max = issue.maximum === undefined ? '' : String(issue.maximum);
  switch (issue.code) {
    case 'too_big':
      message =
        issue.origin === 'string'
          ? `Must be ${max} characters or fewer`
          : issue.origin === 'array'
            ? `List no more than ${max}`
            : `Must be ${max} or less`;
      break;
    case 'too_small':
      message = issue.origin === 'number' ? `Must be ${String(issue.minimum)} or more` : required;
      break;
    case 'invalid_type':
      message = issue.input === undefined ? required : `Check the value in ${column}`;
      break;
    case 'invalid_format':
      if (issue.format === 'email')
        message = 'Enter an email address in the correct format, like name@example.com';
      else if (issue.format === 'url') message = 'Enter a web address starting with https://';
      break;
    case 'invalid_value':
      message = `Check the value in ${column}: it is not one of the allowed values`;
      break;
    default:
      break;
  }
  return { column, message: `${prefix}${message}` };
}

/** Listings compared for "has anything changed": ids and the order of terms do not count. */
export function comparableListing(listing: Listing): string {
  const withoutId = <T extends { id?: string | undefined }>({ id: _id, ...rest }: T) => rest;
  const normalised = {
    ...listing,
    termIds: [...listing.termIds].sort(),
    contacts: listing.contacts.map(withoutId),
    locations: listing.locations.map(withoutId),
    costOptions: listing.costOptions.map(withoutId),
    schedules: listing.schedules.map((s) => ({ ...withoutId(s), byDay: s.freq === 'ONCE' ? [] : s.byDay })),
  };
  return canonicalJson(normalised);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);

/**
 * A row (cells already passed through cellValue) as a listing, or every problem with it. A column
 * left out of the file keeps what an existing service has now (a new service has it blank), except
 * assured_date, which is taken as blank.
 */
export function rowToListing(
  row: Partial<Record<Column, string>>,
  lookups: CsvLookups,
): ImportedRow | { problems: RowProblem[] } {
  const existing = lookups.existing;
  const current = existing
    ? listingToRow(existing.listing, {
        serviceId: existing.id,
        organisationName: existing.organisationName,
        assuredDate: existing.assuredDate,
        withdrawn: existing.withdrawn,
        termsById: lookups.termsById,
      })
    : undefined;
  const cell = (column: Column): string => {
    const value = row[column];
    if (value !== undefined) return value.trim();
    return current && column !== 'assured_date' ? current[column] : '';
  };
  const problems: RowProblem[] = [];
  const problem = (column: Column, message: string) => problems.push({ column, message });
  const optional = (column: Column) => cell(column) || undefined;

  // Who runs it.
  let organisationId = '';
  const organisationName = cell('organisation_name');
  if (!organisationName) problem('organisation_name', REQUIRED_MESSAGES.organisation_name as string);
  else {
    const found = lookups.organisationsByName.get(organisationName.toLowerCase()) ?? [];
    if (found.length === 1) organisationId = (found[0] as OrganisationRef).id;
    else if (found.length === 0) {
      problem(
        'organisation_name',
        `No organisation in the directory is called "${organisationName}". Check the spelling, or add the organisation first`,
      );
    } else problem('organisation_name', `More than one organisation is called "${organisationName}"`);
  }

  const whole = (column: Column): number | undefined => {
    const value = cell(column);
    if (!value) return undefined;
    if (!/^\d+$/.test(value)) {
      problem(column, `${REQUIRED_MESSAGES[column] ?? 'Enter a whole number'}, like 5`);
      return undefined;
    }
    return Number(value);
  };
  const decimal = (column: Column): number | undefined => {
    const value = cell(column);
    if (!value) return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(value)) {
      problem(column, 'Enter a number in decimal degrees, like 52.586 or -2.128');
      return undefined;
    }
    return Number(value);
  };
  const yesOrNo = (column: Column): boolean | undefined => {
    const value = cell(column).toLowerCase();
    if (YES.has(value)) return true;
    if (NO.has(value)) return false;
    if (value) problem(column, 'Enter yes or no');
    return undefined;
  };
  const codes = <T extends string>(column: Column, allowed: readonly T[], what: string): T[] => {
    const found: T[] = [];
    for (const code of splitCodes(cell(column))) {
      const known = allowed.find((a) => a.toLowerCase() === code.toLowerCase());
      if (known) found.push(known);
      else problem(column, `"${code}" is not ${what}. Use ${allowed.join(', ')}`);
    }
    return found;
  };
  const terms = (column: Column, taxonomyKey: string, what: string): string[] => {
    const ids: string[] = [];
    for (const code of splitCodes(cell(column))) {
      const term = lookups.termsByCode.get(`${taxonomyKey}:${code.toLowerCase()}`);
      if (!term) problem(column, `"${code}" is not ${what}. Use the codes on the Categories and needs page`);
      else if (term.retired && !existing?.listing.termIds.includes(term.id)) {
        problem(column, `"${code}" is no longer used. Choose a current ${what.replace(/^an? /, '')}`);
      } else ids.push(term.id);
    }
    return ids;
  };
  const enumValue = <T extends string>(column: Column, allowed: readonly T[]): T | undefined => {
    const value = cell(column).toLowerCase();
    if (!value) return undefined;
    const known = allowed.find((a) => a === value);
    if (!known) problem(column, `Enter one of: ${allowed.join(', ')}`);
    return known;
  };

  const minimumAge = whole('minimum_age');
  const maximumAge = whole('maximum_age');
  if (!cell('minimum_age')) problem('minimum_age', REQUIRED_MESSAGES.minimum_age as string);
  if (!cell('maximum_age')) problem('maximum_age', REQUIRED_MESSAGES.maximum_age as string);
  const isFree = yesOrNo('is_free');
  if (!cell('is_free')) problem('is_free', REQUIRED_MESSAGES.is_free as string);

  const costs = parseCostOptions(cell('cost_options'));
  for (const message of costs.problems) problem('cost_options', message);
  const schedules = parseSchedules(cell('schedule'));
  for (const message of schedules.problems) problem('schedule', message);

  let url = optional('url');
  if (url && !/^[a-z][a-z0-9+.-]*:/i.test(url)) url = `https://${url}`;

  // The first contact and venue; a service's others are kept as they are.
  const contactValues = {
    name: optional('contact_name'),
    title: optional('contact_title'),
    email: optional('contact_email'),
    phone: optional('contact_phone'),
    phoneDescription: optional('contact_phone_description'),
  };
  const hasContact = Object.values(contactValues).some((v) => v !== undefined);
  const otherContacts = existing?.listing.contacts.slice(1) ?? [];
  if (!hasContact && otherContacts.length > 0) {
    problem(
      'contact_name',
      `This service has ${otherContacts.length + 1} contacts and the file shows only the first. To remove a contact, change the listing on its page`,
    );
  }
  const venueValues = {
    name: optional('venue_name'),
    address1: optional('venue_address'),
    city: optional('venue_town'),
    postcode: optional('venue_postcode'),
    latitude: decimal('venue_latitude'),
    longitude: decimal('venue_longitude'),
    accessibility: codes('venue_accessibility', VENUE_ACCESSIBILITY, 'a venue accessibility code'),
    accessibilityDetails: optional('venue_accessibility_details'),
  };
  const hasVenue = Object.values(venueValues).some((v) =>
    Array.isArray(v) ? v.length > 0 : v !== undefined,
  );
  const otherVenues = existing?.listing.locations.slice(1) ?? [];
  if (!hasVenue && otherVenues.length > 0) {
    problem(
      'venue_name',
      `This service has ${otherVenues.length + 1} venues and the file shows only the first. To remove a venue, change the listing on its page`,
    );
  }

  const categoryIds = terms('categories', 'category', 'a category code');
  const needIds = terms('needs', 'need', 'a type of need code');
  // Terms of other taxonomies (age groups, cost) are worked out from the ages and price; keep any a
  // listing holds so that a row read back unchanged is unchanged.
  const otherTermIds = (existing?.listing.termIds ?? []).filter((id) => {
    const key = lookups.termsById.get(id)?.taxonomyKey;
    return key !== 'category' && key !== 'need';
  });

  let assuredDate: string | null = null;
  const assured = cell('assured_date');
  if (assured) {
    if (!isIsoDate(assured)) problem('assured_date', 'Enter the date as YYYY-MM-DD, like 2026-11-23');
    else if (assured > lookups.today)
      problem('assured_date', 'The date the listing was checked must be today or in the past');
    else assuredDate = assured;
  }

  const withdrawn = cell('withdrawn');
  if (withdrawn && row.withdrawn !== undefined) {
    const value = yesOrNo('withdrawn');
    if (value !== undefined && value !== (existing?.withdrawn ?? false)) {
      problem(
        'withdrawn',
        existing
          ? `To ${value ? 'withdraw this listing' : 'put this listing back'}, use its page. Change this back to ${yesNo(existing.withdrawn)}`
          : 'A new service cannot be withdrawn. Leave this blank or write no',
      );
    }
  }

  const draft = {
    name: cell('name'),
    description: cell('description'),
    url,
    email: optional('email'),
    status: enumValue('status', SERVICE_STATUSES),
    visibility: enumValue('visibility', ['public', 'internal'] as const),
    minimumAge,
    maximumAge,
    eligibilityDescription: optional('eligibility_description'),
    accessRoutes: codes('access_routes', ACCESS_ROUTES, 'a way to get the service'),
    accessDetails: optional('access_details'),
    isFree,
    feesDescription: optional('fees_description'),
    costOptions: costs.options,
    languages: codes('languages', LANGUAGE_CODES, 'a language code'),
    termIds: [...categoryIds, ...needIds, ...otherTermIds],
    serviceAreas: splitEscaped(cell('service_areas'), ';').map(unescapeItem),
    contacts: hasContact ? [contactValues, ...otherContacts] : [],
    locations: hasVenue ? [venueValues, ...otherVenues] : [],
    schedules: schedules.schedules,
  };

  const parsed = listingSchema.safeParse(draft);
  if (!parsed.success) {
    const seen = new Set(problems.map((p) => p.column));
    for (const issue of parsed.error.issues) {
      const p = problemFromIssue(issue as Issue);
      // A column already reported (say, an age that is not a number) is not reported twice.
      if (p.column !== null && seen.has(p.column)) continue;
      if (problems.some((q) => q.column === p.column && q.message === p.message)) continue;
      problems.push(p);
    }
  }
  if (problems.length > 0 || !parsed.success) {
    return { problems: problems.length > 0 ? problems : [{ column: null, message: 'Check this row' }] };
  }
  return { listing: parsed.data, organisationId, assuredDate };
}

/** The columns whose values differ between two rows: what a change will alter. */
export function changedColumns(before: CsvRow, after: CsvRow): Column[] {
  return COLUMNS.filter((c) => c !== 'service_id' && c !== 'withdrawn' && before[c] !== after[c]);
}
