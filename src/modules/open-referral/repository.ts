import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/types.ts';
import { publiclyVisible } from '../local-offer/repository.ts';

/** What the open data can be filtered by; every filter narrows (AND). */
export type OrukServiceFilters = {
  tsquery?: string | undefined;
  taxonomyTermId?: string | undefined;
  taxonomyId?: string | undefined;
  organisationId?: string | undefined;
  modifiedAfter?: Date | undefined;
};

export type OrukPage = { limit: number; offset: number };

/** A published service's own fields and its organisation: the one-to-one part of an ORUK service. */
export type OrukServiceRow = {
  id: string;
  organisation_id: string;
  name: string;
  description: string;
  url: string | null;
  email: string | null;
  status: string;
  fees_description: string | null;
  eligibility_description: string | null;
  minimum_age: number;
  maximum_age: number;
  is_free: boolean;
  assured_date: string;
  last_modified: Date;
  organisation: OrukOrganisationRow;
};

export type OrukOrganisationRow = {
  id: string;
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  phone: string | null;
};

export type OrukLocationRow = {
  id: string;
  name: string;
  address_1: string;
  city: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  accessibility: string[];
  accessibility_details: string | null;
};

export type OrukTermRow = {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id: string | null;
  taxonomy_id: string;
  taxonomy_name: string;
  term_uri_base: string | null;
};

/** Everything related to a service, for a fully nested ORUK service. */
export type OrukServiceDetail = {
  schedules: {
    id: string;
    freq: 'WEEKLY' | 'MONTHLY' | 'ONCE';
    byday: string[];
    week_of_month: number | null;
    dtstart: string | null;
    valid_from: string | null;
    valid_to: string | null;
    opens_at: string | null;
    closes_at: string | null;
    term_time_only: boolean;
    description: string | null;
  }[];
  service_areas: { id: string; name: string }[];
  service_at_locations: { id: string; location: OrukLocationRow }[];
  languages: { id: string; code: string; name: string }[];
  cost_options: {
    id: string;
    option: string;
    amount: string | number | null;
    amount_description: string | null;
  }[];
  contacts: {
    id: string;
    name: string | null;
    title: string | null;
    email: string | null;
    phones: { id: string; number: string; description: string | null }[];
  }[];
  /** Taxonomy terms by id: the serialiser attaches the terms themselves (few, and cached). */
  attributes: { id: string; term_id: string }[];
};

export type OrukFullServiceRow = OrukServiceRow & OrukServiceDetail;

export type OrukTaxonomyRow = {
  id: string;
  key: string;
  name: string;
  description: string;
  term_uri_base: string | null;
};

const organisationJson = sql<OrukOrganisationRow>`json_build_object('id', o.id, 'name', o.name, 'description', o.description, 'email', o.email, 'website', o.website, 'phone', o.phone)`;

const locationJson = sql.raw(
  `json_build_object('id', l.id, 'name', l.name, 'address_1', l.address_1, 'city', l.city, 'postcode', l.postcode, 'latitude', l.latitude, 'longitude', l.longitude, 'accessibility', l.accessibility, 'accessibility_details', l.accessibility_details)`,
);

