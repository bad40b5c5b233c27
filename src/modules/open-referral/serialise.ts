/**
 * Our Local Offer as Open Referral UK 3.0 JSON: pure functions from database rows to the standard's
 * objects. Empty fields are left out (never `null`), ids are UUIDs, ages whole numbers and
 * timestamps RFC 3339. Fields HSDS 3.0 has and ORUK's schemas do not list, but a Local Offer needs
 * (`eligibility_description`, contacts' `phones` and `email`, languages' `name` and `code`), are
 * included under their HSDS names.
 */
import { uuidV5 } from '../../lib/uuid.ts';
import { VENUE_ACCESSIBILITY_LABELS, type VenueAccessibility } from '../local-offer/domain/listing.ts';
import type {
  OrukFullServiceRow,
  OrukLocationRow,
  OrukOrganisationRow,
  OrukServiceRow,
  OrukTaxonomyRow,
  OrukTermRow,
} from './repository.ts';

export const ORUK_VERSION = 'HSDS-UK-3.0';
export const ORUK_PROFILE = 'https://openreferraluk.org/specifications/3.0/';

type Json = string | number | boolean | Json[] | { [key: string]: Json };

/** Drops null, undefined, empty strings, empty arrays and objects left empty, at every depth. */
export function compact(value: unknown): Json | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = value.map(compact).filter((v): v is Json => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    let empty = true;
    for (const key in value) {
      const c = compact((value as Record<string, unknown>)[key]);
      if (c !== undefined) {
        out[key] = c;
        empty = false;
      }
    }
    return empty ? undefined : out;
  }
  return undefined;
}

function obj(value: unknown): Record<string, Json> {
  return (compact(value) ?? {}) as Record<string, Json>;
}

const timestamp = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function organisationJson(o: OrukOrganisationRow): Record<string, Json> {
  return obj({
    id: o.id,
    name: o.name,
    // Required by the schema; an organisation without a description is described by its name.
    description: o.description.trim() || o.name,
    email: o.email,
    website: o.website,
    phones: o.phone ? [{ id: uuidV5(o.id, 'phone'), organization_id: o.id, number: o.phone }] : [],
  });
}

export function taxonomyJson(t: OrukTaxonomyRow): Record<string, Json> {
  return obj({
    id: t.id,
    name: t.name,
    description: t.description.trim() || t.name,
    uri: t.term_uri_base,
  });
}

export function taxonomyTermJson(t: OrukTermRow): Record<string, Json> {
  return obj({
    id: t.id,
    name: t.name,
    description: t.description.trim() || t.name,
    parent_id: t.parent_id,
    taxonomy: t.taxonomy_name,
    taxonomy_id: t.taxonomy_id,
    term_uri: t.term_uri_base ? `${t.term_uri_base}${t.code}` : undefined,
    term: t.code,
  });
}

/** RFC 5545 BYDAY: "MO,WE" weekly; "2SA" (second Saturday) or "-1FR" (last Friday) monthly. */
function byDay(days: string[], weekOfMonth: number | null): string | undefined {
  if (days.length === 0) return undefined;
  return days.map((d) => (weekOfMonth ? `${weekOfMonth}${d}` : d)).join(',');
}

export function locationJson(l: OrukLocationRow, area: { county: string }): Record<string, Json> {
  const features = l.accessibility.map((feature) => ({
    id: uuidV5(l.id, `accessibility:${feature}`),
    location_id: l.id,
    description: VENUE_ACCESSIBILITY_LABELS[feature as VenueAccessibility] ?? feature,
  }));
  const details = l.accessibility_details
    ? [{ id: uuidV5(l.id, 'accessibility:details'), location_id: l.id, details: l.accessibility_details }]
    : [];
  return obj({
    id: l.id,
    location_type: 'physical',
    name: l.name,
    latitude: l.latitude,
    longitude: l.longitude,
    addresses: [
      {
        id: uuidV5(l.id, 'address'),
        location_id: l.id,
        address_1: l.address_1,
        city: l.city,
        state_province: area.county,
        postal_code: l.postcode,
        country: 'GB',
        address_type: 'physical',
      },
    ],
    accessibility: [...features, ...details],
  });
}

