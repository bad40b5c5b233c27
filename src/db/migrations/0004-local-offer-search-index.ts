import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

/**
 * A search index on each service, kept beside the ORUK tables it is derived from: the taxonomy
 * terms, languages, days and venue accessibility and coordinates of a listing as arrays, so that a
 * search filters with array containment (GIN-indexed) and counts its filter options by unnesting
 * the matched rows, with no joins. The normalised tables stay the model; these columns are
 * rebuilt from them whenever a listing is applied (see refreshSearchIndex in the repository).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table services add column search_term_ids uuid[] not null default '{}';
    alter table services add column search_languages text[] not null default '{}';
    alter table services add column search_days text[] not null default '{}';
    alter table services add column search_accessibility text[] not null default '{}';
    alter table services add column search_latitudes double precision[] not null default '{}';
    alter table services add column search_longitudes double precision[] not null default '{}';
    create index services_search_term_ids_idx on services using gin (search_term_ids);

    update services s set
      search_term_ids = coalesce((select array_agg(a.taxonomy_term_id order by a.taxonomy_term_id) from service_attributes a where a.service_id = s.id), '{}'),
      search_languages = coalesce((select array_agg(distinct g.code) from service_languages g where g.service_id = s.id), '{}'),
      search_days = coalesce((select array_agg(distinct d.day) from schedules sc, unnest(sc.byday) as d(day) where sc.service_id = s.id), '{}'),
      search_accessibility = coalesce((select array_agg(distinct f.feature) from service_at_locations sl join locations l on l.id = sl.location_id, unnest(l.accessibility) as f(feature) where sl.service_id = s.id), '{}'),
      search_latitudes = coalesce((select array_agg(l.latitude order by l.id) from service_at_locations sl join locations l on l.id = sl.location_id where sl.service_id = s.id and l.latitude is not null and l.longitude is not null), '{}'),
      search_longitudes = coalesce((select array_agg(l.longitude order by l.id) from service_at_locations sl join locations l on l.id = sl.location_id where sl.service_id = s.id and l.latitude is not null and l.longitude is not null), '{}');
    `,
  );
}
