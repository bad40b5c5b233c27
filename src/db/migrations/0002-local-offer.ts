import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

/**
 * The SEND Local Offer, aligned with Open Referral UK 3.0 / HSDS 3.0 so that the open data API is a
 * serialiser over these tables. Every id is a UUID. Forward-only; the same SQL on PGlite and PostgreSQL.
 *
 * The live listing is in the normalised tables; every version of it (approved, pending, rejected)
 * is kept whole in service_revisions, so moderation never touches what the public sees until an
 * editor approves.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table directory_organisations (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      description text not null default '' check (length(description) <= 5000),
      email text check (length(email) <= 254),
      website text check (length(website) <= 500),
      phone text check (length(phone) <= 40),
      -- The platform organisation whose provider accounts manage this organisation's listings.
      account_organisation_id uuid references organisations (id),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index directory_organisations_account_idx on directory_organisations (account_organisation_id);

    create table taxonomies (
      id uuid primary key default gen_random_uuid(),
      key text not null unique check (key ~ '^[a-z0-9-]{1,64}$'),
      name text not null check (length(name) between 1 and 200),
      description text not null default '',
      term_uri_base text,
      sort_order integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table taxonomy_terms (
      id uuid primary key default gen_random_uuid(),
      taxonomy_id uuid not null references taxonomies (id),
      parent_id uuid references taxonomy_terms (id),
      code text not null check (code ~ '^[a-z0-9-]{1,64}$'),
      name text not null check (length(name) between 1 and 200),
      description text not null default '' check (length(description) <= 2000),
      -- Age groups carry the ages they cover, so an age filter and an age-group filter agree.
      minimum_age integer check (minimum_age between 0 and 25),
      maximum_age integer check (maximum_age between 0 and 25),
      sort_order integer not null default 0,
      retired_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (taxonomy_id, code)
    );
    create index taxonomy_terms_parent_idx on taxonomy_terms (parent_id);

    create table services (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references directory_organisations (id),
      name text not null check (length(name) between 1 and 200),
      description text not null check (length(description) <= 5000),
      url text check (length(url) <= 500),
      email text check (length(email) <= 254),
      status text not null default 'active'
        check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
      visibility text not null default 'public' check (visibility in ('public', 'internal')),
      minimum_age integer not null check (minimum_age between 0 and 25),
      maximum_age integer not null check (maximum_age between 0 and 25),
      eligibility_description text,
      access_routes text[] not null default '{}',
      access_details text,
      is_free boolean not null,
      fees_description text,
      -- When someone last confirmed the listing is right (HSDS assured_date).
      assured_date date not null,
      last_modified timestamptz not null default now(),
      -- The approved revision now live.
      live_revision_number integer not null default 1,
      -- Set by an editor to take a listing down; it stays in the database and its history.
      withdrawn_at timestamptz,
      -- Externally sourced listings (partners' ORUK feeds) are read-only here.
      source text,
      search_text text not null default '',
      search_vector tsvector,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      check (minimum_age <= maximum_age)
    );
    create index services_organisation_idx on services (organisation_id);
    create index services_search_idx on services using gin (search_vector);
    create index services_name_idx on services (lower(name));
    create index services_name_trgm_idx on services using gin (name gin_trgm_ops);
    create index services_assured_idx on services (assured_date);
    create index services_last_modified_idx on services (last_modified);

    create table locations (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references directory_organisations (id),
      name text not null check (length(name) between 1 and 200),
      address_1 text not null,
      city text not null,
      postcode text not null,
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      accessibility text[] not null default '{}',
      accessibility_details text,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index locations_organisation_idx on locations (organisation_id);
    create index locations_earth_idx on locations using gist (ll_to_earth(latitude, longitude))
      where latitude is not null and longitude is not null;

    create table service_at_locations (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references services (id) on delete cascade,
      location_id uuid not null references locations (id),
      unique (service_id, location_id)
    );
    create index service_at_locations_location_idx on service_at_locations (location_id);

    create table contacts (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references services (id) on delete cascade,
      name text,
      title text,
      email text,
      sort_order integer not null default 0
    );
    create index contacts_service_idx on contacts (service_id);

    create table phones (
      id uuid primary key default gen_random_uuid(),
      contact_id uuid not null references contacts (id) on delete cascade,
      number text not null,
      description text
    );
    create index phones_contact_idx on phones (contact_id);

    create table schedules (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references services (id) on delete cascade,
      freq text not null check (freq in ('WEEKLY', 'MONTHLY', 'ONCE')),
      byday text[] not null default '{}',
      week_of_month integer,
      dtstart date,
      valid_from date,
      valid_to date,
      opens_at time,
      closes_at time,
      term_time_only boolean not null default false,
      description text,
      sort_order integer not null default 0
    );
    create index schedules_service_idx on schedules (service_id);
    create index schedules_dtstart_idx on schedules (dtstart) where dtstart is not null;

    create table cost_options (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references services (id) on delete cascade,
      option text not null,
      amount numeric(10, 2),
      amount_description text,
      sort_order integer not null default 0
    );
    create index cost_options_service_idx on cost_options (service_id);

    create table service_languages (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references services (id) on delete cascade,
      code text not null,
      name text not null,
      unique (service_id, code)
    );
    create index service_languages_code_idx on service_languages (code);

    create table service_areas (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references services (id) on delete cascade,
      name text not null
    );
    create index service_areas_service_idx on service_areas (service_id);

    -- HSDS attributes linking a service to taxonomy terms.
    create table service_attributes (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references services (id) on delete cascade,
      taxonomy_term_id uuid not null references taxonomy_terms (id),
      unique (service_id, taxonomy_term_id)
    );
    create index service_attributes_term_idx on service_attributes (taxonomy_term_id, service_id);

    create table service_revisions (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references services (id),
      number integer not null,
      status text not null check (status in ('pending', 'approved', 'rejected', 'superseded')),
      document jsonb not null,
      change_summary text,
      submitted_by uuid references users (id),
      submitted_at timestamptz not null default now(),
      reviewed_by uuid references users (id),
      reviewed_at timestamptz,
      rejection_reason text,
      unique (service_id, number)
    );
    create index service_revisions_pending_idx on service_revisions (submitted_at) where status = 'pending';
    -- At most one change waits for moderation per service.
    create unique index service_revisions_one_pending on service_revisions (service_id) where status = 'pending';

    create table service_review_reminders (
      service_id uuid not null references services (id) on delete cascade,
      assured_date date not null,
      kind text not null check (kind in ('due_soon', 'overdue', 'hidden')),
      sent_at timestamptz not null default now(),
      primary key (service_id, assured_date, kind)
    );

    -- Words that appear in listings, for suggesting a correction to a misspelt search ("autsim").
    create table search_words (
      word text primary key
    );
    create index search_words_trgm_idx on search_words using gist (word gist_trgm_ops);

    create table postcodes (
      -- Upper case without spaces: a full postcode (WV11SH) or an outward code (WV1).
      code text primary key check (code ~ '^[A-Z0-9]{2,7}$'),
      kind text not null check (kind in ('unit', 'district')),
      latitude double precision not null check (latitude between -90 and 90),
      longitude double precision not null check (longitude between -180 and 180)
    );

    create table information_pages (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9-]{1,100}$'),
      title text not null check (length(title) between 1 and 200),
      summary text not null default '' check (length(summary) <= 500),
      topic text not null,
      age_groups text[] not null default '{}',
      body text not null check (length(body) <= 50000),
      published boolean not null default true,
      last_reviewed_on date not null,
      updated_by uuid references users (id),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table feedback_reports (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('page_problem', 'general')),
      page_path text check (length(page_path) <= 500),
      service_id uuid references services (id),
      what_was_wrong text check (length(what_was_wrong) <= 100),
      message text not null check (length(message) between 1 and 2000),
      reply_email text check (length(reply_email) <= 254),
      status text not null default 'new' check (status in ('new', 'in_progress', 'resolved')),
      -- The anonymised "You said" and "We did" that the annual page publishes (reg 56).
      you_said text check (length(you_said) <= 1000),
      we_did text check (length(we_did) <= 2000),
      publish boolean not null default false,
      assigned_to uuid references users (id),
      received_at timestamptz not null default now(),
      resolved_at timestamptz,
      updated_at timestamptz not null default now(),
      is_demo boolean not null default false
    );
    create index feedback_reports_status_idx on feedback_reports (status, received_at);
    create index feedback_reports_published_idx on feedback_reports (resolved_at) where publish;
    `,
  );
}