/** The one-to-one part of a service: its own fields and its organisation. */
export function serviceJson(s: OrukServiceRow): Record<string, Json> {
  return obj({
    id: s.id,
    organization_id: s.organisation_id,
    name: s.name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    fees: s.fees_description ?? (s.is_free ? 'Free' : undefined),
    eligibility_description: s.eligibility_description,
    minimum_age: Math.trunc(s.minimum_age),
    maximum_age: Math.trunc(s.maximum_age),
    assured_date: s.assured_date,
    last_modified: timestamp(s.last_modified),
    organization: organisationJson(s.organisation),
  });
}

/** Terms in use by id, in display order (their position in the map). */
export type TermsById = Map<string, OrukTermRow>;

// Each term's JSON is made once per set of terms: a service has about ten of them.
const termJsonCache = new WeakMap<TermsById, Map<string, Record<string, Json>>>();
function termJsonOf(terms: TermsById, id: string): Record<string, Json> {
  let made = termJsonCache.get(terms);
  if (!made) {
    made = new Map([...terms].map(([termId, term]) => [termId, taxonomyTermJson(term)]));
    termJsonCache.set(terms, made);
  }
  return made.get(id) ?? {};
}

/** A service with everything related to it. Attributes whose term is retired are left out. */
export function fullServiceJson(
  s: OrukFullServiceRow,
  area: { county: string },
  terms: TermsById,
): Record<string, Json> {
  const order = new Map([...terms.keys()].map((id, i) => [id, i]));
  const attributes = s.attributes
    .filter((a) => terms.has(a.term_id))
    .sort((a, b) => (order.get(a.term_id) ?? 0) - (order.get(b.term_id) ?? 0));
  const costOptions =
    s.cost_options.length > 0
      ? s.cost_options.map((c) => ({
          id: c.id,
          service_id: s.id,
          option: c.option,
          amount: c.amount === null ? undefined : Number(c.amount),
          amount_description: c.amount_description,
        }))
      : s.is_free
        ? [{ id: uuidV5(s.id, 'cost:free'), service_id: s.id, option: 'Free', amount: 0 }]
        : [];
  return obj({
    ...serviceJson(s),
    schedules: s.schedules.map((sc) => {
      const once = sc.freq === 'ONCE';
      return {
        id: sc.id,
        service_id: s.id,
        // A one-off event is a schedule without a recurrence, valid on its one day.
        valid_from: once ? sc.dtstart : sc.valid_from,
        valid_to: once ? sc.dtstart : sc.valid_to,
        dtstart: sc.dtstart,
        freq: once ? undefined : sc.freq,
        interval: once ? undefined : 1,
        byday: once ? undefined : byDay(sc.byday, sc.week_of_month),
        opens_at: sc.opens_at,
        closes_at: sc.closes_at,
        description: sc.description,
        notes: sc.term_time_only ? 'Term time only' : undefined,
      };
    }),
    service_areas: s.service_areas.map((a) => ({
      id: a.id,
      service_id: s.id,
      name: a.name,
      service_area: a.name,
    })),
    service_at_locations: s.service_at_locations.map((sl) => ({
      id: sl.id,
      service_id: s.id,
      location_id: sl.location.id,
      location: locationJson(sl.location, area),
    })),
    languages: s.languages.map((g) => ({ id: g.id, service_id: s.id, name: g.name, code: g.code })),
    cost_options: costOptions,
    contacts: s.contacts.map((c) => ({
      id: c.id,
      service_id: s.id,
      name: c.name,
      title: c.title,
      email: c.email,
      phones: c.phones.map((p) => ({
        id: p.id,
        contact_id: c.id,
        number: p.number,
        description: p.description,
      })),
    })),
    attributes: attributes.map((a) => ({
      id: a.id,
      link_id: s.id,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: a.term_id,
      taxonomy_term: termJsonOf(terms, a.term_id),
    })),
  });
}

export type Paged<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};

/** The standard's paging object around one page of contents. */
export function paged<T>(contents: T[], total: number, page: number, perPage: number): Paged<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
