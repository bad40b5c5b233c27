import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { noteDirectoryChange } from '../../local-offer/directory-changes.ts';
import type { MappedOrganisation } from './domain/map-service.ts';
import type { ImportCounts, ImportReport } from './domain/report.ts';

export type FeedRow = {
  id: string;
  name: string;
  base_url: string;
  created_at: Date;
  last_started_at: Date | null;
  last_status: string | null;
  last_report: ImportReport | null;
  last_imported_at: Date | null;
  last_import_started_at: Date | null;
  last_counts: Partial<ImportCounts>;
};

/** What an import needs to know of a service it copied before. */
export type ImportedServiceKey = {
  id: string;
  external_id: string;
  external_last_modified: Date | null;
  /** On the Local Offer now (not withdrawn, by an import or an editor). */
  live: boolean;
};

const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function feedRow(row: Record<string, unknown>): FeedRow {
  return {
    ...(row as unknown as FeedRow),
    last_report: (json(row.last_report) as ImportReport | null) ?? null,
    last_counts: (json(row.last_counts) as Partial<ImportCounts> | null) ?? {},
  };
}

/** Partners' ORUK feeds, and the services, organisations and venues copied from them. */
export function createOrukFeedsRepository(db: Kysely<Database>) {
  const feedColumns = [
    'f.id',
    'f.name',
    'f.base_url',
    'f.created_at',
    'f.last_started_at',
    'f.last_status',
    'f.last_report',
    'f.last_imported_at',
    'f.last_import_started_at',
    'f.last_counts',
  ] as const;

  return {
    // ---------------------------------------------------------------- feeds

    /** Every feed, with how many of its services are on the Local Offer now (not withdrawn). */
    async listFeeds(): Promise<(FeedRow & { live_services: number; all_services: number })[]> {
      const rows = await db
        .selectFrom('oruk_feeds as f')
        .select(feedColumns)
        .select([
          sql<number>`(select count(*) from services s where s.source_feed_id = f.id and s.withdrawn_at is null)::int`.as(
            'live_services',
          ),
          sql<number>`(select count(*) from services s where s.source_feed_id = f.id)::int`.as(
            'all_services',
          ),
        ])
        .orderBy(sql`lower(f.name)`)
        .execute();
      return rows.map((r) => ({
        ...feedRow(r),
        live_services: Number(r.live_services),
        all_services: Number(r.all_services),
      }));
    },

    async findFeed(id: string): Promise<FeedRow | undefined> {
      const row = await db
        .selectFrom('oruk_feeds as f')
        .select(feedColumns)
        .where('f.id', '=', id)
        .executeTakeFirst();
      return row ? feedRow(row) : undefined;
    },

    async liveServiceCount(feedId: string): Promise<number> {
      const row = await db
        .selectFrom('services')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('source_feed_id', '=', feedId)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async findFeedByUrl(baseUrl: string): Promise<FeedRow | undefined> {
      const row = await db
        .selectFrom('oruk_feeds as f')
        .select(feedColumns)
        .where('f.base_url', '=', baseUrl)
        .executeTakeFirst();
      return row ? feedRow(row) : undefined;
    },

    /** Adds a feed; undefined when one with that address exists already. */
    async insertFeed(feed: { name: string; baseUrl: string; createdBy: string | null }) {
      return db
        .insertInto('oruk_feeds')
        .values({ name: feed.name, base_url: feed.baseUrl, created_by: feed.createdBy })
        .onConflict((oc) => oc.column('base_url').doNothing())
        .returning(['id', 'name'])
        .executeTakeFirst();
    },

    /**
     * Claims the feed for one import, started `at`: true when no other import holds it (or the one
     * that does started before `staleBefore`, and so is taken to have died). One conditional update,
     * outside any transaction, so two imports that try at once cannot both succeed.
     */
    async claimImport(id: string, at: Date, staleBefore: Date): Promise<boolean> {
      const row = await db
        .updateTable('oruk_feeds')
        .set({ running_since: at, last_started_at: at })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('running_since', 'is', null), eb('running_since', '<', staleBefore)]))
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** When the import that holds the feed started, if one does. */
    async importRunningSince(id: string): Promise<Date | null> {
      const row = await db
        .selectFrom('oruk_feeds')
        .select('running_since')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.running_since ?? null;
    },

    /** Releases the claim made at `at` (and not one a later import made after it went stale). */
    async releaseImport(id: string, at: Date) {
      await db
        .updateTable('oruk_feeds')
        .set({ running_since: null })
        .where('id', '=', id)
        .where('running_since', '=', at)
        .execute();
    },

    async recordSuccess(id: string, result: { startedAt: Date; finishedAt: Date; report: ImportReport }) {
      await db
        .updateTable('oruk_feeds')
        .set({
          last_status: 'ok',
          last_report: JSON.stringify(result.report),
          last_imported_at: result.finishedAt,
          last_import_started_at: result.startedAt,
          last_counts: JSON.stringify(result.report.counts),
        })
        .where('id', '=', id)
        .execute();
    },

    /** A failed import leaves the last good one's time, so the next still asks for everything since. */
    async recordFailure(id: string, report: ImportReport) {
      await db
        .updateTable('oruk_feeds')
        .set({ last_status: 'failed', last_report: JSON.stringify(report) })
        .where('id', '=', id)
        .execute();
    },

    /** Holds the feed's row until the transaction ends, so two imports of one feed take turns. */
    async lockFeed(id: string) {
      await sql`select id from oruk_feeds where id = ${id}::uuid for update`.execute(db);
    },

    // ---------------------------------------------------------------- what was copied before

    async serviceKeys(feedId: string): Promise<ImportedServiceKey[]> {
      const rows = await db
        .selectFrom('services')
        .select(['id', 'external_id', 'external_last_modified', 'withdrawn_at'])
        .where('source_feed_id', '=', feedId)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        external_id: r.external_id ?? '',
        external_last_modified: r.external_last_modified,
        live: r.withdrawn_at === null,
      }));
    },

    /** A service copied from the feed before, with the version of it that is live. */
    async findImportedService(feedId: string, externalId: string) {
      return db
        .selectFrom('services as s')
        .leftJoin('service_revisions as r', (join) =>
          join.onRef('r.service_id', '=', 's.id').onRef('r.number', '=', 's.live_revision_number'),
        )
        .select([
          's.id',
          's.organisation_id',
          's.live_revision_number',
          's.is_demo',
          's.name',
          's.source',
          's.external_last_modified',
          'r.document',
        ])
        .where('s.source_feed_id', '=', feedId)
        .where('s.external_id', '=', externalId)
        .executeTakeFirst();
    },

    /** Adds or updates an organisation copied from the feed, by its id there; returns ours. */
    async upsertOrganisation(feedId: string, org: MappedOrganisation): Promise<string> {
      const values = {
        name: org.name,
        description: org.description,
        email: org.email ?? null,
        website: org.website ?? null,
        phone: org.phone ?? null,
      };
      const existing = await db
        .selectFrom('directory_organisations')
        .select(['id', 'name', 'description', 'email', 'website', 'phone'])
        .where('source_feed_id', '=', feedId)
        .where('external_id', '=', org.externalId)
        .executeTakeFirst();
      if (!existing) {
        const row = await db
          .insertInto('directory_organisations')
          .values({ ...values, source_feed_id: feedId, external_id: org.externalId })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      }
      const same = (Object.keys(values) as (keyof typeof values)[]).every((k) => existing[k] === values[k]);
      if (!same) {
        noteDirectoryChange();
        await db
          .updateTable('directory_organisations')
          .set({ ...values, updated_at: sql<Date>`now()` })
          .where('id', '=', existing.id)
          .execute();
      }
      return existing.id;
    },

    /** Our ids of venues copied from the feed before, by their ids there. */
    async locationIds(feedId: string, externalIds: string[]): Promise<Map<string, string>> {
      if (externalIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('locations')
        .select(['id', 'external_id'])
        .where('source_feed_id', '=', feedId)
        .where('external_id', 'in', externalIds)
        .execute();
      return new Map(rows.map((r) => [r.external_id ?? '', r.id]));
    },

    /**
     * Marks a venue of a service as the feed's venue with that id: the venue the service was just
     * linked to with that name and postcode, unless it already stands for another of the feed's.
     */
    async tagLocation(
      feedId: string,
      serviceId: string,
      venue: { name: string; postcode: string },
      externalId: string,
    ) {
      await sql`
        update locations l set source_feed_id = ${feedId}::uuid, external_id = ${externalId}
         where l.id = (select sl.location_id from service_at_locations sl join locations v on v.id = sl.location_id
                        where sl.service_id = ${serviceId}::uuid and v.name = ${venue.name} and v.postcode = ${venue.postcode}
                        limit 1)
           and l.external_id is null
           and not exists (select 1 from locations o where o.source_feed_id = ${feedId}::uuid and o.external_id = ${externalId})`.execute(
        db,
      );
    },

    /** Marks a service as the feed's record with that id: read-only here, and whose it is. */
    async markServiceImported(
      serviceId: string,
      input: { feedId: string; source: string; externalId: string; lastModified: Date | null },
    ) {
      await db
        .updateTable('services')
        .set({
          source: input.source,
          source_feed_id: input.feedId,
          external_id: input.externalId,
          external_last_modified: input.lastModified,
        })
        .where('id', '=', serviceId)
        .execute();
    },

    /** The feed's services that it no longer publishes are withdrawn (kept, with their history). */
    async withdrawMissing(feedId: string, publishedIds: string[]): Promise<number> {
      const rows = await sql<{ id: string }>`
        update services set withdrawn_at = now(), external_removed_at = now(), last_modified = now()
         where source_feed_id = ${feedId}::uuid and withdrawn_at is null
           and not (external_id = any(${publishedIds}::text[]))
        returning id`.execute(db);
      if (rows.rows.length > 0) noteDirectoryChange();
      return rows.rows.length;
    },

    /** Services an import withdrew that the feed publishes again are restored; an editor's withdrawal stands. */
    async restoreReturned(feedId: string, publishedIds: string[]): Promise<number> {
      const rows = await sql<{ id: string }>`
        update services set withdrawn_at = null, external_removed_at = null, last_modified = now()
         where source_feed_id = ${feedId}::uuid and external_removed_at is not null
           and external_id = any(${publishedIds}::text[])
        returning id`.execute(db);
      if (rows.rows.length > 0) noteDirectoryChange();
      return rows.rows.length;
    },

    /**
     * The feed still publishes these services: they count as confirmed today, so they stay on the
     * Local Offer as long as the feed is imported (and go stale like any listing when it is not).
     */
    async confirmPublished(feedId: string, publishedIds: string[], today: string): Promise<number> {
      const rows = await sql<{ id: string }>`
        update services set assured_date = ${today}::date
         where source_feed_id = ${feedId}::uuid and assured_date < ${today}::date
           and external_id = any(${publishedIds}::text[])
        returning id`.execute(db);
      if (rows.rows.length > 0) noteDirectoryChange();
      return rows.rows.length;
    },
  };
}

export type OrukFeedsRepository = ReturnType<typeof createOrukFeedsRepository>;
