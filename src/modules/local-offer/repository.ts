import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { LANGUAGES, type Listing, type Weekday } from './domain/listing.ts';
import { searchWords, type SearchCriteria } from './domain/search.ts';

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

export function createLocalOfferRepository(db: Kysely<Database>) {
  /** The public can see a listing that is live, not withdrawn, not internal, and reviewed recently enough. */
  const publiclyVisible = (hiddenBefore: string) =>
    sql<boolean>`s.live_revision_number > 0 and s.withdrawn_at is null and s.visibility = 'public' and s.status <> 'defunct' and s.assured_date >= ${hiddenBefore}::date`;

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
      await db
        .updateTable('services')
        .set({ withdrawn_at: withdrawn ? sql<Date>`now()` : null, last_modified: sql<Date>`now()` })
        .where('id', '=', serviceId)
        .execute();
    },

    async confirmReviewed(serviceId: string, assuredDate: string) {
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
        .selectAll('s')
        .select([
          'o.name as organisation_name',
          'o.website as organisation_website',
          'o.account_organisation_id as account_organisation_id',
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
      const filters = [publiclyVisible(hiddenBefore)];
      if (criteria.tsquery) {
        filters.push(
          sql<boolean>`(s.search_vector @@ to_tsquery('english', ${criteria.tsquery}) or s.name % ${criteria.keywords ?? ''})`,
        );
      }
      for (const termId of criteria.termIds) {
        filters.push(
          sql<boolean>`exists (select 1 from service_attributes a where a.service_id = s.id and a.taxonomy_term_id = ${termId}::uuid)`,
        );
      }
      if (criteria.age !== undefined) {
        filters.push(sql<boolean>`s.minimum_age <= ${criteria.age} and s.maximum_age >= ${criteria.age}`);
      }
      for (const day of criteria.days) {
        filters.push(
          sql<boolean>`exists (select 1 from schedules d where d.service_id = s.id and ${day} = any(d.byday))`,
        );
      }
      for (const language of criteria.languages) {
        filters.push(
          sql<boolean>`exists (select 1 from service_languages g where g.service_id = s.id and g.code = ${language})`,
        );
      }
      if (criteria.accessibility.length > 0) {
        filters.push(
          sql<boolean>`exists (select 1 from service_at_locations sl join locations l on l.id = sl.location_id
                               where sl.service_id = s.id and l.accessibility @> ${criteria.accessibility}::text[])`,
        );
      }
      const near = criteria.near;
      const distance = near
        ? sql<
            number | null
          >`(select min(earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(${near.latitude}, ${near.longitude})))
               from service_at_locations sl join locations l on l.id = sl.location_id
              where sl.service_id = s.id and l.latitude is not null and l.longitude is not null
                and earth_box(ll_to_earth(${near.latitude}, ${near.longitude}), ${near.radiusMetres}) @> ll_to_earth(l.latitude, l.longitude))`
        : sql<number | null>`null::float8`;
      const where = sql.join(filters, sql` and `);
      const rank = criteria.tsquery
        ? sql<number>`ts_rank_cd(s.search_vector, to_tsquery('english', ${criteria.tsquery})) + similarity(s.name, ${criteria.keywords ?? ''})`
        : sql<number>`0`;
      const order =
        criteria.sort === 'name'
          ? sql`lower(name), id`
          : criteria.sort === 'distance' && near
            ? sql`distance_metres nulls last, lower(name), id`
            : sql`rank desc, lower(name), id`;
      const nearFilter = near ? sql`where distance_metres <= ${near.radiusMetres}` : sql``;

      const result = await sql<SearchRow & { facet_rows: FacetCount[] | null }>`
        with matched as (
          select s.id, s.name, s.description, s.minimum_age, s.maximum_age, s.is_free, s.assured_date,
                 s.organisation_id, ${rank} as rank, ${distance} as distance_metres
            from services s
           where ${where}
        ),
        results as (select * from matched ${nearFilter}),
        facets as (
          select 'term' as facet, a.taxonomy_term_id::text as key, count(*)::int as count
            from service_attributes a join results r on r.id = a.service_id group by a.taxonomy_term_id
          union all
          select 'language', g.code, count(*)::int
            from service_languages g join results r on r.id = g.service_id group by g.code
          union all
          select 'day', d.day, count(distinct d.service_id)::int
            from (select sc.service_id, unnest(sc.byday) as day from schedules sc join results r on r.id = sc.service_id) d
           group by d.day
          union all
          select 'access', f.feature, count(distinct f.service_id)::int
            from (select sl.service_id, unnest(l.accessibility) as feature
                    from service_at_locations sl join locations l on l.id = sl.location_id
                    join results r on r.id = sl.service_id) f
           group by f.feature
        ),
        page as (
          select r.*, (select count(*) from results)::int as total
            from results r
           order by ${order}
           limit ${criteria.perPage} offset ${(criteria.page - 1) * criteria.perPage}
        )
        select p.id, p.name, p.description, o.name as "organisationName", p.minimum_age as "minimumAge",
               p.maximum_age as "maximumAge", p.is_free as "isFree", p.assured_date::text as "assuredDate",
               p.distance_metres as "distanceMetres", p.total,
               (select concat_ws(', ', l.name, l.postcode) from service_at_locations sl join locations l on l.id = sl.location_id
                 where sl.service_id = p.id order by l.name limit 1) as "nearestLocation",
               null::json as facet_rows
          from page p join directory_organisations o on o.id = p.organisation_id
        union all
        select null, null, null, null, null, null, null, null, null, (select count(*) from results)::int, null,
               (select json_agg(f) from facets f)
        `.execute(db);
      const rows = result.rows.filter((r) => r.id !== null);
      const facetRow = result.rows.find((r) => r.id === null);
      const total = facetRow?.total ?? 0;
      return {
        rows: rows.map(({ facet_rows: _ignored, ...row }) => ({ ...row, total: Number(row.total ?? total) })),
        facets: (facetRow?.facet_rows ?? []).map((f) => ({ ...f, count: Number(f.count) })),
      };
    },

    // ---------------------------------------------------------------- what's on

    /** Schedules of publicly visible services that may have sessions in a date range. */
    async schedulesBetween(from: string, to: string, hiddenBefore: string) {
      return db
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
        )
        .execute();
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

    async countPostcodes(): Promise<number> {
      const row = await db
        .selectFrom('postcodes')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type LocalOfferRepository = ReturnType<typeof createLocalOfferRepository>;
