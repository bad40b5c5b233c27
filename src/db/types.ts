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
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  claimed_until: Timestamp | null;
  last_error: string | null;
  provider_reference: string | null;
  /** Set by the change that queued the message, so that the same message is never queued twice. */
  reference: string | null;
  /** The worker's claim on the message (0008): only the claimant may mark it 'sending'. */
  claimed_by: string | null;
  /** When the last attempt to send it started. */
  attempted_at: Timestamp | null;
}

/** One reminder before or on a deadline, recorded when it is queued so that it is queued once (0008). */
export interface EhcDeadlineRemindersTable {
  subject_id: string;
  deadline: string;
  timing: string;
  due_on: string;
  recipients: number;
  queued_at: Timestamp;
}

/** Calendar dates are 'YYYY-MM-DD' strings on both engines (see type-parsers.ts). */
type CalendarDate = string;
type Modified = ColumnType<Date, Date | string | undefined, Date | string>;

export interface DirectoryOrganisationsTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  email: string | null;
  website: string | null;
  phone: string | null;
  account_organisation_id: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Modified;
  /** Copied from a partner's ORUK feed (migration 0005): the feed and its id there, or both null. */
  source_feed_id: ColumnType<string | null, string | null | undefined, string | null>;
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TaxonomiesTable {
  id: Generated<string>;
  key: string;
  name: string;
  description: Generated<string>;
  term_uri_base: string | null;
  sort_order: Generated<number>;
  created_at: CreatedAt;
  updated_at: Modified;
}

export interface TaxonomyTermsTable {
  id: Generated<string>;
  taxonomy_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  description: Generated<string>;
  minimum_age: number | null;
  maximum_age: number | null;
  sort_order: Generated<number>;
  retired_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Modified;
}

export interface ServicesTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  description: string;
  url: string | null;
  email: string | null;
  status: Generated<string>;
  visibility: Generated<string>;
  minimum_age: number;
  maximum_age: number;
  eligibility_description: string | null;
  access_routes: Generated<string[]>;
  access_details: string | null;
  is_free: boolean;
  fees_description: string | null;
  assured_date: CalendarDate;
  last_modified: Modified;
  live_revision_number: Generated<number>;
  withdrawn_at: Timestamp | null;
  source: string | null;
  /** Copied from a partner's ORUK feed (migration 0005): read-only here. */
  source_feed_id: ColumnType<string | null, string | null | undefined, string | null>;
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  external_last_modified: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  external_removed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  search_text: Generated<string>;
  search_vector: ColumnType<string | null, never, never>;
  search_term_ids: Generated<string[]>;
  search_languages: Generated<string[]>;
  search_days: Generated<string[]>;
  search_accessibility: Generated<string[]>;
  search_latitudes: Generated<number[]>;
  search_longitudes: Generated<number[]>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface LocationsTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  address_1: string;
  city: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  accessibility: Generated<string[]>;
  accessibility_details: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Modified;
  source_feed_id: ColumnType<string | null, string | null | undefined, string | null>;
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ServiceAtLocationsTable {
  id: Generated<string>;
  service_id: string;
  location_id: string;
}

export interface ContactsTable {
  id: Generated<string>;
  service_id: string;
  name: string | null;
  title: string | null;
  email: string | null;
  sort_order: Generated<number>;
}

export interface PhonesTable {
  id: Generated<string>;
  contact_id: string;
  number: string;
  description: string | null;
}

export interface SchedulesTable {
  id: Generated<string>;
  service_id: string;
  freq: string;
  byday: Generated<string[]>;
  week_of_month: number | null;
  dtstart: CalendarDate | null;
  valid_from: CalendarDate | null;
  valid_to: CalendarDate | null;
  opens_at: string | null;
  closes_at: string | null;
  term_time_only: Generated<boolean>;
  description: string | null;
  sort_order: Generated<number>;
}

export interface CostOptionsTable {
  id: Generated<string>;
  service_id: string;
  option: string;
  /** numeric(10,2), read as a string so no precision is lost. */
  amount: ColumnType<string | null, string | number | null, string | number | null>;
  amount_description: string | null;
  sort_order: Generated<number>;
}

export interface ServiceLanguagesTable {
  id: Generated<string>;
  service_id: string;
  code: string;
  name: string;
}

export interface ServiceAreasTable {
  id: Generated<string>;
  service_id: string;
  name: string;
}

export interface ServiceAttributesTable {
  id: Generated<string>;
  service_id: string;
  taxonomy_term_id: string;
}

export interface ServiceRevisionsTable {
  id: Generated<string>;
  service_id: string;
  number: number;
  status: string;
  document: ColumnType<unknown, string, string>;
  change_summary: string | null;
  submitted_by: string | null;
  submitted_at: CreatedAt;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  rejection_reason: string | null;
}

export interface ServiceReviewRemindersTable {
  service_id: string;
  assured_date: CalendarDate;
  kind: string;
  sent_at: CreatedAt;
}

export interface SearchWordsTable {
  word: string;
}

