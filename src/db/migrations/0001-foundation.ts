import type { Kysely } from 'kysely';
import { extensionNames } from '../extensions.ts';
import { runScript } from './run-script.ts';

// Forward-only. The same SQL runs on PGlite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of extensionNames) {
    await runScript(db, `create extension if not exists ${name} with schema public`);
  }
  await runScript(
    db,
    `
    create table organisations (
      id uuid primary key default gen_random_uuid(),
      key text not null unique check (key ~ '^[a-z0-9-]{1,64}$'),
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in (
        'council_send_service', 'integrated_care_board', 'nhs_trust', 'social_care',
        'educational_psychology', 'school', 'college', 'early_years_setting', 'provider',
        'parent_carer_forum')),
      is_demo boolean not null default false,
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    );

    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null check (email = lower(email) and length(email) between 3 and 254),
      full_name text not null check (length(full_name) between 1 and 200),
      role text not null check (role in (
        'administrator', 'send_manager', 'send_caseworker', 'partner_practitioner',
        'local_offer_editor', 'provider', 'board_member')),
      organisation_id uuid not null references organisations (id),
      status text not null check (status in ('invited', 'active', 'disabled')),
      password_hash text,
      failed_signin_count integer not null default 0,
      locked_until timestamptz,
      last_signed_in_at timestamptz,
      password_changed_at timestamptz,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status = 'invited' or password_hash is not null)
    );
    create unique index users_email_key on users (email);
    create index users_organisation_idx on users (organisation_id);

    create table user_invitations (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id),
      token_hash text not null unique,
      invited_by uuid references users (id),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index user_invitations_user_idx on user_invitations (user_id);

    create table sessions (
      id_hash text primary key,
      user_id uuid not null references users (id),
      acting_organisation_id uuid not null references organisations (id),
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      flash jsonb
    );
    create index sessions_user_idx on sessions (user_id);
    create index sessions_expires_idx on sessions (expires_at);

    create table audit_events (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      actor_user_id uuid references users (id),
      actor_organisation_id uuid references organisations (id),
      action text not null check (action ~ '^[a-z][a-z0-9_.-]{1,99}$'),
      subject_type text not null,
      subject_id text,
      request_id text,
      details jsonb not null default '{}'::jsonb
    );
    create index audit_events_occurred_idx on audit_events (occurred_at desc, id desc);
    create index audit_events_actor_idx on audit_events (actor_user_id, occurred_at desc);
    create index audit_events_subject_idx on audit_events (subject_type, subject_id);
    create index audit_events_action_idx on audit_events (action);

    -- The audit trail is append-only: the database itself refuses to change or remove it,
    -- whichever application or person is connected.
    create function audit_events_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger audit_events_no_update_or_delete
      before update or delete on audit_events
      for each row execute function audit_events_refuse_change();
    create trigger audit_events_no_truncate
      before truncate on audit_events
      for each statement execute function audit_events_refuse_change();

    create table notification_outbox (
      id uuid primary key default gen_random_uuid(),
      template text not null,
      recipient text not null,
      personalisation jsonb not null,
      status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );
  `,
  );
}
