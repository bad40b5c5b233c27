import { z } from 'zod';
import { isIsoDate } from '../../../../lib/dates.ts';
import {
  LANGUAGES,
  listingSchema,
  VENUE_ACCESSIBILITY,
  VENUE_ACCESSIBILITY_LABELS,
  WEEKDAYS,
  type Contact,
  type CostOption,
  type Listing,
  type ListingInput,
  type Location,
  type Schedule,
  type VenueAccessibility,
  type Weekday,
} from '../../../local-offer/domain/listing.ts';
import type { Note } from './report.ts';

/**
 * One Open Referral UK 3.0 service, fully nested (as `GET /services/{id}` answers), as a Local Offer
 * listing. Pure: the caller has already checked the record against the official schema and the
 * rules the schema leaves out, so this reads it defensively but does not judge it again.
 *
 * What the Local Offer cannot hold is left out or adjusted, and each such change is noted (a
 * warning in the import's report) rather than refused: ages beyond 0 to 25 are clamped, venues
 * without an address, schedules we cannot show, languages and taxonomy terms we do not know are
 * left out, over-long text is shortened. Only a record that still makes no valid listing fails.
 */

/** A term of ours that a feed's taxonomy term can match, by code or by name. */
export type TermRef = { id: string; code: string; name: string; taxonomyKey: string };

export type MappedOrganisation = {
  externalId: string;
  name: string;
  description: string;
  email?: string | undefined;
  website?: string | undefined;
  phone?: string | undefined;
};

export type MappedService = {
  externalId: string;
  name: string;
  /** The feed's last_modified for the record (ISO 8601), when it gave one. */
  lastModified: string | undefined;
  /** The nested organisation; when absent, organisationExternalId says which to look up. */
  organisation: MappedOrganisation | undefined;
  organisationExternalId: string | undefined;
  listing: Listing;
  /** The feed's id of each of listing.locations, in the same order. */
  locationExternalIds: string[];
  warnings: Note[];
};

/** Terms only the Local Offer itself sets (from the ages and the price): never taken from a feed. */
const DERIVED_TAXONOMIES = new Set(['age-group', 'cost']);
/** The taxonomies a listing's termIds hold. */
const CHOSEN_TAXONOMIES = new Set(['category', 'need']);

const OLDEST = 25;

