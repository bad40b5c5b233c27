import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

/** A service as the CSV export and import need it: its place in the directory and its current version. */
export type CsvServiceRow = {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  assuredDate: string;
  withdrawn: boolean;
  liveRevisionNumber: number;
  source: string | null;
  isDemo: boolean;
  /** The live version's document; for a listing never approved, its latest version's; null if none is stored. */
  document: unknown;
};

/** Where the export has got to: it is ordered by organisation, then service name, then id. */
export type CsvPageKey = { organisationName: string; name: string; id: string };

export function createLocalOfferCsvRepository(db: Kysely<Database>) {
  function servicesQuery() {
    return db
      .selectFrom('services as s')
      .innerJoin('directory_organisations as o', 'o.id', 's.organisation_id')
      .select([
        's.id',
        's.name',
        's.organisation_id as organisationId',
        'o.name as organisationName',
        's.assured_date as assuredDate',
        sql<boolean>`s.withdrawn_at is not null`.as('withdrawn'),
        's.live_revision_number as liveRevisionNumber',
        's.source',
        's.is_demo as isDemo',
        sql<unknown>`(select r.document from service_revisions r
                       where r.service_id = s.id
                         and (s.live_revision_number = 0 or r.number = s.live_revision_number)
                       order by r.number desc limit 1)`.as('document'),
      ]);
  }

  return {
    /** One page of every service (withdrawn and internal ones too), after a key: keyset pagination. */
    async servicesAfter(after: CsvPageKey | null, limit: number): Promise<CsvServiceRow[]> {
      let query = servicesQuery();
      if (after) {
        query = query.where(
          sql<boolean>`(lower(o.name), lower(s.name), s.id) > (lower(${after.organisationName}::text), lower(${after.name}::text), ${after.id}::uuid)`,
        );
      }
      return query
        .orderBy(sql`lower(o.name)`)
        .orderBy(sql`lower(s.name)`)
        .orderBy('s.id')
        .limit(limit)
        .execute();
    },

    async servicesByIds(ids: readonly string[]): Promise<CsvServiceRow[]> {
      if (ids.length === 0) return [];
      return servicesQuery()
        .where('s.id', 'in', [...ids])
        .execute();
    },
  };
}

export type LocalOfferCsvRepository = ReturnType<typeof createLocalOfferCsvRepository>;