export interface PostcodesTable {
  code: string;
  kind: string;
  latitude: number;
  longitude: number;
}

export interface InformationPagesTable {
  id: Generated<string>;
  slug: string;
  title: string;
  summary: Generated<string>;
  topic: string;
  age_groups: Generated<string[]>;
  body: string;
  published: Generated<boolean>;
  last_reviewed_on: CalendarDate;
  updated_by: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Modified;
}

export interface FeedbackReportsTable {
  id: Generated<string>;
  kind: string;
  page_path: string | null;
  service_id: string | null;
  what_was_wrong: string | null;
  message: string;
  reply_email: string | null;
  status: Generated<string>;
  you_said: string | null;
  we_did: string | null;
  publish: Generated<boolean>;
  assigned_to: string | null;
  received_at: CreatedAt;
  resolved_at: Timestamp | null;
  updated_at: Modified;
  is_demo: Generated<boolean>;
}

/** A partner's Open Referral UK feed imported into the Local Offer (migration 0005). */
export interface OrukFeedsTable {
  id: Generated<string>;
  name: string;
  base_url: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_started_at: Timestamp | null;
  last_status: string | null;
  last_report: ColumnType<unknown, string | null, string | null>;
  last_imported_at: Timestamp | null;
  last_import_started_at: Timestamp | null;
  last_counts: ColumnType<unknown, string | undefined, string>;
  /** Set while an import of the feed runs (the claim that keeps a second one out). */
  running_since: Timestamp | null;
}

// ------------------------------------------------------------------ EHC casework (migration 0007)

type Bytes = ColumnType<Uint8Array, Uint8Array, never>;
type JsonDocument = ColumnType<unknown, string, string>;

export interface EhcChildrenTable {
  id: Generated<string>;
  legal_given_names: string;
  legal_family_name: string;
  preferred_name: string | null;
  date_of_birth: CalendarDate;
  sex: string;
  ethnicity: string | null;
  home_postcode: string | null;
  upn: string | null;
  upn_unknown_reason: string | null;
  uln: string | null;
  uln_unknown_reason: string | null;
  nhs_number: string | null;
  nhs_number_unknown_reason: string | null;
  setting_name: string | null;
  setting_organisation_id: string | null;
  setting_urn: string | null;
  national_curriculum_year: string | null;
  communication_needs: string | null;
  preferred_language: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Modified;
}

export interface EhcChildNeedsTable {
  child_id: string;
  rank: number;
  sen_type: string;
}