/** ISO 639-2/3 codes some feeds use for the languages we list (ours are 639-1, and BSL's 639-3). */
const LANGUAGE_ALIASES: Record<string, string> = {
  eng: 'en',
  bsl: 'bfi',
  sgn: 'bfi',
  'sgn-gb': 'bfi',
  pan: 'pa',
  urd: 'ur',
  pol: 'pl',
  ron: 'ro',
  rum: 'ro',
  ara: 'ar',
  kur: 'ku',
  guj: 'gu',
  ben: 'bn',
  som: 'so',
  tir: 'ti',
};

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** Trimmed text, or undefined when absent or blank. */
function text(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const emailCheck = z.email().max(254);
const urlCheck = z.url({ protocol: /^https?$/ }).max(500);

/** Collects the notes of one record as it is mapped. */
function notebook() {
  const notes: Note[] = [];
  const note = (path: string, message: string) => notes.push({ path, message });
  /** Text cut to what the Local Offer holds, saying so when it had to be cut. */
  const clip = (value: string | undefined, max: number, path: string): string | undefined => {
    if (value === undefined || value.length <= max) return value;
    note(path, `is ${value.length} characters long; the Local Offer keeps the first ${max}`);
    return value.slice(0, max).trimEnd();
  };
  const email = (value: unknown, path: string): string | undefined => {
    const t = text(value);
    if (t === undefined) return undefined;
    if (emailCheck.safeParse(t).success) return t;
    note(path, `is not an email address the Local Offer can show, so it is left out`);
    return undefined;
  };
  const web = (value: unknown, path: string): string | undefined => {
    const t = text(value);
    if (t === undefined) return undefined;
    if (urlCheck.safeParse(t).success) return t;
    note(
      path,
      `is not a web address starting http:// or https:// (500 characters at most), so it is left out`,
    );
    return undefined;
  };
  return { notes, note, clip, email, web };
}

type Book = ReturnType<typeof notebook>;

// ------------------------------------------------------------------ organisation

export function mapOrganisation(org: Obj, book: Book = notebook(), at = ''): MappedOrganisation {
  const name = book.clip(text(org.name), 200, `${at}/name`) ?? 'Unnamed organisation';
  const phones = objects(org.phones);
  return {
    externalId: String(org.id).toLowerCase(),
    name,
    description: book.clip(text(org.description), 5000, `${at}/description`) ?? '',
    email: book.email(org.email, `${at}/email`),
    website: book.web(org.website, `${at}/website`),
    phone: book.clip(text(phones[0]?.number), 40, `${at}/phones/0/number`),
  };
}

// ------------------------------------------------------------------ ages and cost

function ages(record: Obj, book: Book): { minimumAge: number; maximumAge: number } {
  const min = num(record.minimum_age);
  const max = num(record.maximum_age);
  if (min === undefined && max === undefined) {
    book.note('/minimum_age', `no ages are given, so the service is listed for ages 0 to ${OLDEST}`);
  }
  const clamp = (value: number | undefined, fallback: number, field: string) => {
    if (value === undefined) return fallback;
    const whole = Math.round(value);
    if (whole > OLDEST) {
      book.note(
        `/${field}`,
        `is ${value}, over ${OLDEST}, the oldest age the Local Offer covers: listed as ${OLDEST}`,
      );
      return OLDEST;
    }
    if (whole < 0) {
      book.note(`/${field}`, `is ${value}: listed as 0`);
      return 0;
    }
    return whole;
  };
  const minimumAge = clamp(min, 0, 'minimum_age');
  const maximumAge = Math.max(minimumAge, clamp(max, OLDEST, 'maximum_age'));
  return { minimumAge, maximumAge };
}

const FREE_WORDS = /^(free|free of charge|no charge|no cost|none)\.?$/i;

function cost(record: Obj, book: Book): Pick<Listing, 'isFree' | 'feesDescription' | 'costOptions'> {
  const options: CostOption[] = [];
  const raw = objects(record.cost_options);
  for (const [i, c] of raw.entries()) {
    const at = `/cost_options/${i}`;
    if (options.length === 20) {
      book.note(at, 'is beyond the 20 prices a listing holds, so it and those after it are left out');
      break;
    }
    const amount = num(c.amount);
    let kept: number | undefined;
    if (amount !== undefined) {
      if (amount < 0 || amount > 100_000) book.note(`${at}/amount`, `is ${amount}: left out`);
      else kept = Math.round(amount * 100) / 100;
    }
    const amountDescription = book.clip(text(c.amount_description), 500, `${at}/amount_description`);
    const option =
      book.clip(text(c.option), 200, `${at}/option`) ??
      (amountDescription ? amountDescription.slice(0, 200) : kept === 0 ? 'Free' : 'Cost');
    options.push({ option, ...(kept === undefined ? {} : { amount: kept }), amountDescription });
  }
  const fees = book.clip(text(record.fees), 1000, '/fees');
  if (options.length > 0) {
    const isFree = options.every((o) => o.amount === 0);
    // A lone "Free, £0" is how a feed (ours among them) says free; the listing says it once.
    const costOptions =
      isFree &&
      options.length === 1 &&
      /^free$/i.test(options[0]?.option ?? '') &&
      !options[0]?.amountDescription
        ? []
        : options;
    return {
      isFree,
      costOptions,
      feesDescription: isFree && fees && FREE_WORDS.test(fees) ? undefined : fees,
    };
  }
  if (fees) {
    const isFree = FREE_WORDS.test(fees);
    return { isFree, costOptions: [], feesDescription: isFree ? undefined : fees };
  }
  book.note('/fees', 'no fees or cost_options are given, so the listing asks families to check the cost');
  return {
    isFree: false,
    costOptions: [],
    feesDescription: 'Contact the service to ask what it costs.',
  };
}

// ------------------------------------------------------------------ schedules

const BYDAY_TOKEN = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

function clockTime(value: unknown, path: string, book: Book): string | undefined {
  const t = text(value);
  if (t === undefined) return undefined;
  const m = TIME.exec(t);
  if (!m) {
    book.note(path, `is not a time of day like 09:30, so it is left out`);
    return undefined;
  }
  return `${m[1]}:${m[2]}`;
}

function dateOf(value: unknown): string | undefined {
  const t = text(value);
  return t !== undefined && isIsoDate(t) ? t : undefined;
}

function schedule(s: Obj, at: string, book: Book): Schedule[] {
  const opensAt = clockTime(s.opens_at, `${at}/opens_at`, book);
  let closesAt = clockTime(s.closes_at, `${at}/closes_at`, book);
  if (opensAt && closesAt && closesAt <= opensAt) {
    book.note(`${at}/closes_at`, `is not after opens_at (${opensAt}), so only the start time is kept`);
    closesAt = undefined;
  }
  const notes = text(s.notes) ?? '';
  const description = book.clip(text(s.description), 500, `${at}/description`);
  const termTimeOnly = /term[\s-]time only/i.test(`${notes} ${description ?? ''}`);
  const dtstart = dateOf(s.dtstart);
  const validFrom = dateOf(s.valid_from);
  let validTo = dateOf(s.valid_to);
  if (validFrom && validTo && validTo < validFrom) {
    book.note(`${at}/valid_to`, 'is before valid_from, so the schedule is kept without an end date');
    validTo = undefined;
  }
  const common = { opensAt, closesAt, termTimeOnly, description };
  const freq = text(s.freq);

  if (freq === undefined) {
    // No recurrence: a one-off event on its date.
    const day = dtstart ?? validFrom;
    if (!day) {
      book.note(at, 'has neither freq nor a date (dtstart), so the Local Offer cannot show it: left out');
      return [];
    }
    return [{ freq: 'ONCE', byDay: [], dtstart: day, ...common }];
  }

  const interval = num(s.interval);
  if (interval !== undefined && interval > 1) {
    book.note(
      `${at}/interval`,
      `is ${interval}: the Local Offer shows it as every ${freq === 'MONTHLY' ? 'month' : 'week'}`,
    );
  }
  const tokens = (text(s.byday) ?? '')
    .split(',')
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
  const parsed = tokens.map((t) => BYDAY_TOKEN.exec(t));
  if (parsed.some((m) => m === null)) {
    book.note(
      `${at}/byday`,
      `"${text(s.byday)}" is not a list of days like MO,WE or 2SA, so the schedule is left out`,
    );
    return [];
  }
  const days = [...new Set(parsed.map((m) => m?.[2] as Weekday))].sort(
    (a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b),
  );
  const recurring = { ...common, ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}) };

  if (freq === 'WEEKLY' || freq === 'DAILY') {
    let byDay = freq === 'DAILY' ? [...WEEKDAYS] : days;
    if (byDay.length === 0 && dtstart) byDay = [weekdayOf(dtstart)];
    if (byDay.length === 0) {
      book.note(`${at}/byday`, 'a weekly schedule needs its days (byday), so the schedule is left out');
      return [];
    }
    return [{ freq: 'WEEKLY', byDay, ...(dtstart ? { dtstart } : {}), ...recurring }];
  }
  if (freq === 'MONTHLY') {
    // "2SA,-1FR": the second Saturday and the last Friday, one schedule for each week of the month.
    const byOrdinal = new Map<number, Weekday[]>();
    for (const m of parsed) {
      const ordinal = m?.[1] === undefined ? NaN : Number(m[1]);
      byOrdinal.set(ordinal, [...(byOrdinal.get(ordinal) ?? []), m?.[2] as Weekday]);
    }
    const usable = [...byOrdinal.keys()].every((o) => o === -1 || (o >= 1 && o <= 4));
    if (byOrdinal.size === 0 || !usable) {
      book.note(
        at,
        'a monthly schedule is shown only as days in one week of the month (byday like 2SA or -1FR), so it is left out',
      );
      return [];
    }
    return [...byOrdinal.entries()].map(([weekOfMonth, list]) => ({
      freq: 'MONTHLY' as const,
      byDay: WEEKDAYS.filter((d) => list.includes(d)),
      weekOfMonth,
      ...(dtstart ? { dtstart } : {}),
      ...recurring,
    }));
  }
  book.note(`${at}/freq`, `is ${freq}, which the Local Offer cannot show, so the schedule is left out`);
  return [];
}

