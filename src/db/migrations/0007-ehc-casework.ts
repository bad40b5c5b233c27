import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

/**
 * EHC needs assessments (issue 5): children and young people, the people around them, requests for an
 * assessment (one case each), advice requests and setting consultations with their own clocks, excusals,
 * plans (draft and final, whole documents), representations, notes, documents, the case timeline, the
 * family's one-time links and sessions, and online requests saved to return to.
 *
 * Statutory dates are `date` (no time zone); due dates of advice and consultations are stored when they are
 * asked, computed by the clock engine, so that "due and overdue" is an index scan. Forward-only; the same
 * SQL on PGlite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table ehc_children (
      id uuid primary key default gen_random_uuid(),
      legal_given_names text not null check (length(legal_given_names) between 1 and 100),
      legal_family_name text not null check (length(legal_family_name) between 1 and 100),
      preferred_name text check (length(preferred_name) <= 100),
      date_of_birth date not null,
      sex text not null check (sex in ('F', 'M', 'U')),
      ethnicity text check (length(ethnicity) <= 4),
      home_postcode text check (length(home_postcode) <= 8),
      upn text check (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
      upn_unknown_reason text,
      uln text check (uln ~ '^[0-9]{10}$'),
      uln_unknown_reason text,
      nhs_number text check (nhs_number ~ '^[0-9]{10}$'),
      nhs_number_unknown_reason text,
      setting_name text check (length(setting_name) <= 200),
      setting_organisation_id uuid references organisations (id),
      setting_urn text check (setting_urn ~ '^[0-9]{6,7}$'),
      national_curriculum_year text check (length(national_curriculum_year) <= 3),
      communication_needs text check (length(communication_needs) <= 2000),
      preferred_language text check (length(preferred_language) <= 100),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- Duplicate detection looks a child up by date of birth, then compares names.
    create index ehc_children_dob_idx on ehc_children (date_of_birth);
    create index ehc_children_nhs_idx on ehc_children (nhs_number) where nhs_number is not null;
    create index ehc_children_upn_idx on ehc_children (upn) where upn is not null;

    create table ehc_child_needs (
      child_id uuid not null references ehc_children (id),
      rank smallint not null check (rank between 1 and 2),
      sen_type text not null check (sen_type in ('SPLD','MLD','SLD','PMLD','SEMH','SLCN','HI','VI','MSI','PD','ASD','DS','OTH')),
      primary key (child_id, rank)
    );

    create table ehc_related_people (
      id uuid primary key default gen_random_uuid(),
      child_id uuid not null references ehc_children (id),
      full_name text not null check (length(full_name) between 1 and 200),
      relationship text not null check (relationship in ('parent', 'carer', 'young_person', 'other')),
      has_parental_responsibility boolean not null default false,
      email text check (email = lower(email) and length(email) <= 254),
      phone text check (length(phone) <= 40),
      is_main_contact boolean not null default false,
      capacity_note text check (length(capacity_note) <= 2000),
      created_at timestamptz not null default now()
    );
    create index ehc_related_people_child_idx on ehc_related_people (child_id);
    create index ehc_related_people_email_idx on ehc_related_people (email) where email is not null;

    create sequence ehc_case_reference_seq;

    create table ehc_cases (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      child_id uuid not null references ehc_children (id),
      request_source smallint not null check (request_source between 1 and 5),
      request_channel text not null check (request_channel in ('online', 'setting', 'letter', 'email', 'phone')),
      requester_name text check (length(requester_name) <= 200),
      requester_organisation_id uuid references organisations (id),
      received_on date not null,
      -- Due dates of the case's own clocks, computed by the clock engine when the request is recorded.
      decision_due_on date not null,
      no_plan_due_on date not null,
      final_plan_due_on date not null,
      reasons text not null check (length(reasons) between 1 and 10000),
      caseworker_id uuid references users (id),
      status text not null check (status in (
        'awaiting-decision', 'not-assessing', 'assessing', 'draft-issued', 'final-issued', 'no-plan',
        'withdrawn', 'moved-out')),
      decision_outcome text check (decision_outcome in ('assess', 'not-assess')),
      decision_notified_on date,
      decision_reasons text check (length(decision_reasons) <= 10000),
      no_plan_notified_on date,
      no_plan_reasons text check (length(no_plan_reasons) <= 10000),
      draft_served_on date,
      final_issued_on date,
      final_setting_name text check (length(final_setting_name) <= 200),
      closed_on date,
      closure_reason text check (closure_reason in ('withdrawn', 'moved-out')),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (decision_notified_on is null or decision_notified_on >= received_on),
      check (final_issued_on is null or final_issued_on >= received_on)
    );
    create index ehc_cases_child_idx on ehc_cases (child_id);
    create index ehc_cases_caseworker_idx on ehc_cases (caseworker_id) where closed_on is null;
    create index ehc_cases_open_received_idx on ehc_cases (received_on) where closed_on is null;
    create index ehc_cases_final_issued_idx on ehc_cases (final_issued_on) where final_issued_on is not null;
    create index ehc_cases_decision_due_idx on ehc_cases (decision_due_on) where status = 'awaiting-decision';
    create index ehc_cases_final_due_idx on ehc_cases (final_plan_due_on)
      where status in ('assessing', 'draft-issued');

    create table ehc_documents (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references ehc_cases (id),
      kind text not null check (kind in ('advice', 'consultation-response', 'evidence')),
      file_name text not null check (length(file_name) between 1 and 200),
      media_type text not null,
      size_bytes integer not null check (size_bytes between 1 and 20971520),
      sha256 text not null,
      content bytea not null,
      uploaded_by uuid references users (id),
      uploaded_at timestamptz not null
    );
    create index ehc_documents_case_idx on ehc_documents (case_id);

    create table ehc_advice_requests (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references ehc_cases (id),
      advice_type text not null check (advice_type in (
        'educational', 'health', 'psychological', 'social_care', 'setting', 'preparing_for_adulthood', 'other')),
      organisation_id uuid not null references organisations (id),
      requested_on date not null,
      due_on date not null,
      received_on date,
      summary text check (length(summary) <= 10000),
      document_id uuid references ehc_documents (id),
      received_by uuid references users (id),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      check (received_on is null or received_on >= requested_on)
    );
    create index ehc_advice_requests_case_idx on ehc_advice_requests (case_id);
    create index ehc_advice_requests_org_idx on ehc_advice_requests (organisation_id, due_on);
    -- The partner portal lists an organisation's latest answers, newest first.
    create index ehc_advice_requests_org_answered_idx on ehc_advice_requests (organisation_id, received_on desc)
      where received_on is not null;
    create index ehc_advice_requests_outstanding_idx on ehc_advice_requests (due_on) where received_on is null;

    create table ehc_setting_consultations (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references ehc_cases (id),
      organisation_id uuid not null references organisations (id),
      sent_on date not null,
      due_on date not null,
      replied_on date,
      can_meet_needs boolean,
      response text check (length(response) <= 10000),
      document_id uuid references ehc_documents (id),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      check (replied_on is null or replied_on >= sent_on)
    );
    create index ehc_setting_consultations_case_idx on ehc_setting_consultations (case_id);
    create index ehc_setting_consultations_org_idx on ehc_setting_consultations (organisation_id, due_on);
    create index ehc_setting_consultations_org_answered_idx
      on ehc_setting_consultations (organisation_id, replied_on desc) where replied_on is not null;
    create index ehc_setting_consultations_outstanding_idx on ehc_setting_consultations (due_on)
      where replied_on is null;

    -- An exception to a time limit, recorded against the one deadline it excuses; never a clock stop.
    create table ehc_excusals (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references ehc_cases (id),
      rule_id text not null,
      subject_id uuid,
      exception_type text not null check (exception_type in (
        '5(4)(a)', '5(4)(b)', '5(4)(c)', '8(2)(a)', '8(2)(b)', '8(2)(c)',
        '10(4)(a)', '10(4)(b)', '10(4)(c)', '10(4)(d)')),
      from_on date not null,
      to_on date not null,
      advice_requested_on date,
      evidence text not null check (length(evidence) between 1 and 2000),
      document_id uuid references ehc_documents (id),
      recorded_by uuid references users (id),
      recorded_at timestamptz not null,
      check (to_on >= from_on)
    );
    create index ehc_excusals_case_idx on ehc_excusals (case_id);

    -- The plan as a whole document (sections A to K), one row per version: drafts are edited until issued;
    -- an issued draft or final plan is never changed again.
    create table ehc_plans (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references ehc_cases (id),
      version integer not null check (version >= 1),
      kind text not null check (kind in ('draft', 'final')),
      content jsonb not null,
      issued_on date,
      named_setting text check (length(named_setting) <= 200),
      edited_by uuid references users (id),
      updated_at timestamptz not null,
      unique (case_id, version)
    );

    create table ehc_representations (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references ehc_cases (id),
      received_on date not null,
      comments text not null check (length(comments) between 1 and 10000),
      preferred_setting text check (length(preferred_setting) <= 200),
      from_related_person_id uuid references ehc_related_people (id),
      recorded_by uuid references users (id),
      created_at timestamptz not null default now()
    );
    create index ehc_representations_case_idx on ehc_representations (case_id);

    create table ehc_case_notes (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references ehc_cases (id),
      author_id uuid not null references users (id),
      body text not null check (length(body) between 1 and 5000),
      created_at timestamptz not null
    );
    create index ehc_case_notes_case_idx on ehc_case_notes (case_id, created_at desc);

    -- What happened, in words a family and a caseworker both understand: the MoJ timeline.
    create table ehc_case_events (
      id bigint generated always as identity primary key,
      case_id uuid not null references ehc_cases (id),
      occurred_at timestamptz not null,
      actor_user_id uuid references users (id),
      actor_label text,
      kind text not null,
      summary text not null,
      visible_to_family boolean not null default true
    );
    create index ehc_case_events_case_idx on ehc_case_events (case_id, occurred_at desc, id desc);

    -- The family signs in by a one-time link sent to the email on the case (a later GOV.UK One Login
    -- sign-in would create the same kind of session for the same related person).
    create table ehc_family_links (
      id uuid primary key default gen_random_uuid(),
      related_person_id uuid not null references ehc_related_people (id),
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null
    );
    create index ehc_family_links_person_idx on ehc_family_links (related_person_id, created_at);
    create table ehc_family_sessions (
      id_hash text primary key,
      related_person_id uuid not null references ehc_related_people (id),
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index ehc_family_sessions_person_idx on ehc_family_sessions (related_person_id);

    -- From the end of compulsory school age the young person decides, if they have capacity to; whether
    -- they had it is judged decision by decision (Mental Capacity Act 2005, Code of Practice 8.13), so a
    -- note is kept for each decision, not one per person.
    create table ehc_capacity_notes (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references ehc_cases (id),
      related_person_id uuid not null references ehc_related_people (id),
      decision text not null check (length(decision) between 1 and 200),
      has_capacity boolean not null,
      note text not null check (length(note) between 1 and 2000),
      assessed_on date not null,
      recorded_by uuid references users (id),
      recorded_at timestamptz not null
    );
    create index ehc_capacity_notes_case_idx on ehc_capacity_notes (case_id, assessed_on);

    -- A parent's or young person's online request, saved as they go so that they can come back to it.
    create table ehc_online_requests (
      id uuid primary key default gen_random_uuid(),
      resume_token_hash text not null unique,
      answers jsonb not null,
      submitted_case_id uuid references ehc_cases (id),
      expires_at timestamptz not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );

    -- The outbox sends each message once: a worker claims it, and retries with a growing wait on failure.
    alter table notification_outbox
      add column attempts integer not null default 0,
      add column next_attempt_at timestamptz,
      add column claimed_until timestamptz,
      add column last_error text,
      add column provider_reference text,
      add column reference text;
    create unique index notification_outbox_reference_key on notification_outbox (reference)
      where reference is not null;
    create index notification_outbox_queued_idx on notification_outbox (created_at) where status = 'queued';
    `,
  );
}