export interface EhcCapacityNotesTable {
  id: Generated<string>;
  case_id: string;
  related_person_id: string;
  decision: string;
  has_capacity: boolean;
  note: string;
  assessed_on: CalendarDate;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface EhcRelatedPeopleTable {
  id: Generated<string>;
  child_id: string;
  full_name: string;
  relationship: string;
  has_parental_responsibility: Generated<boolean>;
  email: string | null;
  phone: string | null;
  is_main_contact: Generated<boolean>;
  capacity_note: string | null;
  created_at: CreatedAt;
}

export interface EhcCasesTable {
  id: Generated<string>;
  reference: string;
  child_id: string;
  request_source: number;
  request_channel: string;
  requester_name: string | null;
  requester_organisation_id: string | null;
  received_on: CalendarDate;
  decision_due_on: CalendarDate;
  no_plan_due_on: CalendarDate;
  final_plan_due_on: CalendarDate;
  reasons: string;
  caseworker_id: string | null;
  status: string;
  decision_outcome: string | null;
  decision_notified_on: CalendarDate | null;
  decision_reasons: string | null;
  no_plan_notified_on: CalendarDate | null;
  no_plan_reasons: string | null;
  draft_served_on: CalendarDate | null;
  final_issued_on: CalendarDate | null;
  final_setting_name: string | null;
  closed_on: CalendarDate | null;
  closure_reason: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Modified;
}

export interface EhcDocumentsTable {
  id: Generated<string>;
  case_id: string;
  kind: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Bytes;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface EhcAdviceRequestsTable {
  id: Generated<string>;
  case_id: string;
  advice_type: string;
  organisation_id: string;
  requested_on: CalendarDate;
  due_on: CalendarDate;
  received_on: CalendarDate | null;
  summary: string | null;
  document_id: string | null;
  received_by: string | null;
  /** The day the case closed while this was still awaited (migration 0010). */
  no_longer_awaited_on: CalendarDate | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface EhcSettingConsultationsTable {
  id: Generated<string>;
  case_id: string;
  organisation_id: string;
  sent_on: CalendarDate;
  due_on: CalendarDate;
  replied_on: CalendarDate | null;
  can_meet_needs: boolean | null;
  response: string | null;
  document_id: string | null;
  /** The day the case closed while this was still awaited (migration 0010). */
  no_longer_awaited_on: CalendarDate | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface EhcExcusalsTable {
  id: Generated<string>;
  case_id: string;
  rule_id: string;
  subject_id: string | null;
  exception_type: string;
  from_on: CalendarDate;
  to_on: CalendarDate;
  advice_requested_on: CalendarDate | null;
  evidence: string;
  document_id: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface EhcPlansTable {
  id: Generated<string>;
  case_id: string;
  version: number;
  kind: string;
  content: JsonDocument;
  issued_on: CalendarDate | null;
  named_setting: string | null;
  edited_by: string | null;
  updated_at: Timestamp;
}

export interface EhcRepresentationsTable {
  id: Generated<string>;
  case_id: string;
  received_on: CalendarDate;
  comments: string;
  preferred_setting: string | null;
  from_related_person_id: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface EhcCaseNotesTable {
  id: Generated<string>;
  case_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export interface EhcCaseEventsTable {
  id: Generated<string>;
  case_id: string;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_label: string | null;
  kind: string;
  summary: string;
  visible_to_family: Generated<boolean>;
}

export interface EhcFamilyLinksTable {
  id: Generated<string>;
  related_person_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface EhcFamilySessionsTable {
  id_hash: string;
  related_person_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface EhcOnlineRequestsTable {
  id: Generated<string>;
  resume_token_hash: string;
  answers: JsonDocument;
  submitted_case_id: string | null;
  expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  user_invitations: UserInvitationsTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  notification_outbox: NotificationOutboxTable;
  directory_organisations: DirectoryOrganisationsTable;
  taxonomies: TaxonomiesTable;
  taxonomy_terms: TaxonomyTermsTable;
  services: ServicesTable;
  locations: LocationsTable;
  service_at_locations: ServiceAtLocationsTable;
  contacts: ContactsTable;
  phones: PhonesTable;
  schedules: SchedulesTable;
  cost_options: CostOptionsTable;
  service_languages: ServiceLanguagesTable;
  service_areas: ServiceAreasTable;
  service_attributes: ServiceAttributesTable;
  service_revisions: ServiceRevisionsTable;
  service_review_reminders: ServiceReviewRemindersTable;
  search_words: SearchWordsTable;
  postcodes: PostcodesTable;
  information_pages: InformationPagesTable;
  feedback_reports: FeedbackReportsTable;
  oruk_feeds: OrukFeedsTable;
  ehc_children: EhcChildrenTable;
  ehc_child_needs: EhcChildNeedsTable;
  ehc_related_people: EhcRelatedPeopleTable;
  ehc_capacity_notes: EhcCapacityNotesTable;
  ehc_cases: EhcCasesTable;
  ehc_documents: EhcDocumentsTable;
  ehc_advice_requests: EhcAdviceRequestsTable;
  ehc_setting_consultations: EhcSettingConsultationsTable;
  ehc_excusals: EhcExcusalsTable;
  ehc_plans: EhcPlansTable;
  ehc_representations: EhcRepresentationsTable;
  ehc_case_notes: EhcCaseNotesTable;
  ehc_case_events: EhcCaseEventsTable;
  ehc_family_links: EhcFamilyLinksTable;
  ehc_family_sessions: EhcFamilySessionsTable;
  ehc_online_requests: EhcOnlineRequestsTable;
  ehc_deadline_reminders: EhcDeadlineRemindersTable;
  published_statistics_files: PublishedStatisticsFilesTable;
  published_figures: PublishedFiguresTable;
  statistical_neighbour_lists: StatisticalNeighbourListsTable;
  statistical_neighbours: StatisticalNeighboursTable;
}

/** numeric, read as a string so that no precision is lost (both engines; type-parsers.ts). */
type Numeric = ColumnType<string | null, string | number | null, string | number | null>;

/** One imported part of a published file (migration 0011). */
export interface PublishedStatisticsFilesTable {
  id: Generated<string>;
  source: 'ehc-plans-release' | 'sen2-mi' | 'send-tribunal-appeal-rate' | 'lait' | 'statistical-neighbours';
  release: string;
  file_name: string;
  part: string;
  sha256: string;
  /** bigint, read as a string. */
  size_bytes: ColumnType<string, string | number, string | number>;
  rows_read: number;
  figures_stored: number;
  imported_at: ColumnType<Date, Date | string, Date | string>;
  imported_by: string | null;
  is_demo: Generated<boolean>;
}

/** One published figure, with where it came from (migration 0011). */
export interface PublishedFiguresTable {
  file_id: string;
  source_row: number;
  measure: string;
  period: string;
  time_period: string;
  time_identifier: string;
  geographic_level: 'national' | 'regional' | 'local-authority';
  area_code: string;
  gss_code: string | null;
  area_name: string;
  breakdown: Generated<string>;
  numerator: Numeric;
  denominator: Numeric;
  value: Numeric;
  marker: string | null;
}

export interface StatisticalNeighbourListsTable {
  id: Generated<string>;
  file_id: string;
  name: string;
  in_force_from: CalendarDate;
}

export interface StatisticalNeighboursTable {
  list_id: string;
  la_number: string;
  la_name: string;
  rank: number;
  neighbour_la_number: string;
  neighbour_name: string;
}

export type Organisation = Selectable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