const JS_DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
function weekdayOf(isoDate: string): Weekday {
  return JS_DAYS[new Date(`${isoDate}T12:00:00Z`).getUTCDay()] as Weekday;
}

// ------------------------------------------------------------------ venues

/** Lower case, with dots, dashes and underscores as spaces: "Step-free access" is "step free access". */
function simple(s: string): string {
  return s
    .toLowerCase()
    .replace(/[._-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const FEATURE_BY_LABEL = new Map<string, VenueAccessibility>([
  ...VENUE_ACCESSIBILITY.map((f) => [simple(f), f] as const),
  ...VENUE_ACCESSIBILITY.map((f) => [simple(VENUE_ACCESSIBILITY_LABELS[f]), f] as const),
]);

function venue(
  location: Obj,
  at: string,
  book: Book,
): { location: Location; externalId: string } | undefined {
  const label = text(location.name) ?? 'a venue';
  if (location.location_type === 'virtual') {
    book.note(at, `${label} is online only; the Local Offer lists places to go, so it is left out`);
    return undefined;
  }
  const addresses = objects(location.addresses);
  const index = Math.max(
    0,
    addresses.findIndex((a) => a.address_type === 'physical'),
  );
  const address = addresses[index];
  const address1 = text(address?.address_1);
  const city = text(address?.city);
  const postcode = text(address?.postal_code);
  if (!address || !address1 || !city || !postcode) {
    book.note(at, `${label} has no street address, town and postcode, so it is left out`);
    return undefined;
  }
  const addressAt = `${at}/addresses/${index}`;
  if (postcode.length > 10) {
    book.note(`${addressAt}/postal_code`, 'is longer than a postcode, so the venue is left out');
    return undefined;
  }
  const latitude = num(location.latitude);
  const longitude = num(location.longitude);
  const placed =
    latitude !== undefined &&
    longitude !== undefined &&
    latitude >= 49 &&
    latitude <= 61 &&
    longitude >= -9 &&
    longitude <= 3;
  if (!placed && (latitude !== undefined || longitude !== undefined)) {
    book.note(
      `${at}/latitude`,
      'the position is not in the UK, so it is left out (the postcode is used instead)',
    );
  }
  const accessibility = new Set<VenueAccessibility>();
  const details: string[] = [];
  for (const a of objects(location.accessibility)) {
    const said = text(a.description) ?? text(a.accessibility);
    const feature = said ? FEATURE_BY_LABEL.get(simple(said)) : undefined;
    if (feature) accessibility.add(feature);
    else if (said) details.push(said);
    const more = text(a.details);
    if (more && more !== said) details.push(more);
  }
  const accessibilityDetails = book.clip(
    details.length > 0 ? [...new Set(details)].join('\n') : undefined,
    1000,
    `${at}/accessibility`,
  );
  return {
    externalId: String(location.id).toLowerCase(),
    location: {
      name: book.clip(text(location.name) ?? address1, 200, `${at}/name`) as string,
      address1: book.clip(address1, 200, `${addressAt}/address_1`) as string,
      city: book.clip(city, 100, `${addressAt}/city`) as string,
      postcode,
      ...(placed ? { latitude, longitude } : {}),
      accessibility: VENUE_ACCESSIBILITY.filter((f) => accessibility.has(f)),
      accessibilityDetails,
    },
  };
}

// ------------------------------------------------------------------ contacts, languages, terms

function contacts(record: Obj, book: Book): Contact[] {
  const out: Contact[] = [];
  const add = (c: Contact, at: string) => {
    if (out.length === 10) {
      book.note(at, 'is beyond the 10 contacts a listing holds, so it is left out');
      return;
    }
    out.push(c);
  };
  for (const [i, c] of objects(record.contacts).entries()) {
    const at = `/contacts/${i}`;
    const person = {
      name: book.clip(text(c.name), 200, `${at}/name`),
      title: book.clip(text(c.title), 200, `${at}/title`),
      email: book.email(c.email, `${at}/email`),
    };
    const phones = objects(c.phones).filter((p) => text(p.number));
    if (phones.length === 0) {
      if (person.name || person.title || person.email) add(person, at);
      continue;
    }
    // One phone number per contact here: a contact with several becomes several.
    for (const [j, p] of phones.entries()) {
      add(
        {
          ...person,
          phone: book.clip(text(p.number), 40, `${at}/phones/${j}/number`),
          phoneDescription: book.clip(text(p.description), 200, `${at}/phones/${j}/description`),
        },
        `${at}/phones/${j}`,
      );
    }
  }
  // HSDS lets a service have phones of its own, outside any contact.
  for (const [j, p] of objects(record.phones).entries()) {
    const number = text(p.number);
    if (!number) continue;
    add(
      {
        phone: book.clip(number, 40, `/phones/${j}/number`),
        phoneDescription: book.clip(text(p.description), 200, `/phones/${j}/description`),
      },
      `/phones/${j}`,
    );
  }
  return out;
}

function languages(record: Obj, book: Book): string[] {
  const byName = new Map(Object.entries(LANGUAGES).map(([code, name]) => [name.toLowerCase(), code]));
  const codes: string[] = [];
  for (const [i, l] of objects(record.languages).entries()) {
    const at = `/languages/${i}`;
    const code = text(l.code)?.toLowerCase();
    const name = text(l.name);
    const known =
      (code && code in LANGUAGES ? code : undefined) ??
      (code ? LANGUAGE_ALIASES[code] : undefined) ??
      (name ? byName.get(name.toLowerCase()) : undefined);
    if (known) {
      if (!codes.includes(known)) codes.push(known);
    } else if (code || name) {
      book.note(at, `${name ?? code} is not one of the languages the Local Offer lists, so it is left out`);
    } else {
      book.note(at, 'gives neither a code nor a name, so it is left out');
    }
  }
  if (codes.length > 20) book.note('/languages', 'has more than 20 languages; the first 20 are kept');
  return codes.slice(0, 20);
}

function termIds(record: Obj, terms: TermRef[], book: Book): string[] {
  const byId = new Map(terms.map((t) => [t.id.toLowerCase(), t]));
  const byCode = new Map<string, TermRef[]>();
  const byName = new Map<string, TermRef[]>();
  for (const t of terms) {
    byCode.set(simple(t.code), [...(byCode.get(simple(t.code)) ?? []), t]);
    byName.set(simple(t.name), [...(byName.get(simple(t.name)) ?? []), t]);
  }
  const ids: string[] = [];
  for (const [i, a] of objects(record.attributes).entries()) {
    const term = isObj(a.taxonomy_term) ? a.taxonomy_term : {};
    const id = text(term.id) ?? text(a.taxonomy_term_id);
    const code = text(term.term);
    const name = text(term.name);
    let matches: TermRef[] = [];
    const sameId = id ? byId.get(id.toLowerCase()) : undefined;
    if (sameId) matches = [sameId];
    if (matches.length === 0 && code) matches = byCode.get(simple(code)) ?? [];
    if (matches.length === 0 && name) matches = byName.get(simple(name)) ?? [];
    if (matches.length === 0) {
      book.note(
        `/attributes/${i}/taxonomy_term`,
        `"${name ?? code ?? id ?? 'a term'}" matches none of the Local Offer's categories or types of need, so it is left out`,
      );
      continue;
    }
    for (const t of matches) {
      // Age groups and free or paid follow from the ages and the price; they are not copied.
      if (DERIVED_TAXONOMIES.has(t.taxonomyKey) || !CHOSEN_TAXONOMIES.has(t.taxonomyKey)) continue;
      if (!ids.includes(t.id)) ids.push(t.id);
    }
  }
  return ids.slice(0, 60);
}

function serviceAreas(record: Obj, book: Book): string[] {
  const out: string[] = [];
  for (const [i, a] of objects(record.service_areas).entries()) {
    const name = book.clip(text(a.name) ?? text(a.service_area), 200, `/service_areas/${i}/name`);
    if (name && !out.includes(name)) out.push(name);
  }
  if (out.length > 20) book.note('/service_areas', 'has more than 20 areas; the first 20 are kept');
  return out.slice(0, 20);
}

// ------------------------------------------------------------------ the service

export type MapResult = { ok: true; mapped: MappedService } | { ok: false; problems: Note[] };

/** Maps a valid ORUK 3.0 service to a listing, noting every adjustment. */
export function mapOrukService(record: unknown, context: { terms: TermRef[] }): MapResult {
  if (!isObj(record)) return { ok: false, problems: [{ path: '', message: 'is not a JSON object' }] };
  const book = notebook();
  // UUIDs in any case are the same id; kept in lower case so that one record is never two here.
  const externalId = String(record.id).toLowerCase();
  const name = book.clip(text(record.name), 200, '/name');
  if (!name) return { ok: false, problems: [{ path: '/name', message: 'a service must have a name' }] };
  const description = text(record.description);
  if (!description) book.note('/description', 'is missing, so the listing repeats the name');

  const status = text(record.status);
  const locations: { location: Location; externalId: string }[] = [];
  const seenLocations = new Set<string>();
  for (const [i, sl] of objects(record.service_at_locations).entries()) {
    const at = `/service_at_locations/${i}/location`;
    if (!isObj(sl.location)) continue;
    const mapped = venue(sl.location, at, book);
    if (!mapped || seenLocations.has(mapped.externalId)) continue;
    if (locations.length === 20) {
      book.note(at, 'is beyond the 20 venues a listing holds, so it is left out');
      continue;
    }
    seenLocations.add(mapped.externalId);
    locations.push(mapped);
  }
  const schedules: Schedule[] = [];
  for (const [i, s] of objects(record.schedules).entries()) {
    for (const mapped of schedule(s, `/schedules/${i}`, book)) {
      if (schedules.length === 50) {
        book.note(`/schedules/${i}`, 'is beyond the 50 schedules a listing holds, so it is left out');
        break;
      }
      schedules.push(mapped);
    }
  }

  const draft: ListingInput = {
    name,
    description: book.clip(description ?? name, 5000, '/description') as string,
    url: book.web(record.url, '/url'),
    email: book.email(record.email, '/email'),
    status:
      status === 'inactive' || status === 'defunct' || status === 'temporarily closed' ? status : 'active',
    visibility: 'public',
    ...ages(record, book),
    eligibilityDescription: book.clip(text(record.eligibility_description), 2000, '/eligibility_description'),
    // ORUK does not say how to get a service; the Local Offer's default is that families ask it.
    accessRoutes: ['self_referral'],
    ...cost(record, book),
    languages: languages(record, book),
    termIds: termIds(record, context.terms, book),
    serviceAreas: serviceAreas(record, book),
    contacts: contacts(record, book),
    locations: locations.map((l) => l.location),
    schedules,
  };
  const checked = listingSchema.safeParse(draft);
  if (!checked.success) {
    return {
      ok: false,
      problems: checked.error.issues.map((issue) => ({
        path: `/${issue.path.join('/')}`,
        message: `cannot be listed in the Local Offer: ${issue.message}`,
      })),
    };
  }
  const nested = isObj(record.organization) ? record.organization : undefined;
  return {
    ok: true,
    mapped: {
      externalId,
      name,
      lastModified: text(record.last_modified),
      organisation: nested ? mapOrganisation(nested, book, '/organization') : undefined,
      organisationExternalId: (text(nested?.id) ?? text(record.organization_id))?.toLowerCase(),
      listing: checked.data,
      locationExternalIds: locations.map((l) => l.externalId),
      warnings: book.notes,
    },
  };
}

// ------------------------------------------------------------------ comparing

/** JSON with sorted keys and no undefined values: equal documents give equal text. */
export function canonicalJson(value: unknown): string {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (isObj(v)) {
      const out: Obj = {};
      for (const key of Object.keys(v).sort()) if (v[key] !== undefined) out[key] = walk(v[key]);
      return out;
    }
    return v;
  };
  return JSON.stringify(walk(value));
}

/**
 * Whether two listings say the same. The stored one comes back from jsonb with its keys reordered,
 * and venues carry our ids once they are known, so ids of venues are not compared.
 */
export function sameListing(a: unknown, b: unknown): boolean {
  const withoutVenueIds = (v: unknown) =>
    isObj(v) && Array.isArray(v.locations)
      ? { ...v, locations: v.locations.map((l) => (isObj(l) ? { ...l, id: undefined } : l)) }
      : v;
  return canonicalJson(withoutVenueIds(a)) === canonicalJson(withoutVenueIds(b));
}
