import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { LANGUAGES, type Listing, type Weekday } from './domain/listing.ts';
import { METRES_PER_MILE, searchWords, type SearchCriteria } from './domain/search.ts';
import { noteDirectoryChange } from './directory-changes.ts';

export type TaxonomyTerm = {
  id: string;
  taxonomyId: string;
  taxonomyKey: string;
  parentId: string | null;
  code: string;
  name: string;
  description: string;
  minimumAge: number | null;
  maximumAge: number | null;
  sortOrder: number;
};

export type SearchRow = {
  id: string;
  name: string;
  description: string;
  organisationName: string;
  minimumAge: number;
  maximumAge: number;
  isFree: boolean;
  assuredDate: string;
  distanceMetres: number | null;
  nearestLocation: string | null;
  total: number;
};

export type FacetCount = { facet: 'term' | 'language' | 'day' | 'access'; key: string; count: number };

export type ServiceRow = Awaited<ReturnType<ReturnType<typeof createLocalOfferRepository>['findService']>>;

const WEEKDAY_BY_JS_DAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** The weekday code of a calendar date, so a one-off event can be found by its day of the week. */
export function weekdayOf(isoDate: string): Weekday {
  return WEEKDAY_BY_JS_DAY[new Date(`${isoDate}T12:00:00Z`).getUTCDay()] as Weekday;
}

/** Rebuilds the search index columns of some services (see migration 0004) from the ORUK tables. */
async function refreshSearchIndex(db: Kysely<Database>, serviceIds: string[], locationIds: string[] = []) {
  // The listings at the venues that changed, found first: an OR in the update would scan every service.
  const sharing =
    locationIds.length === 0
      ? []
      : await db
          .selectFrom('service_at_locations')
          .select('service_id')
          .distinct()
          .where('location_id', 'in', locationIds)
          .execute();
  const ids = [...new Set([...serviceIds, ...sharing.map((r) => r.service_id)])];
  await sql`
    update services s set
      search_term_ids = coalesce((select array_agg(a.taxonomy_term_id order by a.taxonomy_term_id) from service_attributes a where a.service_id = s.id), '{}'),
      search_languages = coalesce((select array_agg(distinct g.code) from service_languages g where g.service_id = s.id), '{}'),
      search_days = coalesce((select array_agg(distinct d.day) from schedules sc, unnest(sc.byday) as d(day) where sc.service_id = s.id), '{}'),
      search_accessibility = coalesce((select array_agg(distinct f.feature) from service_at_locations sl join locations l on l.id = sl.location_id, unnest(l.accessibility) as f(feature) where sl.service_id = s.id), '{}'),
      search_latitudes = coalesce((select array_agg(l.latitude order by l.id) from service_at_locations sl join locations l on l.id = sl.location_id where sl.service_id = s.id and l.latitude is not null and l.longitude is not null), '{}'),
      search_longitudes = coalesce((select array_agg(l.longitude order by l.id) from service_at_locations sl join locations l on l.id = sl.location_id where sl.service_id = s.id and l.latitude is not null and l.longitude is not null), '{}')
    where s.id = any(${ids}::uuid[])`.execute(db);
}

/**
 * The public can see a listing that is live, not withdrawn, not internal, and reviewed recently
 * enough: on the Local Offer and in the open data alike. `s` is the services table.
 */
export const publiclyVisible = (hiddenBefore: string) =>
  sql<boolean>`s.live_revision_number > 0 and s.withdrawn_at is null and s.visibility = 'public' and s.status <> 'defunct' and s.assured_date >= ${hiddenBefore}::date`;

