import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { AssuredRange } from './domain/review.ts';
import type { ListingState } from './schemas.ts';

/** Which listings a person works on: every one (editors), or those of some directory organisations. */
export type ListingScope = { organisationIds: readonly string[] | null };

export type ListingQuery = {
  scope: ListingScope;
  organisationId?: string | undefined;
  state?: ListingState | undefined;
  assured?: AssuredRange | undefined;
  search?: string | undefined;
  /** Listings assured before this date are hidden from the public. */
  hiddenBefore: string;
};

export type ListingRow = {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  assuredDate: string;
  liveRevisionNumber: number;
  withdrawn: boolean;
  visibility: string;
  status: string;
  pendingNumber: number | null;
  latestStatus: string | null;
};

/** Queries for the staff side of the Local Offer; the public side's queries are in ../repository.ts. */
export function createLocalOfferManagementRepository(db: Kysely<Database>) {
  const live = sql<SqlBool>`s.live_revision_number > 0 and s.withdrawn_at is null`;
  const pendingExists = sql<SqlBool>`exists (select 1 from service_revisions p where p.service_id = s.id and p.status = 'pending')`;

  function listingsQuery(q: ListingQuery) {
    let query = db
      .selectFrom('services as s')
      .innerJoin('directory_organisations as o', 'o.id', 's.organisation_id');
    const ids = q.scope.organisationIds;
    if (ids !== null) {
      query =
        ids.length === 0
          ? query.where(sql<SqlBool>`false`)
          : query.where('s.organisation_id', 'in', [...ids]);
    }
    if (q.organisationId) query = query.where('s.organisation_id', '=', q.organisationId);
    if (q.search) {
      const pattern = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('s.name', 'ilike', pattern), eb('o.name', 'ilike', pattern)]));
    }
    switch (q.state) {
      case 'live':
        query = query.where(live).where('s.assured_date', '>=', q.hiddenBefore);
        break;
      case 'hidden':
        query = query.where(live).where('s.assured_date', '<', q.hiddenBefore);
        break;
      case 'waiting':
        query = query.where(pendingExists);
        break;
      case 'not_approved':
        query = query.where('s.live_revision_number', '=', 0).where('s.withdrawn_at', 'is', null);
        break;
      case 'withdrawn':
        query = query.where('s.withdrawn_at', 'is not', null);
        break;
      default:
        break;
    }
    if (q.assured) {
      // Review dates concern listings that are live: a withdrawn or unapproved listing is not reviewed.
      const { from, to } = q.assured;
      query = query.where(live);
      if (from) query = query.where('s.assured_date', '>=', from);
      if (to) query = query.where('s.assured_date', '<=', to);
    }
    return query;
  }

  return {
    async listListings(
      q: ListingQuery,
      page: { limit: number; offset: number },
    ): Promise<{ rows: ListingRow[]; total: number }> {
      const [rows, count] = await Promise.all([
        listingsQuery(q)
          .select([
            's.id',
            's.name',
            'o.id as organisationId',
            'o.name as organisationName',
            's.assured_date as assuredDate',
            's.live_revision_number as liveRevisionNumber',
            sql<boolean>`s.withdrawn_at is not null`.as('withdrawn'),
            's.visibility',
            's.status',
            sql<
              number | null
            >`(select p.number from service_revisions p where p.service_id = s.id and p.status = 'pending')`.as(
              'pendingNumber',
            ),
            sql<
              string | null
            >`(select r.status from service_revisions r where r.service_id = s.id order by r.number desc limit 1)`.as(
              'latestStatus',
            ),
          ])
          .orderBy(sql`lower(s.name)`)
          .orderBy('s.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        listingsQuery(q)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    async countListings(q: ListingQuery): Promise<number> {
      const row = await listingsQuery(q)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** What access checks and page headings need of a listing, without its whole content. */
    async listingHeader(id: string) {
      return db
        .selectFrom('services as s')
        .innerJoin('directory_organisations as o', 'o.id', 's.organisation_id')
        .leftJoin('oruk_feeds as f', 'f.id', 's.source_feed_id')
        .select([
          's.id',
          's.name',
          's.organisation_id',
          'o.name as organisation_name',
          'o.account_organisation_id',
          's.live_revision_number',
          's.withdrawn_at',
          's.visibility',
          's.status',
          's.assured_date',
          's.source',
          's.is_demo',
          's.external_removed_at',
          'f.name as feed_name',
          'f.last_imported_at as feed_last_imported_at',
        ])
        .where('s.id', '=', id)
        .executeTakeFirst();
    },

    async revisionWithPeople(id: string) {
      return db
        .selectFrom('service_revisions as r')
        .leftJoin('users as submitter', 'submitter.id', 'r.submitted_by')
        .leftJoin('users as reviewer', 'reviewer.id', 'r.reviewed_by')
        .selectAll('r')
        .select(['submitter.full_name as submitted_by_name', 'reviewer.full_name as reviewed_by_name'])
        .where('r.id', '=', id)
        .executeTakeFirst();
    },

    async latestRevision(serviceId: string) {
      return db
        .selectFrom('service_revisions')
        .selectAll()
        .where('service_id', '=', serviceId)
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** A provider's newer change replaces the one still waiting: the earlier one is kept in the history. */
    async supersedePending(serviceId: string): Promise<number | null> {
      const row = await db
        .updateTable('service_revisions')
        .set({ status: 'superseded' })
        .where('service_id', '=', serviceId)
        .where('status', '=', 'pending')
        .returning('number')
        .executeTakeFirst();
      return row?.number ?? null;
    },

    /** Changes waiting for moderation, oldest first. */
    async moderationQueue() {
      return db
        .selectFrom('service_revisions as r')
        .innerJoin('services as s', 's.id', 'r.service_id')
        .innerJoin('directory_organisations as o', 'o.id', 's.organisation_id')
        .leftJoin('users as u', 'u.id', 'r.submitted_by')
        .select([
          'r.id',
          'r.number',
          'r.submitted_at',
          'r.change_summary',
          's.id as service_id',
          's.name as service_name',
          sql<string>`r.document->>'name'`.as('proposed_name'),
          's.live_revision_number',
          'o.name as organisation_name',
          'u.full_name as submitted_by_name',
        ])
        .where('r.status', '=', 'pending')
        .orderBy('r.submitted_at')
        .orderBy('r.id')
        .execute();
    },

    async pendingCount(scope: ListingScope): Promise<number> {
      let query = db
        .selectFrom('service_revisions as r')
        .innerJoin('services as s', 's.id', 'r.service_id')
        .where('r.status', '=', 'pending');
      const ids = scope.organisationIds;
      if (ids !== null) {
        query =
          ids.length === 0
            ? query.where(sql<SqlBool>`false`)
            : query.where('s.organisation_id', 'in', [...ids]);
      }
      const row = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    // ---------------------------------------------------------------- review reminders

    /** Live listings assured on or before a date (so due for review soon, overdue or hidden). */
    async listingsAssuredBy(date: string) {
      return db
        .selectFrom('services as s')
        .innerJoin('directory_organisations as o', 'o.id', 's.organisation_id')
        .select(['s.id', 's.name', 's.assured_date', 'o.account_organisation_id'])
        .where('s.live_revision_number', '>', 0)
        .where('s.withdrawn_at', 'is', null)
        .where('s.status', '<>', 'defunct')
        .where('s.assured_date', '<=', date)
        .orderBy('s.assured_date')
        .orderBy('s.id')
        .execute();
    },

    /** Records that a reminder went; false if one for this listing, date and kind already had. */
    async recordReminder(serviceId: string, assuredDate: string, kind: string): Promise<boolean> {
      const row = await db
        .insertInto('service_review_reminders')
        .values({ service_id: serviceId, assured_date: assuredDate, kind })
        .onConflict((oc) => oc.columns(['service_id', 'assured_date', 'kind']).doNothing())
        .returning('service_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async activeUsers(filter: { organisationId?: string; role: string }) {
      let query = db
        .selectFrom('users')
        .select(['id', 'email', 'full_name'])
        .where('status', '=', 'active')
        .where('role', '=', filter.role);
      if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
      return query.orderBy('email').execute();
    },

    // ---------------------------------------------------------------- taxonomies

    async listTermsForEditing() {
      return db
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
          't.retired_at as retiredAt',
          sql<number>`(select count(*) from service_attributes a join services s on s.id = a.service_id
                        where a.taxonomy_term_id = t.id and s.withdrawn_at is null)::int`.as('serviceCount'),
        ])
        .orderBy('x.sort_order')
        .orderBy('t.sort_order')
        .orderBy('t.name')
        .execute();
    },

    async findTerm(id: string) {
      return db
        .selectFrom('taxonomy_terms as t')
        .innerJoin('taxonomies as x', 'x.id', 't.taxonomy_id')
        .selectAll('t')
        .select(['x.key as taxonomy_key', 'x.name as taxonomy_name'])
        .where('t.id', '=', id)
        .executeTakeFirst();
    },

    async findTaxonomy(id: string) {
      return db.selectFrom('taxonomies').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async termCodes(taxonomyId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('taxonomy_terms')
        .select('code')
        .where('taxonomy_id', '=', taxonomyId)
        .execute();
      return rows.map((r) => r.code);
    },
  };
}

export type LocalOfferManagementRepository = ReturnType<typeof createLocalOfferManagementRepository>;