/** The nested parts of a service, each as one JSON array built in the database (one round trip). */
const detailColumns = sql`
  coalesce((select json_agg(json_build_object('id', sc.id, 'freq', sc.freq, 'byday', sc.byday, 'week_of_month', sc.week_of_month,
              'dtstart', sc.dtstart::text, 'valid_from', sc.valid_from::text, 'valid_to', sc.valid_to::text,
              'opens_at', to_char(sc.opens_at, 'HH24:MI'), 'closes_at', to_char(sc.closes_at, 'HH24:MI'),
              'term_time_only', sc.term_time_only, 'description', sc.description) order by sc.sort_order, sc.id)
     from schedules sc where sc.service_id = s.id), '[]') as schedules,
  coalesce((select json_agg(json_build_object('id', a.id, 'name', a.name) order by a.name, a.id)
     from service_areas a where a.service_id = s.id), '[]') as service_areas,
  coalesce((select json_agg(json_build_object('id', sl.id, 'location', ${locationJson}) order by l.name, sl.id)
     from service_at_locations sl join locations l on l.id = sl.location_id where sl.service_id = s.id), '[]') as service_at_locations,
  coalesce((select json_agg(json_build_object('id', g.id, 'code', g.code, 'name', g.name) order by g.name, g.id)
     from service_languages g where g.service_id = s.id), '[]') as languages,
  coalesce((select json_agg(json_build_object('id', c.id, 'option', c.option, 'amount', c.amount, 'amount_description', c.amount_description) order by c.sort_order, c.id)
     from cost_options c where c.service_id = s.id), '[]') as cost_options,
  coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'title', c.title, 'email', c.email,
              'phones', coalesce((select json_agg(json_build_object('id', p.id, 'number', p.number, 'description', p.description) order by p.id)
                                    from phones p where p.contact_id = c.id), '[]')) order by c.sort_order, c.id)
     from contacts c where c.service_id = s.id), '[]') as contacts,
  coalesce((select json_agg(json_build_object('id', a.id, 'term_id', a.taxonomy_term_id))
     from service_attributes a where a.service_id = s.id), '[]') as attributes`;

