import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

/**
 * Partners' Open Referral UK 3.0 feeds (an ICB's or a neighbouring council's directory) imported
 * into the Local Offer as read-only copies (ADR 15). A copied service, organisation or venue
 * carries the feed it came from and its id there, unique per feed, so importing again updates it
 * rather than adding a second one. Forward-only; the same SQL on PGlite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table oruk_feeds (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      -- Without a trailing slash: {base_url}/services is the feed's list of services.
      base_url text not null unique check (base_url ~ '^https?://' and length(base_url) <= 500),
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      -- The latest attempt, successful or not.
      last_started_at timestamptz,
      last_status text check (last_status in ('ok', 'failed')),
      last_report jsonb,
      -- The last successful import: when it finished, when it started (the next import asks the
      -- feed only for services modified after that), and what it did.
      last_imported_at timestamptz,
      last_import_started_at timestamptz,
      last_counts jsonb not null default '{}'::jsonb
    );

    alter table directory_organisations add column source_feed_id uuid references oruk_feeds (id);
    alter table directory_organisations add column external_id text;
    alter table directory_organisations add constraint directory_organisations_feed_external_key
      unique (source_feed_id, external_id);
    alter table directory_organisations add constraint directory_organisations_external_pair
      check ((source_feed_id is null) = (external_id is null));

    alter table locations add column source_feed_id uuid references oruk_feeds (id);
    alter table locations add column external_id text;
    alter table locations add constraint locations_feed_external_key unique (source_feed_id, external_id);
    alter table locations add constraint locations_external_pair
      check ((source_feed_id is null) = (external_id is null));

    alter table services add column source_feed_id uuid references oruk_feeds (id);
    alter table services add column external_id text;
    -- The feed's own last_modified for the record, to fetch it again only when it changes there.
    alter table services add column external_last_modified timestamptz;
    -- Set when the record disappeared from the feed and the import withdrew it here; an import that
    -- finds it published again restores it. A withdrawal by an editor leaves this null and stands.
    alter table services add column external_removed_at timestamptz;
    alter table services add constraint services_feed_external_key unique (source_feed_id, external_id);
    alter table services add constraint services_external_pair
      check ((source_feed_id is null) = (external_id is null));
    `,
  );
}
