import { z } from 'zod';
import { isIsoDate } from '../../../lib/dates.ts';
import type { FormValues } from '../../../lib/forms.ts';
import { parsePostcode } from '../domain/postcode.ts';
import {
  ACCESS_ROUTES,
  LANGUAGE_CODES,
  SERVICE_STATUSES,
  VENUE_ACCESSIBILITY,
  WEEKDAYS,
  type AccessRoute,
  type Listing,
  type Schedule,
  type ServiceStatus,
  type VenueAccessibility,
  type Weekday,
} from '../domain/listing.ts';

/**
 * The one form that edits a whole listing, as flat fields a browser without JavaScript can post:
 * repeated parts are numbered rows (cost1Option, venue2Postcode …). Every field is read leniently
 * (text as text, checkboxes as lists) so that all the problems are found in one go, including
 * those that span fields (oldest age before youngest, finish before start), and shown together.
 */

/** Rows the form offers when a listing has fewer; a listing with more shows them all. */
export const FORM_ROWS = { costs: 3, contacts: 2, venues: 2, schedules: 4 } as const;
/** The most rows a listing may have (the listing schema's limits). */
export const MAX_ROWS = { costs: 20, contacts: 10, venues: 20, schedules: 50 } as const;
export type RowCounts = { costs: number; contacts: number; venues: number; schedules: number };

export const ROW_PREFIX: Record<keyof RowCounts, string> = {
  costs: 'cost',
  contacts: 'contact',
  venues: 'venue',
  schedules: 'schedule',
};

export const COST_PARTS = ['Option', 'Amount', 'Description'] as const;
export const CONTACT_PARTS = ['Name', 'Title', 'Email', 'Phone'] as const;
export const VENUE_PARTS = [
  'Name',
  'Address',
  'Town',
  'Postcode',
  'Latitude',
  'Longitude',
  'Accessibility',
  'AccessibilityDetails',
] as const;
export const SCHEDULE_PARTS = [
  'Freq',
  'Days',
  'Week',
  'Date-day',
  'Date-month',
  'Date-year',
  'Opens',
  'Closes',
  'TermTime',
  'Description',
] as const;

export const FREQUENCIES = ['WEEKLY', 'MONTHLY', 'ONCE'] as const;
export const WEEKS_OF_MONTH = ['1', '2', '3', '4', '-1'] as const;

export const field = (prefix: string, n: number, part: string) => `${prefix}${n}${part}`;

export type ListingFormOptions = {
  rows: RowCounts;
  /** Term ids that may be chosen as categories and as types of need (retired terms are not offered). */
  categoryIds: readonly string[];
  needIds: readonly string[];
  /** Only editors decide whether a listing is public or for professionals only. */
  canSetVisibility: boolean;
  /** On the new-listing form: the directory organisations this person may add a listing for. */
  organisationIds?: readonly string[];
};

/** What the form posts once it has been checked: text trimmed ('' when blank), checkboxes as lists. */
export type ListingFormData = Record<string, string | string[]>;

const MARKUP = /[<>]/;

/** Text, trimmed; '' when blank. Length and markup are checked here, whether it is needed in the rule set. */
function text(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v.length <= max, { error: `${label} must be ${max} characters or fewer` })
    .refine((v) => !MARKUP.test(v), { error: `${label} must not include the characters < or >` });
}

/** A radio or select answer; '' when none was chosen. */
function pick(values: readonly string[], message: string) {
  return z
    .string({ error: message })
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v === '' || values.includes(v), { error: message });
}

/** Checkboxes: none, one or several of the values offered, and nothing else. */
function checkboxes(values: readonly string[], message: string) {
  return z
    .union([z.string(), z.array(z.string())], { error: message })
    .optional()
    .transform((v) => [...new Set((v === undefined ? [] : [v].flat()).filter((x) => x !== ''))])
    .refine((list) => list.every((x) => values.includes(x)), { error: message });
}

const EMAIL = z.email();
const isEmail = (v: string) => EMAIL.safeParse(v).success;
const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;
const MONEY = /^£?\d{1,6}(\.\d{1,2})?$/;
const DECIMAL = /^-?\d{1,3}(\.\d{1,10})?$/;