export function createLocalOfferRepository(db: Kysely<Database>) {
  /** One round trip: a page of results, the total, and the counts each filter option would leave. */
  function searchQuery(criteria: SearchCriteria, hiddenBefore: string) {
    // Every filter narrows the same row: the search index columns (migration 0004) hold each
    // listing's terms, languages, days, venue accessibility and coordinates.
    const filters = [publiclyVisible(hiddenBefore)];
    if (criteria.tsquery)
      filters.push(sql<boolean>`s.search_vector @@ to_tsquery('english', ${criteria.tsquery})`);
    if (criteria.termIds.length > 0)
      filters.push(sql<boolean>`s.search_term_ids @> ${criteria.termIds}::uuid[]`);
    if (criteria.age !== undefined) {
      filters.push(sql<boolean>`s.minimum_age <= ${criteria.age} and s.maximum_age >= ${criteria.age}`);
    }
    if (criteria.days.length > 0) filters.push(sql<boolean>`s.search_days @> ${criteria.days}::text[]`);
    if (criteria.languages.length > 0)
      filters.push(sql<boolean>`s.search_languages @> ${criteria.languages}::text[]`);
    if (criteria.accessibility.length > 0) {
      filters.push(sql<boolean>`s.search_accessibility @> ${criteria.accessibility}::text[]`);
    }
    const near = criteria.near;
    // The nearest venue of each listing that passed the other filters: a cheap bounding box on the
    // coordinates first, then earthdistance's great-circle distance (<@>, in statute miles).
    const nearJoin = near
      ? sql`cross join lateral (
          select min((point(p.lon, p.lat) <@> point(${near.longitude}, ${near.latitude})) * ${METRES_PER_MILE}) as distance_metres
            from unnest(s.search_latitudes, s.search_longitudes) as p(lat, lon)
           where p.lat between ${near.latitude - near.radiusMetres / 111_000} and ${near.latitude + near.radiusMetres / 111_000}
             and p.lon between ${near.longitude - near.radiusMetres / (111_000 * Math.cos((near.latitude * Math.PI) / 180))}
                           and ${near.longitude + near.radiusMetres / (111_000 * Math.cos((near.latitude * Math.PI) / 180))}) d`
      : sql``;
    if (near) filters.push(sql<boolean>`d.distance_metres <= ${near.radiusMetres}`);
    const distance = near ? sql<number | null>`d.distance_metres` : sql<number | null>`null::float8`;
    const where = sql.join(filters, sql` and `);
    const rank = criteria.tsquery
      ? sql<number>`ts_rank(s.search_vector, to_tsquery('english', ${criteria.tsquery}))`
      : sql<number>`0`;
    const order =
      criteria.sort === 'name'
        ? sql`lower(name), id`
        : criteria.sort === 'distance' && near
          ? sql`distance_metres nulls last, lower(name), id`
          : sql`rank desc, lower(name), id`;

    return sql<SearchRow & { facet_rows: FacetCount[] | null; position: number | null }>`
        with results as materialized (
          select s.id, s.name, s.description, s.minimum_age, s.maximum_age, s.is_free, s.assured_date,
                 s.organisation_id, s.search_term_ids, s.search_languages, s.search_days, s.search_accessibility,
                 ${rank} as rank, ${distance} as distance_metres
            from services s ${nearJoin}
           where ${where}
        ),
        facets as (
          select 'term' as facet, t.key::text as key, count(*)::int as count
            from results r, unnest(r.search_term_ids) as t(key) group by t.key
          union all
          select 'language', g.key, count(*)::int from results r, unnest(r.search_languages) as g(key) group by g.key
          union all
          select 'day', d.key, count(*)::int from results r, unnest(r.search_days) as d(key) group by d.key
          union all
          select 'access', f.key, count(*)::int from results r, unnest(r.search_accessibility) as f(key) group by f.key
        ),
        page as (
          select r.*, row_number() over (order by ${order}) as position from results r
           order by ${order}
           limit ${criteria.perPage} offset ${(criteria.page - 1) * criteria.perPage}
        )
        select p.id, p.name, p.description, o.name as "organisationName", p.minimum_age as "minimumAge",
               p.maximum_age as "maximumAge", p.is_free as "isFree", p.assured_date::text as "assuredDate",
               p.distance_metres as "distanceMetres", (select count(*) from results)::int as total,
               (select concat_ws(', ', l.name, l.postcode) from service_at_locations sl join locations l on l.id = sl.location_id
                 where sl.service_id = p.id order by l.name limit 1) as "nearestLocation",
               null::json as facet_rows, p.position
          from page p join directory_organisations o on o.id = p.organisation_id
        union all
        select null, null, null, null, null, null, null, null, null, (select count(*) from results)::int, null,
               (select json_agg(f) from facets f), null
        order by position nulls last
        `;
  }

  return {
    // ---------------------------------------------------------------- taxonomies

    async listTerms(options: { includeRetired?: boolean } = {}): Promise<TaxonomyTerm[]> {
      let query = db
        .selectFrom('taxonomy_terms as t')
        .innerJoin('taxonomies as x', 'x.id', 't.taxonomy_id')
        .select([
          't.id',
          't.taxonomy_id as taxonomyId',
          'x.key as taxonomyKey',
          't.parent_id as parentId',
          't.code',
          't.name',
          't.description',
          't.minimum_age as minimumAge',
          't.maximum_age as maximumAge',
          't.sort_order as sortOrder',
        ])
        .orderBy('x.sort_order')
        .orderBy('t.sort_order');
      if (!options.includeRetired) query = query.where('t.retired_at', 'is', null);
      return query.execute();
    },

    async listTaxonomies() {
      return db.selectFrom('taxonomies').selectAll().orderBy('sort_order').execute();
    },

    async updateTerm(id: string, changes: { name: string; description: string; retired: boolean }) {
      noteDirectoryChange();
      return db
        .updateTable('taxonomy_terms')
        .set({
          name: changes.name,
          description: changes.description,
          retired_at: changes.retired ? sql<Date>`coalesce(retired_at, now())` : null,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .returning(['id', 'code', 'name'])
        .executeTakeFirst();
    },

    async addTerm(term: {
      taxonomyId: string;
      parentId: string | null;
      code: string;
      name: string;
      description: string;
    }) {
      noteDirectoryChange();
      return db
        .insertInto('taxonomy_terms')
        .values({
          taxonomy_id: term.taxonomyId,
          parent_id: term.parentId,
          code: term.code,
          name: term.name,
          description: term.description,
          sort_order: sql<number>`(select coalesce(max(sort_order), 0) + 1 from taxonomy_terms where taxonomy_id = ${term.taxonomyId})`,
        })
        .onConflict((oc) => oc.columns(['taxonomy_id', 'code']).doNothing())
        .returning(['id', 'code', 'name'])
        .executeTakeFirst();
    },

    // ---------------------------------------------------------------- organisations

    async createOrganisation(org: {
      name: string;
      description: string;
      email?: string | undefined;
      website?: string | undefined;
      phone?: string | undefined;
      accountOrganisationId?: string | null;
      isDemo: boolean;
    }): Promise<{ id: string }> {
      return db
        .insertInto('directory_organisations')
        .values({
          name: org.name,
          description: org.description,
          email: org.email ?? null,
          website: org.website ?? null,
          phone: org.phone ?? null,
          account_organisation_id: org.accountOrganisationId ?? null,
          is_demo: org.isDemo,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    },

    async listOrganisations() {
      return db
        .selectFrom('directory_organisations as o')
        .select([
          'o.id',
          'o.name',
          'o.account_organisation_id as accountOrganisationId',
          sql<number>`(select count(*) from services s where s.organisation_id = o.id and s.withdrawn_at is null)::int`.as(
            'serviceCount',
          ),
        ])
        .orderBy('o.name')
        .execute();
    },

    async updateOrganisation(
      id: string,
      org: {
        name: string;
        description: string;
        email: string | null;
        website: string | null;
        phone: string | null;
        accountOrganisationId: string | null;
      },
    ) {
      noteDirectoryChange();
      // The organisation's name is in its listings' search text: touching last_modified refreshes caches.
      await db
        .updateTable('services')
        .set({ last_modified: sql<Date>`now()` })
        .where('organisation_id', '=', id)
        .execute();
      return db
        .updateTable('directory_organisations')
        .set({
          name: org.name,
          description: org.description,
          email: org.email,
          website: org.website,
          phone: org.phone,
          account_organisation_id: org.accountOrganisationId,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
    },

    async findOrganisation(id: string) {
      return db.selectFrom('directory_organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Directory organisations a platform organisation's provider accounts manage. */
    async organisationsManagedBy(accountOrganisationId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('directory_organisations')
        .select('id')
        .where('account_organisation_id', '=', accountOrganisationId)
        .execute();
      return rows.map((r) => r.id);
    },

    async countServices(): Promise<number> {
      const row = await db
        .selectFrom('services')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    // ---------------------------------------------------------------- listings

    /**
     * Writes a listing into the live tables: the service row and all that hangs off it, the
     * attributes derived from ages and cost, and the search text. Children are replaced whole;
     * a location is reused by id or by name and postcode within the organisation.
     */
    async applyListing(input: {
      serviceId?: string;
      organisationId: string;
      listing: Listing;
      assuredDate: string;
      revisionNumber: number;
      isDemo: boolean;
    }): Promise<{ id: string }> {
      noteDirectoryChange();
      const { listing } = input;
      const values = {
        organisation_id: input.organisationId,
        name: listing.name,
        description: listing.description,
        url: listing.url ?? null,
        email: listing.email ?? null,
        status: listing.status,
        visibility: listing.visibility,
        minimum_age: listing.minimumAge,
        maximum_age: listing.maximumAge,
        eligibility_description: listing.eligibilityDescription ?? null,
        access_routes: listing.accessRoutes,
        access_details: listing.accessDetails ?? null,
        is_free: listing.isFree,
        fees_description: listing.feesDescription ?? null,
        assured_date: input.assuredDate,
        live_revision_number: input.revisionNumber,
        last_modified: sql<Date>`now()`,
      };
      let serviceId: string;
      if (input.serviceId) {
        serviceId = input.serviceId;
        await db.updateTable('services').set(values).where('id', '=', serviceId).execute();
        await db.deleteFrom('service_at_locations').where('service_id', '=', serviceId).execute();
        await db.deleteFrom('contacts').where('service_id', '=', serviceId).execute();
        await db.deleteFrom('schedules').where('service_id', '=', serviceId).execute();
        await db.deleteFrom('cost_options').where('service_id', '=', serviceId).execute();
        await db.deleteFrom('service_languages').where('service_id', '=', serviceId).execute();
        await db.deleteFrom('service_areas').where('service_id', '=', serviceId).execute();
        await db.deleteFrom('service_attributes').where('service_id', '=', serviceId).execute();
      } else {
        serviceId = (
          await db
            .insertInto('services')
            .values({ ...values, is_demo: input.isDemo })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }

      const touchedLocations: string[] = [];
      for (const location of listing.locations) {
        let locationId = location.id
          ? (
              await db
                .selectFrom('locations')
                .select('id')
                .where('id', '=', location.id)
                .where('organisation_id', '=', input.organisationId)
                .executeTakeFirst()
            )?.id
          : undefined;
        locationId ??= (
          await db
            .selectFrom('locations')
            .select('id')
            .where('organisation_id', '=', input.organisationId)
            .where('name', '=', location.name)
            .where('postcode', '=', location.postcode)
            .executeTakeFirst()
        )?.id;
        const locationValues = {
          name: location.name,
          address_1: location.address1,
          city: location.city,
          postcode: location.postcode,
          latitude: location.latitude ?? null,
          longitude: location.longitude ?? null,
          accessibility: location.accessibility,
          accessibility_details: location.accessibilityDetails ?? null,
        };
        if (locationId) {
          await db
            .updateTable('locations')
            .set({ ...locationValues, updated_at: sql<Date>`now()` })
            .where('id', '=', locationId)
            .execute();
        } else {
          locationId = (
            await db
              .insertInto('locations')
              .values({ ...locationValues, organisation_id: input.organisationId, is_demo: input.isDemo })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        }
        touchedLocations.push(locationId);
        await db
          .insertInto('service_at_locations')
          .values({ service_id: serviceId, location_id: locationId })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }

      for (const [order, contact] of listing.contacts.entries()) {
        const { id: contactId } = await db
          .insertInto('contacts')
          .values({
            service_id: serviceId,
            name: contact.name ?? null,
            title: contact.title ?? null,
            email: contact.email ?? null,
            sort_order: order,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (contact.phone) {
          await db
            .insertInto('phones')
            .values({
              contact_id: contactId,
              number: contact.phone,
              description: contact.phoneDescription ?? null,
            })
            .execute();
        }
      }

      if (listing.schedules.length > 0) {
        await db
          .insertInto('schedules')
          .values(
            listing.schedules.map((s, order) => ({
              service_id: serviceId,
              freq: s.freq,
              byday: s.freq === 'ONCE' && s.dtstart ? [weekdayOf(s.dtstart)] : s.byDay,
              week_of_month: s.weekOfMonth ?? null,
              dtstart: s.dtstart ?? null,
              valid_from: s.validFrom ?? null,
              valid_to: s.validTo ?? null,
              opens_at: s.opensAt ?? null,
              closes_at: s.closesAt ?? null,
              term_time_only: s.termTimeOnly,
              description: s.description ?? null,
              sort_order: order,
            })),
          )
          .execute();
      }
      if (listing.costOptions.length > 0) {
        await db
          .insertInto('cost_options')
          .values(
            listing.costOptions.map((c, order) => ({
              service_id: serviceId,
              option: c.option,
              amount: c.amount ?? null,
              amount_description: c.amountDescription ?? null,
              sort_order: order,
            })),
          )
          .execute();
      }
      if (listing.languages.length > 0) {
        await db
          .insertInto('service_languages')
          .values(
            [...new Set(listing.languages)].map((code) => ({
              service_id: serviceId,
              code,
              name: LANGUAGES[code] ?? code,
            })),
          )
          .execute();
      }
      if (listing.serviceAreas.length > 0) {
        await db
          .insertInto('service_areas')
          .values(listing.serviceAreas.map((name) => ({ service_id: serviceId, name })))
          .execute();
      }

      // Chosen terms, plus the age groups the ages overlap and the cost term, so that every filter
      // (and the open data's taxonomy_term_id) is one kind of link.
      await sql`
        insert into service_attributes (service_id, taxonomy_term_id)
        select ${serviceId}::uuid, t.id
          from taxonomy_terms t join taxonomies x on x.id = t.taxonomy_id
         where (x.key not in ('age-group', 'cost') and t.id = any(${listing.termIds}::uuid[]))
            or (x.key = 'age-group' and t.minimum_age <= ${listing.maximumAge} and t.maximum_age >= ${listing.minimumAge})
            or (x.key = 'cost' and t.code = ${listing.isFree ? 'free' : 'paid'})
        on conflict do nothing`.execute(db);

      await sql`
        update services s set
          search_text = concat_ws(' ', s.name, o.name, terms.names, s.description, s.eligibility_description),
          search_vector =
            setweight(to_tsvector('english', unaccent(s.name)), 'A') ||
            setweight(to_tsvector('english', unaccent(concat_ws(' ', o.name, terms.names))), 'B') ||
            setweight(to_tsvector('english', unaccent(concat_ws(' ', s.description, s.eligibility_description))), 'C')
        from directory_organisations o,
             lateral (select string_agg(t.name, ' ') as names
                        from service_attributes a join taxonomy_terms t on t.id = a.taxonomy_term_id
                       where a.service_id = ${serviceId}::uuid) terms
        where s.id = ${serviceId}::uuid and o.id = s.organisation_id`.execute(db);

      // This listing's search index, and that of every other listing at a venue it changed.
      await refreshSearchIndex(db, [serviceId], touchedLocations);

      const words = searchWords(
        [listing.name, listing.description, listing.eligibilityDescription ?? ''].join(' '),
      );
      if (words.length > 0) {
        await sql`insert into search_words (word) select unnest(${words}::text[]) on conflict do nothing`.execute(
          db,
        );
      }
      return { id: serviceId };
    },

    async setWithdrawn(serviceId: string, withdrawn: boolean) {
      noteDirectoryChange();
      await db
        .updateTable('services')
        .set({ withdrawn_at: withdrawn ? sql<Date>`now()` : null, last_modified: sql<Date>`now()` })
        .where('id', '=', serviceId)
        .execute();
    },

    async confirmReviewed(serviceId: string, assuredDate: string) {
      noteDirectoryChange();
      await db
        .updateTable('services')
        .set({ assured_date: assuredDate, last_modified: sql<Date>`now()` })
        .where('id', '=', serviceId)
        .execute();
    },

    async findService(id: string) {
      const service = await db
        .selectFrom('services as s')
        .innerJoin('directory_organisations as o', 'o.id', 's.organisation_id')
        .leftJoin('oruk_feeds as f', 'f.id', 's.source_feed_id')
        .selectAll('s')
        .select([
          'o.name as organisation_name',
          'o.website as organisation_website',
          'o.account_organisation_id as account_organisation_id',
          // A listing copied from a partner's feed says whose it is and when it was last imported.
          'f.name as feed_name',
          'f.last_imported_at as feed_last_imported_at',
        ])
        .where('s.id', '=', id)
        .executeTakeFirst();
      if (!service) return undefined;
      const [locations, contacts, schedules, costOptions, languages, areas, terms] = await Promise.all([
        db
          .selectFrom('service_at_locations as sl')
          .innerJoin('locations as l', 'l.id', 'sl.location_id')
          .selectAll('l')
          .select('sl.id as service_at_location_id')
          .where('sl.service_id', '=', id)
          .orderBy('l.name')
          .execute(),
        db
          .selectFrom('contacts as c')
          .leftJoin('phones as p', 'p.contact_id', 'c.id')
          .select([
            'c.id',
            'c.name',
            'c.title',
            'c.email',
            'p.id as phone_id',
            'p.number as phone',
            'p.description as phone_description',
          ])
          .where('c.service_id', '=', id)
          .orderBy('c.sort_order')
          .execute(),
        db.selectFrom('schedules').selectAll().where('service_id', '=', id).orderBy('sort_order').execute(),
        db
          .selectFrom('cost_options')
          .selectAll()
          .where('service_id', '=', id)
          .orderBy('sort_order')
          .execute(),
        db.selectFrom('service_languages').selectAll().where('service_id', '=', id).orderBy('name').execute(),
        db.selectFrom('service_areas').selectAll().where('service_id', '=', id).orderBy('name').execute(),
        db
          .selectFrom('service_attributes as a')
          .innerJoin('taxonomy_terms as t', 't.id', 'a.taxonomy_term_id')
          .innerJoin('taxonomies as x', 'x.id', 't.taxonomy_id')
          .select([
            'a.id as attribute_id',
            't.id',
            't.code',
            't.name',
            't.parent_id',
            'x.key as taxonomy_key',
            't.sort_order',
            'x.sort_order as taxonomy_sort_order',
          ])
          .where('a.service_id', '=', id)
          .orderBy('x.sort_order')
          .orderBy('t.sort_order')
          .execute(),
      ]);
      return { service, locations, contacts, schedules, costOptions, languages, areas, terms };
    },

    /** Names and summaries of several services, for the shortlist; invisible ones are left out. */
    async servicesByIds(ids: string[], hiddenBefore: string) {
      if (ids.length === 0) return [];
      return db
        .selectFrom('services as s')
        .innerJoin('directory_organisations as o', 'o.id', 's.organisation_id')
        .select([
          's.id',
          's.name',
          's.description',
          's.minimum_age',
          's.maximum_age',
          's.is_free',
          's.email',
          'o.name as organisation_name',
          sql<
            string | null
          >`(select p.number from contacts c join phones p on p.contact_id = c.id where c.service_id = s.id order by c.sort_order limit 1)`.as(
            'phone',
          ),
          sql<
            string | null
          >`(select concat_ws(', ', l.address_1, l.city, l.postcode) from service_at_locations sl join locations l on l.id = sl.location_id where sl.service_id = s.id order by l.name limit 1)`.as(
            'address',
          ),
        ])
        .where('s.id', 'in', ids)
        .where(publiclyVisible(hiddenBefore))
        .execute();
    },

    // ---------------------------------------------------------------- revisions

    /**
     * A listing waiting for its first approval: the row exists (so its versions have something to
     * hang from) but nothing is live until an editor approves (live_revision_number 0).
     */
    async createPendingService(input: { organisationId: string; listing: Listing; isDemo: boolean }) {
      const { listing } = input;
      return db
        .insertInto('services')
        .values({
          organisation_id: input.organisationId,
          name: listing.name,
          description: listing.description,
          minimum_age: listing.minimumAge,
          maximum_age: listing.maximumAge,
          is_free: listing.isFree,
          assured_date: sql<string>`current_date`,
          live_revision_number: 0,
          is_demo: input.isDemo,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    },

    async insertRevision(input: {
      serviceId: string;
      status: 'pending' | 'approved';
      document: Listing;
      changeSummary?: string | undefined;
      submittedBy: string | null;
      reviewedBy?: string | null;
    }) {
      return db
        .insertInto('service_revisions')
        .values({
          service_id: input.serviceId,
          number: sql<number>`(select coalesce(max(number), 0) + 1 from service_revisions where service_id = ${input.serviceId}::uuid)`,
          status: input.status,
          document: JSON.stringify(input.document),
          change_summary: input.changeSummary ?? null,
          submitted_by: input.submittedBy,
          reviewed_by: input.status === 'approved' ? (input.reviewedBy ?? input.submittedBy) : null,
          reviewed_at: input.status === 'approved' ? sql<Date>`now()` : null,
        })
        .returning(['id', 'number'])
        .executeTakeFirstOrThrow();
    },

    /** The approved version that was live is kept as superseded when a newer one is approved. */
    async supersedeApproved(serviceId: string, exceptNumber: number) {
      await db
        .updateTable('service_revisions')
        .set({ status: 'superseded' })
        .where('service_id', '=', serviceId)
        .where('status', '=', 'approved')
        .where('number', '<>', exceptNumber)
        .execute();
    },

    async findRevision(id: string) {
      return db.selectFrom('service_revisions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async revisionByNumber(serviceId: string, number: number) {
      return db
        .selectFrom('service_revisions')
        .selectAll()
        .where('service_id', '=', serviceId)
        .where('number', '=', number)
        .executeTakeFirst();
    },

    async pendingRevision(serviceId: string) {
      return db
        .selectFrom('service_revisions')
        .selectAll()
        .where('service_id', '=', serviceId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
    },

    async revisionHistory(serviceId: string) {
      return db
        .selectFrom('service_revisions as r')
        .leftJoin('users as submitter', 'submitter.id', 'r.submitted_by')
        .leftJoin('users as reviewer', 'reviewer.id', 'r.reviewed_by')
        .select([
          'r.id',
          'r.number',
          'r.status',
          'r.change_summary',
          'r.submitted_at',
          'r.reviewed_at',
          'r.rejection_reason',
          'submitter.full_name as submitted_by_name',
          'reviewer.full_name as reviewed_by_name',
        ])
        .where('r.service_id', '=', serviceId)
        .orderBy('r.number', 'desc')
        .execute();
    },

    async decideRevision(
      id: string,
      decision: { status: 'approved' | 'rejected'; reviewedBy: string; reason?: string },
    ) {
      return db
        .updateTable('service_revisions')
        .set({
          status: decision.status,
          reviewed_by: decision.reviewedBy,
          reviewed_at: sql<Date>`now()`,
          rejection_reason: decision.reason ?? null,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returning(['id', 'number', 'service_id'])
        .executeTakeFirst();
    },

    // ---------------------------------------------------------------- search

    /** Words in the listings closest to a word that matched nothing, for typo tolerance. */
    async similarWords(word: string, limit = 3): Promise<string[]> {
      const rows = await sql<{ word: string }>`
        select word from search_words
         where similarity(word, ${word}) >= 0.25
         order by word <-> ${word}, word
         limit ${limit}`.execute(db);
      return rows.rows.map((r) => r.word);
    },

    async knownWords(words: string[]): Promise<Set<string>> {
      if (words.length === 0) return new Set();
      const rows = await db.selectFrom('search_words').select('word').where('word', 'in', words).execute();
      return new Set(rows.map((r) => r.word));
    },

    async search(
      criteria: SearchCriteria,
      hiddenBefore: string,
    ): Promise<{ rows: SearchRow[]; facets: FacetCount[] }> {
      const result = await searchQuery(criteria, hiddenBefore).execute(db);
      const rows = result.rows.filter((r) => r.id !== null);
      const facetRow = result.rows.find((r) => r.id === null);
      const total = facetRow?.total ?? 0;
      return {
        rows: rows.map(({ facet_rows: _ignored, position: _position, ...row }) => ({
          ...row,
          total: Number(row.total ?? total),
        })),
        facets: (facetRow?.facet_rows ?? []).map((f) => ({ ...f, count: Number(f.count) })),
      };
    },

    /** The plan PostgreSQL chose for a search, with real row counts: for the benchmark and for tuning. */
    async explainSearch(criteria: SearchCriteria, hiddenBefore: string): Promise<string[]> {
      const plan = await sql<{
        'QUERY PLAN': string;
      }>`explain (analyze, costs off, summary on) ${searchQuery(criteria, hiddenBefore)}`.execute(db);
      return plan.rows.map((r) => r['QUERY PLAN']);
    },

    // ---------------------------------------------------------------- what's on

    /** Schedules of publicly visible services that may have sessions in a date range. */
    async schedulesBetween(
      from: string,
      to: string,
      hiddenBefore: string,
      options: { eventsOnly?: boolean } = {},
    ) {
      let query = db
        .selectFrom('schedules as sc')
        .innerJoin('services as s', 's.id', 'sc.service_id')
        .innerJoin('directory_organisations as o', 'o.id', 's.organisation_id')
        .select([
          'sc.id',
          'sc.freq',
          'sc.byday',
          'sc.week_of_month',
          'sc.dtstart',
          'sc.valid_from',
          'sc.valid_to',
          sql<string | null>`to_char(sc.opens_at, 'HH24:MI')`.as('opens_at'),
          sql<string | null>`to_char(sc.closes_at, 'HH24:MI')`.as('closes_at'),
          'sc.term_time_only',
          'sc.description',
          's.id as service_id',
          's.name as service_name',
          's.minimum_age',
          's.maximum_age',
          's.is_free',
          'o.name as organisation_name',
        ])
        .where(publiclyVisible(hiddenBefore))
        .where((eb) =>
          eb.or([
            eb.and([eb('sc.freq', '=', 'ONCE'), eb('sc.dtstart', '>=', from), eb('sc.dtstart', '<=', to)]),
            eb.and([
              eb('sc.freq', '<>', 'ONCE'),
              eb.or([eb('sc.valid_from', 'is', null), eb('sc.valid_from', '<=', to)]),
              eb.or([eb('sc.valid_to', 'is', null), eb('sc.valid_to', '>=', from)]),
            ]),
          ]),
        );
      if (options.eventsOnly) query = query.where('sc.freq', '=', 'ONCE');
      return query.execute();
    },

    /**
     * Changes whenever anything a public page shows could have changed: a listing added, applied,
     * withdrawn, restored or confirmed (each sets last_modified), a term added or edited (updated_at).
     */
    async directoryVersion(): Promise<string> {
      // Two backward index scans of one row each: cheap enough for every public request.
      const row = await sql<{ v: string }>`
        select concat_ws('|', (select max(last_modified) from services)::text,
                         (select max(updated_at) from taxonomy_terms)::text) as v`.execute(db);
      return row.rows[0]?.v ?? '';
    },

    // ---------------------------------------------------------------- postcodes

    async findPostcode(code: string) {
      return db.selectFrom('postcodes').selectAll().where('code', '=', code).executeTakeFirst();
    },

    async upsertPostcodes(
      rows: { code: string; kind: 'unit' | 'district'; latitude: number; longitude: number }[],
    ) {
      if (rows.length === 0) return;
      await db
        .insertInto('postcodes')
        .values(rows)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            latitude: eb.ref('excluded.latitude'),
            longitude: eb.ref('excluded.longitude'),
          })),
        )
        .execute();
    },
  };
}
