import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are stored as timestamptz (UTC) and read back as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export interface OrganisationsTable {
  id: Generated<string>;
  key: string;
  name: string;
  kind: string;
  is_demo: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  full_name: string;
  role: string;
  organisation_id: string;
  status: string;
  password_hash: string | null;
  failed_signin_count: Generated<number>;
  locked_until: Timestamp | null;
  last_signed_in_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UserInvitationsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  invited_by: string | null;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  acting_organisation_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  flash: Json | null;
}

export interface AuditEventsTable {
  id: Generated<string>;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  request_id: string | null;
  details: Json;
}

export interface NotificationOutboxTable {
  id: Generated<string>;
  template: string;
  recipient: string;
  personalisation: Json;
  status: Generated<string>;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  user_invitations: UserInvitationsTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  notification_outbox: NotificationOutboxTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