/** "9:30", "9.30" and "09:30" are the same time: HH:MM. */
export function normaliseTime(v: string): string | undefined {
  const m = TIME.exec(v.trim());
  return m ? `${(m[1] as string).padStart(2, '0')}:${m[2]}` : undefined;
}

/** A web address as people type it: "www.example.org" means https://www.example.org. */
export function normaliseUrl(v: string): string | undefined {
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`;
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (!url.hostname.includes('.') || url.username || url.password) return undefined;
    return url.href.length <= 500 ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function money(v: string): number | undefined {
  const compact = v.replace(/[\s,]/g, '');
  if (!MONEY.test(compact)) return undefined;
  const n = Number(compact.replace('£', ''));
  return n <= 100_000 ? n : undefined;
}

function wholeAge(v: string): number | undefined {
  return /^\d{1,2}$/.test(v) && Number(v) <= 25 ? Number(v) : undefined;
}

function decimal(v: string, min: number, max: number): number | undefined {
  if (!DECIMAL.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

function dateFrom(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

const lineList = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The form's fields, in the order they appear (so the error summary reads in the same order). */
export function listingFormSchema(options: ListingFormOptions) {
  const shape: Record<string, z.ZodType> = {};
  if (options.organisationIds) {
    shape.organisationId = pick(options.organisationIds, 'Select the organisation that runs the service');
  }
  Object.assign(shape, {
    name: text('Name', 200),
    description: text('Description', 5000),
    url: text('Website', 500),
    email: text('Email address', 254),
    status: pick(SERVICE_STATUSES, 'Select whether the service is running'),
  });
  if (options.canSetVisibility) {
    shape.visibility = pick(['public', 'internal'], 'Select who can see the listing');
  }
  Object.assign(shape, {
    minimumAge: text('Youngest age', 10),
    maximumAge: text('Oldest age', 10),
    eligibilityDescription: text('Who can use it', 2000),
    accessRoutes: checkboxes(ACCESS_ROUTES, 'Select how families get this service from the list'),
    accessDetails: text('How to get it: details', 2000),
    isFree: pick(['free', 'paid'], 'Select whether the service is free or paid'),
    feesDescription: text('What it costs', 1000),
  });
  for (let n = 1; n <= options.rows.costs; n += 1) {
    shape[field('cost', n, 'Option')] = text(`Cost option ${n}`, 200);
    shape[field('cost', n, 'Amount')] = text(`Amount for cost option ${n}`, 20);
    shape[field('cost', n, 'Description')] = text(`Notes on cost option ${n}`, 500);
  }
  Object.assign(shape, {
    languages: checkboxes(LANGUAGE_CODES, 'Select languages from the list'),
    categories: checkboxes(options.categoryIds, 'Select categories from the list'),
    needs: checkboxes(options.needIds, 'Select types of need from the list'),
    serviceAreas: text('Areas covered', 4200),
  });
  for (let n = 1; n <= options.rows.contacts; n += 1) {
    shape[field('contact', n, 'Name')] = text(`Name of contact ${n}`, 200);
    shape[field('contact', n, 'Title')] = text(`Job title of contact ${n}`, 200);
    shape[field('contact', n, 'Email')] = text(`Email address of contact ${n}`, 254);
    shape[field('contact', n, 'Phone')] = text(`Phone number of contact ${n}`, 40);
  }
  for (let n = 1; n <= options.rows.venues; n += 1) {
    shape[field('venue', n, 'Name')] = text(`Name of venue ${n}`, 200);
    shape[field('venue', n, 'Address')] = text(`Address of venue ${n}`, 200);
    shape[field('venue', n, 'Town')] = text(`Town or city of venue ${n}`, 100);
    shape[field('venue', n, 'Postcode')] = text(`Postcode of venue ${n}`, 10);
    shape[field('venue', n, 'Latitude')] = text(`Latitude of venue ${n}`, 20);
    shape[field('venue', n, 'Longitude')] = text(`Longitude of venue ${n}`, 20);
    shape[field('venue', n, 'Accessibility')] = checkboxes(
      VENUE_ACCESSIBILITY,
      `Select the accessibility of venue ${n} from the list`,
    );
    shape[field('venue', n, 'AccessibilityDetails')] = text(`Accessibility details of venue ${n}`, 1000);
  }
  for (let n = 1; n <= options.rows.schedules; n += 1) {
    shape[field('schedule', n, 'Freq')] = pick(FREQUENCIES, `Select how often session ${n} runs`);
    shape[field('schedule', n, 'Days')] = checkboxes(
      WEEKDAYS,
      `Select the days of session ${n} from the list`,
    );
    shape[field('schedule', n, 'Week')] = pick(
      WEEKS_OF_MONTH,
      `Select which week of the month session ${n} runs`,
    );
    shape[field('schedule', n, 'Date-day')] = text(`Day of session ${n}`, 2);
    shape[field('schedule', n, 'Date-month')] = text(`Month of session ${n}`, 2);
    shape[field('schedule', n, 'Date-year')] = text(`Year of session ${n}`, 4);
    shape[field('schedule', n, 'Opens')] = text(`Start time of session ${n}`, 5);
    shape[field('schedule', n, 'Closes')] = text(`End time of session ${n}`, 5);
    shape[field('schedule', n, 'TermTime')] = checkboxes(['yes'], `Select term time only or leave it blank`);
    shape[field('schedule', n, 'Description')] = text(`Notes on session ${n}`, 500);
  }
  shape.changeSummary = text('What has changed', 500);

  return z.object(shape).superRefine((raw, ctx) => {
    const data = raw as ListingFormData;
    const s = (key: string) => {
      const v = data[key];
      return typeof v === 'string' ? v : '';
    };
    const list = (key: string) => {
      const v = data[key];
      return Array.isArray(v) ? v : [];
    };
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });

    if (options.organisationIds && s('organisationId') === '') {
      problem('organisationId', 'Select the organisation that runs the service');
    }
    if (s('name') === '') problem('name', 'Enter the name of the service');
    if (s('description') === '') problem('description', 'Enter a description of the service');
    if (s('url') !== '' && !normaliseUrl(s('url'))) {
      problem('url', 'Enter a web address in the correct format, like https://www.example.org');
    }
    if (s('email') !== '' && !isEmail(s('email'))) {
      problem('email', 'Enter an email address in the correct format, like name@example.com');
    }
    if (s('status') === '') problem('status', 'Select whether the service is running');
    if (options.canSetVisibility && s('visibility') === '')
      problem('visibility', 'Select who can see the listing');

    const youngest = wholeAge(s('minimumAge'));
    const oldest = wholeAge(s('maximumAge'));
    if (s('minimumAge') === '') problem('minimumAge', 'Enter the youngest age the service is for');
    else if (youngest === undefined)
      problem('minimumAge', 'Youngest age must be a whole number from 0 to 25');
    if (s('maximumAge') === '') problem('maximumAge', 'Enter the oldest age the service is for');
    else if (oldest === undefined) problem('maximumAge', 'Oldest age must be a whole number from 0 to 25');
    if (youngest !== undefined && oldest !== undefined && oldest < youngest) {
      problem('maximumAge', 'Oldest age must be the same as or older than the youngest age');
    }

    if (list('accessRoutes').length === 0) problem('accessRoutes', 'Select how families get this service');
    if (s('isFree') === '') problem('isFree', 'Select whether the service is free or paid');

    let costRows = 0;
    for (let n = 1; n <= options.rows.costs; n += 1) {
      const [option, amount, notes] = COST_PARTS.map((p) => s(field('cost', n, p)));
      if (!option && !amount && !notes) continue;
      costRows += 1;
      if (!option)
        problem(field('cost', n, 'Option'), `Enter what cost option ${n} is for, like "Per session"`);
      if (amount && money(amount) === undefined) {
        problem(
          field('cost', n, 'Amount'),
          `Amount for cost option ${n} must be an amount of money, like 3.50`,
        );
      }
    }
    if (s('isFree') === 'paid' && costRows === 0 && s('feesDescription') === '') {
      problem('feesDescription', 'Say what the service costs: describe the fees or add a cost option');
    }

    const areas = lineList(s('serviceAreas'));
    if (areas.length > 20) problem('serviceAreas', 'Enter no more than 20 areas covered');
    else if (areas.some((a) => a.length > 200))
      problem('serviceAreas', 'Each area covered must be 200 characters or fewer');

    for (let n = 1; n <= options.rows.contacts; n += 1) {
      const [name, title, email, phone] = CONTACT_PARTS.map((p) => s(field('contact', n, p)));
      if (!name && !title && !email && !phone) continue;
      if (email && !isEmail(email)) {
        problem(
          field('contact', n, 'Email'),
          `Enter the email address of contact ${n} in the correct format, like name@example.com`,
        );
      }
      if (!email && !phone)
        problem(field('contact', n, 'Phone'), `Enter a phone number or email address for contact ${n}`);
    }

    for (let n = 1; n <= options.rows.venues; n += 1) {
      const get = (p: string) => s(field('venue', n, p));
      const ticked = list(field('venue', n, 'Accessibility')).length > 0;
      const any = VENUE_PARTS.some((p) => p !== 'Accessibility' && get(p) !== '') || ticked;
      if (!any) continue;
      if (!get('Name')) problem(field('venue', n, 'Name'), `Enter the name of venue ${n}`);
      if (!get('Address')) problem(field('venue', n, 'Address'), `Enter the address of venue ${n}`);
      if (!get('Town')) problem(field('venue', n, 'Town'), `Enter the town or city of venue ${n}`);
      if (!get('Postcode')) problem(field('venue', n, 'Postcode'), `Enter the postcode of venue ${n}`);
      else if (parsePostcode(get('Postcode'))?.kind !== 'unit') {
        problem(field('venue', n, 'Postcode'), `Enter a real postcode for venue ${n}, like WV1 1SH`);
      }
      const lat = get('Latitude');
      const long = get('Longitude');
      if (lat && decimal(lat, 49, 61) === undefined) {
        problem(field('venue', n, 'Latitude'), `Latitude of venue ${n} must be a number from 49 to 61`);
      }
      if (long && decimal(long, -9, 3) === undefined) {
        problem(field('venue', n, 'Longitude'), `Longitude of venue ${n} must be a number from -9 to 3`);
      }
      if (!!lat !== !!long) {
        problem(
          field('venue', n, lat ? 'Longitude' : 'Latitude'),
          `Enter both the latitude and longitude of venue ${n}, or leave both blank`,
        );
      }
    }

    for (let n = 1; n <= options.rows.schedules; n += 1) {
      const get = (p: string) => s(field('schedule', n, p));
      const days = list(field('schedule', n, 'Days'));
      const termTime = list(field('schedule', n, 'TermTime')).length > 0;
      const any =
        SCHEDULE_PARTS.some((p) => p !== 'Days' && p !== 'TermTime' && get(p) !== '') ||
        days.length > 0 ||
        termTime;
      if (!any) continue;
      const freq = get('Freq');
      if (!freq) problem(field('schedule', n, 'Freq'), `Select how often session ${n} runs`);
      if ((freq === 'WEEKLY' || freq === 'MONTHLY') && days.length === 0) {
        problem(field('schedule', n, 'Days'), `Select the days session ${n} runs`);
      }
      if (freq === 'MONTHLY' && !get('Week')) {
        problem(field('schedule', n, 'Week'), `Select which week of the month session ${n} runs`);
      }
      if (freq === 'ONCE') {
        const [day, month, year] = [get('Date-day'), get('Date-month'), get('Date-year')];
        if (!day && !month && !year)
          problem(field('schedule', n, 'Date-day'), `Enter the date of session ${n}`);
        else if (!dateFrom(day, month, year)) {
          problem(
            field('schedule', n, 'Date-day'),
            `Date of session ${n} must be a real date, like 27 3 2026`,
          );
        }
      }
      const opens = get('Opens');
      const closes = get('Closes');
      const opensAt = opens ? normaliseTime(opens) : undefined;
      const closesAt = closes ? normaliseTime(closes) : undefined;
      if (opens && !opensAt)
        problem(field('schedule', n, 'Opens'), `Start time of session ${n} must be a time, like 09:30`);
      if (closes && !closesAt)
        problem(field('schedule', n, 'Closes'), `End time of session ${n} must be a time, like 15:30`);
      if (opensAt && closesAt && closesAt <= opensAt) {
        problem(field('schedule', n, 'Closes'), `End time of session ${n} must be after its start time`);
      }
    }
  });
}

/** How many rows of each kind a posted form has: at least the usual number, at most the listing's limit. */
export function rowCountsFrom(body: unknown): RowCounts {
  const keys = body && typeof body === 'object' ? Object.keys(body) : [];
  const counts = { ...FORM_ROWS } as RowCounts;
  for (const kind of Object.keys(ROW_PREFIX) as (keyof RowCounts)[]) {
    const pattern = new RegExp(`^${ROW_PREFIX[kind]}(\\d{1,3})[A-Z]`);
    for (const key of keys) {
      const n = Number(pattern.exec(key)?.[1] ?? 0);
      // A row beyond the limit is left out of the form, so it is reported as unexpected.
      if (n <= MAX_ROWS[kind]) counts[kind] = Math.max(counts[kind], n);
    }
  }
  return counts;
}

/** Rows to show when editing a listing: the usual number, or more if the listing has more. */
export function rowCountsFor(listing: Listing | null): RowCounts {
  return {
    costs: Math.max(FORM_ROWS.costs, listing?.costOptions.length ?? 0),
    contacts: Math.max(FORM_ROWS.contacts, listing?.contacts.length ?? 0),
    venues: Math.max(FORM_ROWS.venues, listing?.locations.length ?? 0),
    schedules: Math.max(FORM_ROWS.schedules, listing?.schedules.length ?? 0),
  };
}

/**
 * The listing a checked form describes. Empty rows are left out. What the form does not show
 * (a venue's known id, a session's dates of validity, a phone number's note) is carried over from
 * the version being edited, row by row, so saving the form never loses it. Venues are given map
 * positions by the service afterwards, from their postcodes, when none was entered.
 */
export function listingFromForm(
  data: ListingFormData,
  options: { rows: RowCounts; base: Listing | null; visibility: Listing['visibility'] },
): Listing {
  const s = (key: string) => {
    const v = data[key];
    return typeof v === 'string' ? v : '';
  };
  const list = (key: string) => {
    const v = data[key];
    return Array.isArray(v) ? v : [];
  };
  const optional = (v: string) => (v === '' ? undefined : v);
  const base = options.base;

  const costOptions: Listing['costOptions'] = [];
  for (let n = 1; n <= options.rows.costs; n += 1) {
    const [option, amount, notes] = COST_PARTS.map((p) => s(field('cost', n, p))) as [string, string, string];
    if (!option && !amount && !notes) continue;
    costOptions.push({
      option,
      ...(amount ? { amount: money(amount) } : {}),
      ...(notes ? { amountDescription: notes } : {}),
    });
  }

  const contacts: Listing['contacts'] = [];
  for (let n = 1; n <= options.rows.contacts; n += 1) {
    const [name, title, email, phone] = CONTACT_PARTS.map((p) => s(field('contact', n, p))) as [
      string,
      string,
      string,
      string,
    ];
    if (!name && !title && !email && !phone) continue;
    const before = base?.contacts[contacts.length];
    contacts.push({
      ...(name ? { name } : {}),
      ...(title ? { title } : {}),
      ...(email ? { email: email.toLowerCase() } : {}),
      ...(phone ? { phone } : {}),
      ...(phone && before?.phone === phone && before.phoneDescription
        ? { phoneDescription: before.phoneDescription }
        : {}),
    });
  }

  const locations: Listing['locations'] = [];
  for (let n = 1; n <= options.rows.venues; n += 1) {
    const get = (p: string) => s(field('venue', n, p));
    const accessibility = list(field('venue', n, 'Accessibility')) as VenueAccessibility[];
    const any = VENUE_PARTS.some((p) => p !== 'Accessibility' && get(p) !== '') || accessibility.length > 0;
    if (!any) continue;
    const postcode = parsePostcode(get('Postcode'))?.display ?? get('Postcode');
    const name = get('Name');
    // The same venue keeps its id, so the public site's links to it stay the same.
    const before = base?.locations.find((l) => l.id && l.name === name && l.postcode === postcode);
    locations.push({
      ...(before?.id ? { id: before.id } : {}),
      name,
      address1: get('Address'),
      city: get('Town'),
      postcode,
      ...(get('Latitude') && get('Longitude')
        ? { latitude: Number(get('Latitude')), longitude: Number(get('Longitude')) }
        : {}),
      accessibility,
      ...(get('AccessibilityDetails') ? { accessibilityDetails: get('AccessibilityDetails') } : {}),
    });
  }

  const schedules: Schedule[] = [];
  for (let n = 1; n <= options.rows.schedules; n += 1) {
    const get = (p: string) => s(field('schedule', n, p));
    const days = list(field('schedule', n, 'Days')) as Weekday[];
    const termTimeOnly = list(field('schedule', n, 'TermTime')).length > 0;
    const any =
      SCHEDULE_PARTS.some((p) => p !== 'Days' && p !== 'TermTime' && get(p) !== '') ||
      days.length > 0 ||
      termTimeOnly;
    if (!any) continue;
    const freq = get('Freq') as Schedule['freq'];
    const before = base?.schedules[schedules.length];
    const opensAt = get('Opens') ? normaliseTime(get('Opens')) : undefined;
    const closesAt = get('Closes') ? normaliseTime(get('Closes')) : undefined;
    const dtstart =
      freq === 'ONCE' ? dateFrom(get('Date-day'), get('Date-month'), get('Date-year')) : undefined;
    schedules.push({
      freq,
      byDay: freq === 'ONCE' ? [] : WEEKDAYS.filter((d) => days.includes(d)),
      ...(freq === 'MONTHLY' && get('Week') ? { weekOfMonth: Number(get('Week')) } : {}),
      ...(dtstart ? { dtstart } : {}),
      ...(before?.validFrom && freq !== 'ONCE' ? { validFrom: before.validFrom } : {}),
      ...(before?.validTo && freq !== 'ONCE' ? { validTo: before.validTo } : {}),
      ...(opensAt ? { opensAt } : {}),
      ...(closesAt ? { closesAt } : {}),
      termTimeOnly,
      ...(get('Description') ? { description: get('Description') } : {}),
    });
  }

  const url = s('url') ? normaliseUrl(s('url')) : undefined;
  return {
    name: s('name'),
    description: s('description'),
    ...(url ? { url } : {}),
    ...(s('email') ? { email: s('email').toLowerCase() } : {}),
    status: s('status') as ServiceStatus,
    visibility: (s('visibility') || options.visibility) as Listing['visibility'],
    minimumAge: Number(s('minimumAge')),
    maximumAge: Number(s('maximumAge')),
    ...(optional(s('eligibilityDescription')) ? { eligibilityDescription: s('eligibilityDescription') } : {}),
    accessRoutes: ACCESS_ROUTES.filter((a) => list('accessRoutes').includes(a)) as AccessRoute[],
    ...(optional(s('accessDetails')) ? { accessDetails: s('accessDetails') } : {}),
    isFree: s('isFree') === 'free',
    ...(optional(s('feesDescription')) ? { feesDescription: s('feesDescription') } : {}),
    costOptions,
    languages: LANGUAGE_CODES.filter((c) => list('languages').includes(c)),
    termIds: [...new Set([...list('categories'), ...list('needs')])],
    serviceAreas: lineList(s('serviceAreas')),
    contacts,
    locations,
    schedules,
  };
}

/** The form's answers for a listing, as the form would post them (checkbox lists joined as parseForm joins them). */
export function formValuesFromListing(
  listing: Listing,
  terms: { categoryIds: readonly string[]; needIds: readonly string[] },
): FormValues {
  const values: FormValues = {
    name: listing.name,
    description: listing.description,
    url: listing.url ?? '',
    email: listing.email ?? '',
    status: listing.status,
    visibility: listing.visibility,
    minimumAge: String(listing.minimumAge),
    maximumAge: String(listing.maximumAge),
    eligibilityDescription: listing.eligibilityDescription ?? '',
    accessRoutes: listing.accessRoutes.join(', '),
    accessDetails: listing.accessDetails ?? '',
    isFree: listing.isFree ? 'free' : 'paid',
    feesDescription: listing.feesDescription ?? '',
    languages: listing.languages.join(', '),
    categories: listing.termIds.filter((id) => terms.categoryIds.includes(id)).join(', '),
    needs: listing.termIds.filter((id) => terms.needIds.includes(id)).join(', '),
    serviceAreas: listing.serviceAreas.join('\n'),
  };
  listing.costOptions.forEach((c, i) => {
    values[field('cost', i + 1, 'Option')] = c.option;
    values[field('cost', i + 1, 'Amount')] = c.amount === undefined ? '' : c.amount.toFixed(2);
    values[field('cost', i + 1, 'Description')] = c.amountDescription ?? '';
  });
  listing.contacts.forEach((c, i) => {
    values[field('contact', i + 1, 'Name')] = c.name ?? '';
    values[field('contact', i + 1, 'Title')] = c.title ?? '';
    values[field('contact', i + 1, 'Email')] = c.email ?? '';
    values[field('contact', i + 1, 'Phone')] = c.phone ?? '';
  });
  listing.locations.forEach((l, i) => {
    values[field('venue', i + 1, 'Name')] = l.name;
    values[field('venue', i + 1, 'Address')] = l.address1;
    values[field('venue', i + 1, 'Town')] = l.city;
    values[field('venue', i + 1, 'Postcode')] = l.postcode;
    values[field('venue', i + 1, 'Latitude')] = l.latitude === undefined ? '' : String(l.latitude);
    values[field('venue', i + 1, 'Longitude')] = l.longitude === undefined ? '' : String(l.longitude);
    values[field('venue', i + 1, 'Accessibility')] = l.accessibility.join(', ');
    values[field('venue', i + 1, 'AccessibilityDetails')] = l.accessibilityDetails ?? '';
  });
  listing.schedules.forEach((sc, i) => {
    const [year = '', month = '', day = ''] = sc.dtstart ? sc.dtstart.split('-') : [];
    values[field('schedule', i + 1, 'Freq')] = sc.freq;
    values[field('schedule', i + 1, 'Days')] = sc.byDay.join(', ');
    values[field('schedule', i + 1, 'Week')] = sc.weekOfMonth === undefined ? '' : String(sc.weekOfMonth);
    values[field('schedule', i + 1, 'Date-day')] = day.replace(/^0/, '');
    values[field('schedule', i + 1, 'Date-month')] = month.replace(/^0/, '');
    values[field('schedule', i + 1, 'Date-year')] = year;
    values[field('schedule', i + 1, 'Opens')] = sc.opensAt ?? '';
    values[field('schedule', i + 1, 'Closes')] = sc.closesAt ?? '';
    values[field('schedule', i + 1, 'TermTime')] = sc.termTimeOnly ? 'yes' : '';
    values[field('schedule', i + 1, 'Description')] = sc.description ?? '';
  });
  return values;
}

/** A blank form starts as a running, public service. */
export const NEW_LISTING_VALUES: FormValues = { status: 'active', visibility: 'public' };

// ---------------------------------------------------------------- other forms

const optionalText = (label: string, max: number) => text(label, max);

export const rejectForm = z.object({
  reason: text('Reason', 1000).refine((v) => v !== '', {
    error: 'Enter the reason the change is not approved, so the provider can put it right',
  }),
});

export const termForm = z.object({
  name: text('Name', 200).refine((v) => v !== '', { error: 'Enter the name of the term' }),
  description: optionalText('Description', 2000),
});

export const newTermForm = termForm.extend({
  parentId: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v === '' || /^[0-9a-f-]{36}$/i.test(v), {
      error: 'Select where the term belongs from the list',
    }),
});

export const emptyForm = z.object({});

export const LISTING_STATES = ['live', 'waiting', 'not_approved', 'hidden', 'withdrawn'] as const;
export type ListingState = (typeof LISTING_STATES)[number];
export const FRESHNESS_FILTERS = ['current', 'due_soon', 'overdue', 'hidden'] as const;

export const listingFilter = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined)),
  organisation: z
    .string()
    .regex(/^[0-9a-f-]{36}$/i)
    .optional()
    .catch(undefined),
  status: z.enum(LISTING_STATES).optional().catch(undefined),
  freshness: z.enum(FRESHNESS_FILTERS).optional().catch(undefined),
  page: z.string().optional().catch(undefined),
});
export type ListingFilter = z.output<typeof listingFilter>;