/** A pattern that finds the text anywhere, with LIKE's own characters taken literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createOpenReferralRepository(db: Kysely<Database>) {
  function serviceWhere(filters: OrukServiceFilters, hiddenBefore: string): RawBuilder<boolean> {
    const parts = [publiclyVisible(hiddenBefore)];
    if (filters.tsquery)
      parts.push(sql<boolean>`s.search_vector @@ to_tsquery('english', ${filters.tsquery})`);
    // A retired term classifies nothing any more, although listings keep it until they are next applied.
    if (filters.taxonomyTermId) {
      parts.push(
        sql<boolean>`s.search_term_ids @> array[${filters.taxonomyTermId}]::uuid[] and exists (select 1 from taxonomy_terms t where t.id = ${filters.taxonomyTermId}::uuid and t.retired_at is null)`,
      );
    }
    if (filters.taxonomyId) {
      parts.push(
        sql<boolean>`s.search_term_ids && coalesce((select array_agg(t.id) from taxonomy_terms t where t.taxonomy_id = ${filters.taxonomyId}::uuid and t.retired_at is null), '{}')`,
      );
    }
    if (filters.organisationId) parts.push(sql<boolean>`s.organisation_id = ${filters.organisationId}::uuid`);
    if (filters.modifiedAfter) parts.push(sql<boolean>`s.last_modified >= ${filters.modifiedAfter}`);
    return sql.join(parts, sql` and `) as RawBuilder<boolean>;
  }

  const serviceColumns = sql`s.id, s.organisation_id, s.name, s.description, s.url, s.email, s.status, s.fees_description,
    s.eligibility_description, s.minimum_age, s.maximum_age, s.is_free, s.assured_date::text as assured_date,
    s.last_modified, ${organisationJson} as organisation`;

  const order = (filters: OrukServiceFilters) =>
    filters.tsquery
      ? sql`ts_rank(s.search_vector, to_tsquery('english', ${filters.tsquery})) desc, lower(s.name), s.id`
      : sql`lower(s.name), s.id`;

  return {
    /** A page of published services and how many there are in all. */
    async services(
      filters: OrukServiceFilters,
      hiddenBefore: string,
      page: OrukPage,
      detail: 'minimal' | 'basic' | 'full',
    ): Promise<{
      total: number;
      rows: (OrukServiceRow | OrukFullServiceRow | { id: string; last_modified: Date })[];
    }> {
      const columns =
        detail === 'minimal'
          ? sql`s.id, s.last_modified`
          : detail === 'full'
            ? sql`${serviceColumns}, ${detailColumns}`
            : serviceColumns;
      const result = await sql<{ total: number } & OrukFullServiceRow>`
        select ${columns}, count(*) over ()::int as total
          from services s join directory_organisations o on o.id = s.organisation_id
         where ${serviceWhere(filters, hiddenBefore)}
         order by ${order(filters)}
         limit ${page.limit} offset ${page.offset}`.execute(db);
      const total =
        result.rows[0]?.total ?? (page.offset > 0 ? await this.countServices(filters, hiddenBefore) : 0);
      return { total, rows: result.rows.map(({ total: _t, ...row }) => row) };
    },

    async countServices(filters: OrukServiceFilters, hiddenBefore: string): Promise<number> {
      const result = await sql<{ n: number }>`
        select count(*)::int as n from services s where ${serviceWhere(filters, hiddenBefore)}`.execute(db);
      return result.rows[0]?.n ?? 0;
    },

    /** One published service with everything related to it, or undefined. */
    async service(id: string, hiddenBefore: string): Promise<OrukFullServiceRow | undefined> {
      const result = await sql<OrukFullServiceRow>`
        select ${serviceColumns}, ${detailColumns}
          from services s join directory_organisations o on o.id = s.organisation_id
         where s.id = ${id}::uuid and ${publiclyVisible(hiddenBefore)}`.execute(db);
      return result.rows[0];
    },

    /** Published services, fully nested, in name order after a key: for streaming the whole directory. */
    async fullServicesAfter(
      after: { name: string; id: string } | null,
      hiddenBefore: string,
      limit: number,
    ): Promise<OrukFullServiceRow[]> {
      const key = after
        ? sql`and (lower(s.name), s.id) > (lower(${after.name}::text), ${after.id}::uuid)`
        : sql``;
      const result = await sql<OrukFullServiceRow>`
        select ${serviceColumns}, ${detailColumns}
          from services s join directory_organisations o on o.id = s.organisation_id
         where ${publiclyVisible(hiddenBefore)} ${key}
         order by lower(s.name), s.id
         limit ${limit}`.execute(db);
      return result.rows;
    },

    /** A page of services at locations of published services, nearest first when a point is given. */
    async serviceAtLocations(
      filters: OrukServiceFilters & {
        near?: { latitude: number; longitude: number; withinMetres?: number | undefined } | undefined;
      },
      hiddenBefore: string,
      page: OrukPage,
      detail: 'basic' | 'full',
    ): Promise<{
      total: number;
      rows: { id: string; service_id: string; location: OrukLocationRow; service?: OrukFullServiceRow }[];
    }> {
      const near = filters.near;
      const distance = near
        ? sql`(point(l.longitude, l.latitude) <@> point(${near.longitude}, ${near.latitude})) * 1609.344`
        : sql`null::float8`;
      const parts = [serviceWhere(filters, hiddenBefore)];
      if (near) parts.push(sql<boolean>`l.latitude is not null and l.longitude is not null`);
      if (near?.withinMetres !== undefined) parts.push(sql<boolean>`${distance} <= ${near.withinMetres}`);
      const result = await sql<{
        id: string;
        service_id: string;
        location: OrukLocationRow;
        total: number;
      }>`
        select sl.id, sl.service_id, ${locationJson} as location, count(*) over ()::int as total
          from service_at_locations sl
          join services s on s.id = sl.service_id
          join directory_organisations o on o.id = s.organisation_id
          join locations l on l.id = sl.location_id
         where ${sql.join(parts, sql` and `)}
         order by ${near ? sql`${distance}, ` : sql``}lower(s.name), lower(l.name), sl.id
         limit ${page.limit} offset ${page.offset}`.execute(db);
      let total = result.rows[0]?.total ?? 0;
      if (result.rows.length === 0 && page.offset > 0) {
        const count = await sql<{ n: number }>`
          select count(*)::int as n from service_at_locations sl join services s on s.id = sl.service_id
            join locations l on l.id = sl.location_id where ${sql.join(parts, sql` and `)}`.execute(db);
        total = count.rows[0]?.n ?? 0;
      }
      const rows = result.rows.map(({ total: _t, ...row }) => row);
      if (detail === 'full' && rows.length > 0) {
        const services = await this.servicesByIds([...new Set(rows.map((r) => r.service_id))], hiddenBefore);
        const byId = new Map(services.map((s) => [s.id, s]));
        return {
          total,
          rows: rows.map((r) => ({
            ...r,
            ...(byId.has(r.service_id) ? { service: byId.get(r.service_id) } : {}),
          })),
        };
      }
      return { total, rows };
    },

    async serviceAtLocation(
      id: string,
      hiddenBefore: string,
    ): Promise<
      { id: string; service_id: string; location: OrukLocationRow; service: OrukFullServiceRow } | undefined
    > {
      const result = await sql<{ id: string; service_id: string; location: OrukLocationRow }>`
        select sl.id, sl.service_id, ${locationJson} as location
          from service_at_locations sl join services s on s.id = sl.service_id join locations l on l.id = sl.location_id
         where sl.id = ${id}::uuid and ${publiclyVisible(hiddenBefore)}`.execute(db);
      const row = result.rows[0];
      if (!row) return undefined;
      const service = await this.service(row.service_id, hiddenBefore);
      return service ? { ...row, service } : undefined;
    },

    async servicesByIds(ids: string[], hiddenBefore: string): Promise<OrukFullServiceRow[]> {
      if (ids.length === 0) return [];
      const result = await sql<OrukFullServiceRow>`
        select ${serviceColumns}, ${detailColumns}
          from services s join directory_organisations o on o.id = s.organisation_id
         where s.id = any(${ids}::uuid[]) and ${publiclyVisible(hiddenBefore)}
         order by lower(s.name), s.id`.execute(db);
      return result.rows;
    },

    /** Organisations with at least one published service (no others are open data). */
    async organisations(
      filters: { tsquery?: string | undefined },
      hiddenBefore: string,
      page: OrukPage,
    ): Promise<{ total: number; rows: OrukOrganisationRow[] }> {
      const search = filters.tsquery
        ? sql`and to_tsvector('english', o.name || ' ' || o.description) @@ to_tsquery('english', ${filters.tsquery})`
        : sql``;
      const result = await sql<OrukOrganisationRow & { total: number }>`
        select o.id, o.name, o.description, o.email, o.website, o.phone, count(*) over ()::int as total
          from directory_organisations o
         where exists (select 1 from services s where s.organisation_id = o.id and ${publiclyVisible(hiddenBefore)}) ${search}
         order by lower(o.name), o.id
         limit ${page.limit} offset ${page.offset}`.execute(db);
      let total = result.rows[0]?.total ?? 0;
      if (result.rows.length === 0 && page.offset > 0) {
        const count = await sql<{ n: number }>`
          select count(*)::int as n from directory_organisations o
           where exists (select 1 from services s where s.organisation_id = o.id and ${publiclyVisible(hiddenBefore)}) ${search}`.execute(
          db,
        );
        total = count.rows[0]?.n ?? 0;
      }
      return { total, rows: result.rows.map(({ total: _t, ...row }) => row) };
    },

    async organisation(id: string, hiddenBefore: string): Promise<OrukOrganisationRow | undefined> {
      const result = await sql<OrukOrganisationRow>`
        select o.id, o.name, o.description, o.email, o.website, o.phone
          from directory_organisations o
         where o.id = ${id}::uuid
           and exists (select 1 from services s where s.organisation_id = o.id and ${publiclyVisible(hiddenBefore)})`.execute(
        db,
      );
      return result.rows[0];
    },

    async taxonomies(
      filters: { search?: string | undefined },
      page: OrukPage,
    ): Promise<{ total: number; rows: OrukTaxonomyRow[] }> {
      const where = filters.search
        ? sql`where name ilike ${likePattern(filters.search)} or description ilike ${likePattern(filters.search)}`
        : sql``;
      const result = await sql<OrukTaxonomyRow & { total: number }>`
        select id, key, name, description, term_uri_base, count(*) over ()::int as total
          from taxonomies ${where} order by sort_order, id limit ${page.limit} offset ${page.offset}`.execute(
        db,
      );
      const total =
        result.rows[0]?.total ??
        (await sql<{ n: number }>`select count(*)::int as n from taxonomies ${where}`.execute(db)).rows[0]
          ?.n ??
        0;
      return { total, rows: result.rows.map(({ total: _t, ...row }) => row) };
    },

    async taxonomy(id: string): Promise<OrukTaxonomyRow | undefined> {
      const result = await sql<OrukTaxonomyRow>`
        select id, key, name, description, term_uri_base from taxonomies where id = ${id}::uuid`.execute(db);
      return result.rows[0];
    },

    /** Terms in use (not retired), filtered; every filter narrows. */
    async taxonomyTerms(
      filters: {
        taxonomyId?: string | undefined;
        parentId?: string | undefined;
        topOnly?: boolean;
        search?: string | undefined;
      },
      page: OrukPage,
    ): Promise<{ total: number; rows: OrukTermRow[] }> {
      const parts = [sql<boolean>`t.retired_at is null`];
      if (filters.taxonomyId) parts.push(sql<boolean>`t.taxonomy_id = ${filters.taxonomyId}::uuid`);
      if (filters.parentId) parts.push(sql<boolean>`t.parent_id = ${filters.parentId}::uuid`);
      if (filters.topOnly) parts.push(sql<boolean>`t.parent_id is null`);
      if (filters.search) {
        const pattern = likePattern(filters.search);
        parts.push(sql<boolean>`(t.name ilike ${pattern} or t.description ilike ${pattern})`);
      }
      const where = sql.join(parts, sql` and `);
      const result = await sql<OrukTermRow & { total: number }>`
        select t.id, t.code, t.name, t.description, t.parent_id, t.taxonomy_id, x.name as taxonomy_name,
               x.term_uri_base, count(*) over ()::int as total
          from taxonomy_terms t join taxonomies x on x.id = t.taxonomy_id
         where ${where}
         order by x.sort_order, t.sort_order, t.id
         limit ${page.limit} offset ${page.offset}`.execute(db);
      let total = result.rows[0]?.total ?? 0;
      if (result.rows.length === 0 && page.offset > 0) {
        const count = await sql<{ n: number }>`
          select count(*)::int as n from taxonomy_terms t where ${where}`.execute(db);
        total = count.rows[0]?.n ?? 0;
      }
      return { total, rows: result.rows.map(({ total: _t, ...row }) => row) };
    },

    /** Every term in use, in display order: for attaching terms to services' attributes. */
    async termsInUse(): Promise<OrukTermRow[]> {
      const result = await sql<OrukTermRow>`
        select t.id, t.code, t.name, t.description, t.parent_id, t.taxonomy_id, x.name as taxonomy_name, x.term_uri_base
          from taxonomy_terms t join taxonomies x on x.id = t.taxonomy_id
         where t.retired_at is null
         order by x.sort_order, t.sort_order, t.id`.execute(db);
      return result.rows;
    },

    async taxonomyTerm(id: string): Promise<OrukTermRow | undefined> {
      const result = await sql<OrukTermRow>`
        select t.id, t.code, t.name, t.description, t.parent_id, t.taxonomy_id, x.name as taxonomy_name, x.term_uri_base
          from taxonomy_terms t join taxonomies x on x.id = t.taxonomy_id
         where t.id = ${id}::uuid and t.retired_at is null`.execute(db);
      return result.rows[0];
    },

    /** When anything in the open data last changed: for ETags and caches. */
    async version(): Promise<string> {
      const row = await sql<{ v: string }>`
        select concat_ws('|', (select max(last_modified) from services)::text,
                         (select max(updated_at) from taxonomy_terms)::text,
                         (select max(updated_at) from taxonomies)::text,
                         (select max(updated_at) from directory_organisations)::text,
                         (select max(updated_at) from locations)::text) as v`.execute(db);
      return row.rows[0]?.v ?? '';
    },
  };
}

export type OpenReferralRepository = ReturnType<typeof createOpenReferralRepository>;
