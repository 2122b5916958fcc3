import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DossierStatus } from './dossiers/lifecycle.ts';

/** Timestamps are written as Date (or ISO text) and read back as Date by both drivers. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp column with a database default (now()). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AgenciesTable {
  code: string;
  /** The provincial agency a regional office belongs to; null for a provincial agency. */
  parent_code: string | null;
  kind: 'provincial' | 'regional';
  province_code: string;
  name_vi: string;
  name_en: string;
  /** Contact details are left empty until an administrator enters the real ones. */
  address: string | null;
  phone: string | null;
  email: string | null;
  head_name: string | null;
  sort_order: number;
  updated_at: DefaultTimestamp;
}

export interface CalendarDaysTable {
  /** yyyy-mm-dd; `date` columns are returned as strings (see db.ts). */
  date: string;
  kind: 'off' | 'working';
  name_vi: string;
  name_en: string;
  updated_at: DefaultTimestamp;
}

export interface DossiersTable {
  id: Generated<number>;
  code: string;
  procedure_code: string;
  agency_code: string;
  status: DossierStatus;
  channel: 'online' | 'counter';
  locale: 'vi' | 'en';
  applicant_name: string;
  applicant_id_number: string;
  applicant_phone: string;
  applicant_email: string | null;
  applicant_address: string;
  /** The procedure's form answers, as validated by the catalog schema. */
  data: ColumnType<Record<string, unknown>, string, string>;
  pin_hash: string;
  idempotency_key: string;
  submitted_at: DefaultTimestamp;
  received_at: NullableTimestamp;
  due_date: string | null;
  /** While waiting to be received: the last day of reception's completeness check (one-stop rules). */
  check_due_date: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: NullableTimestamp;
  updated_at: DefaultTimestamp;
  assigned_to: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface DossierEventsTable {
  id: Generated<number>;
  dossier_id: number;
  at: DefaultTimestamp;
  actor_kind: 'citizen' | 'staff' | 'system';
  actor_id: number | null;
  action: string;
  from_status: string | null;
  to_status: string;
  public_note: string | null;
  internal_note: string | null;
  data: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface DossierDraftsTable {
  id: string;
  procedure_code: string;
  locale: 'vi' | 'en';
  data: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  dossier_id: number | null;
  pin: string | null;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface AttachmentsTable {
  id: Generated<number>;
  dossier_id: number | null;
  draft_id: string | null;
  event_id: number | null;
  document_id: string;
  file_name: string;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  created_at: DefaultTimestamp;
  /** A PDF with scripts, automatic actions or embedded files (migration 20261201T1730_attachment_flags). */
  active_content: Generated<boolean>;
}

export interface MailOutboxTable {
  id: Generated<number>;
  dossier_id: number | null;
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: DefaultTimestamp;
  last_error: string | null;
  created_at: DefaultTimestamp;
  sent_at: NullableTimestamp;
}

export interface StaffUsersTable {
  id: Generated<number>;
  email: string;
  full_name: string;
  role: 'reception' | 'officer' | 'head' | 'admin';
  agency_code: string | null;
  password_hash: string;
  password_changed_at: DefaultTimestamp;
  totp_key_encrypted: string | null;
  totp_recovery_hash: string | null;
  /** The last 30-second step whose code was used (replay guard shared by every instance). */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  disabled_at: NullableTimestamp;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  secret_hash: Uint8Array;
  two_factor_verified: Generated<boolean>;
  created_at: DefaultTimestamp;
  last_active_at: DefaultTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: DefaultTimestamp;
  actor_id: number | null;
  actor_email: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  agency_code: string | null;
  before: ColumnType<unknown, string | null | undefined, never>;
  after: ColumnType<unknown, string | null | undefined, never>;
  ip: string | null;
}

export interface RegistryEntriesTable {
  id: Generated<number>;
  debtor_name: string;
  debtor_address: string;
  province_code: string;
  agency_code: string;
  judgment_number: string;
  judgment_date: string;
  judgment_court: string;
  decision_number: string;
  decision_date: string;
  obligation: string;
  reason: 'no_means' | 'item_gone' | 'address_unknown';
  reason_detail: string | null;
  verified_on: string;
  published_on: string;
  removed_on: string | null;
  removal_reason: 'conditions_appeared' | 'enforced' | 'revoked' | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  search_name: ColumnType<string, never, never>;
  search_address: ColumnType<string, never, never>;
  name_key: ColumnType<string, never, never>;
  name_sorted_key: ColumnType<string, never, never>;
  name_first_last: ColumnType<string, never, never>;
  name_words: ColumnType<string[], never, never>;
  address_words: ColumnType<string[], never, never>;
  /** The unguessable id of the entry's public page (db/migrations/20261201T1720_registry_public_ids.ts), set by the database. */
  public_id: ColumnType<string, never, never>;
}

export interface RegistryImportsTable {
  id: string;
  staff_id: number;
  staff_email: string;
  agency_code: string | null;
  file_name: string;
  file_bytes: number;
  dry_run: boolean;
  checked_by: string | null;
  status: 'running' | 'done' | 'failed';
  rows: number | null;
  valid: number | null;
  error_count: number | null;
  errors: string | null;
  committed: boolean | null;
  inserted: number | null;
  failure: string | null;
  created_at: DefaultTimestamp;
  finished_at: Date | null;
  /** The instance reading the file, and until when its lease holds (migration 20261202T0910_import_leases). */
  instance_id: string | null;
  lease_until: Date | null;
  /** While running: bytes read so far, written with each heartbeat (`rows` holds the rows read so far). */
  bytes_read: ColumnType<number, number | undefined, number>;
}

/** A denouncer's identity, encrypted (src/server/denouncers/vault.ts); one per denunciation dossier. */
export interface DenouncerIdentitiesTable {
  dossier_id: number;
  ciphertext: Uint8Array;
  nonce: Uint8Array;
  key_version: number;
  created_at: DefaultTimestamp;
}

/** Who besides the head and the administrators may read one denouncer's identity, and why. */
export interface DenouncerAccessGrantsTable {
  id: Generated<number>;
  dossier_id: number;
  granted_to: number;
  granted_by: number;
  reason: string;
  created_at: DefaultTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: ColumnType<number | null, number | null | undefined, number | null>;
}

/** One in-person visit of the citizen reception log (tiếp công dân). */
export interface ReceptionVisitsTable {
  id: Generated<number>;
  agency_code: string;
  visited_at: Date;
  kind: 'regular' | 'head_periodic' | 'head_adhoc';
  citizen_name: string;
  citizen_id_number: string | null;
  citizen_address: string;
  citizen_phone: string | null;
  headcount: number;
  representatives: string | null;
  subject: string;
  category: 'complaint' | 'denunciation' | 'recommendation' | 'guidance' | 'other';
  outcome: 'guided' | 'petition_received' | 'forwarded' | 'refused';
  dossier_id: number | null;
  forwarded_to: string | null;
  refusal_reason: string | null;
  received_by: number;
  earlier_visit_id: number | null;
  created_by: number;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  search_text: ColumnType<string, never, never>;
}

/** The database as Kysely sees it. Later migrations add their tables here. */
export interface Database {
  agencies: AgenciesTable;
  calendar_days: CalendarDaysTable;
  dossiers: DossiersTable;
  dossier_events: DossierEventsTable;
  dossier_drafts: DossierDraftsTable;
  attachments: AttachmentsTable;
  mail_outbox: MailOutboxTable;
  staff_users: StaffUsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  registry_entries: RegistryEntriesTable;
  registry_imports: RegistryImportsTable;
  denouncer_identities: DenouncerIdentitiesTable;
  denouncer_access_grants: DenouncerAccessGrantsTable;
  reception_visits: ReceptionVisitsTable;
  enforcement_result_imports: EnforcementResultImportsTable;
  enforcement_results: EnforcementResultsTable;
  enforcement_targets: EnforcementTargetsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  general_feedback: GeneralFeedbackTable;
  signin_failures: SigninFailuresTable;
  staff_known_clients: StaffKnownClientsTable;
  tracking_failures: TrackingFailuresTable;
  registry_import_files: RegistryImportFilesTable;
  rate_limits: RateLimitsTable;
}

export type Agency = Selectable<AgenciesTable>;
export type NewAgency = Insertable<AgenciesTable>;
export type AgencyUpdate = Updateable<AgenciesTable>;
export type CalendarDayRow = Selectable<CalendarDaysTable>;
export type Dossier = Selectable<DossiersTable>;
export type DossierEvent = Selectable<DossierEventsTable>;
export type MailOutboxRow = Selectable<MailOutboxTable>;
export type StaffUser = Selectable<StaffUsersTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type RegistryEntry = Selectable<RegistryEntriesTable>;
export type ReceptionVisit = Selectable<ReceptionVisitsTable>;

/** One uploaded CSV file of enforcement results (src/server/enforcement-results/import.ts). */
export interface EnforcementResultImportsTable {
  id: string;
  staff_id: number;
  staff_email: string;
  agency_code: string | null;
  file_name: string;
  file_bytes: number;
  checksum: string;
  row_count: number;
  status: 'previewed' | 'committed';
  /** The checked rows (JSON array of ResultValues), written to enforcement_results by the commit. */
  rows: ColumnType<unknown, string, string>;
  created_at: DefaultTimestamp;
  committed_at: NullableTimestamp;
  committed_by: number | null;
}

/** An agency's cumulative enforcement figures for a statistical year up to `period_end` (yyyy-mm-dd). */
export interface EnforcementResultsTable {
  id: Generated<number>;
  agency_code: string;
  statistical_year: number;
  period_end: string;
  cases_total: number;
  cases_with_conditions: number;
  cases_without_conditions: number;
  cases_completed: number;
  money_total: number;
  money_with_conditions: number;
  money_completed: number;
  import_id: string;
  updated_at: DefaultTimestamp;
}

/** An agency's targets for a statistical year, in hundredths of a percent. */
export interface EnforcementTargetsTable {
  agency_code: string;
  statistical_year: number;
  cases_target: number;
  money_target: number;
  set_by: number;
  set_at: DefaultTimestamp;
}

/** One citizen's answer to a dossier's satisfaction survey (src/server/survey/responses.ts); no personal data. */
export interface SurveyResponsesTable {
  id: Generated<number>;
  dossier_id: number;
  agency_code: string;
  procedure_code: string;
  lifecycle_kind: 'one-stop' | 'complaint' | 'denunciation';
  channel: 'online' | 'counter';
  helped_by: 'none' | 'staff' | 'family' | 'other';
  comment: string | null;
  /** yyyy-mm-dd: the effective date of the criteria set asked. */
  criteria_from: string;
  submitted_at: DefaultTimestamp;
}

/** One criterion's answer: 1–5 on the scale, 0–2 for a count (2 = two or more), 1/0 for yes/no. */
export interface SurveyAnswersTable {
  response_id: number;
  criterion_id: string;
  aspect: 'process' | 'outcome';
  value: number;
}

/** Anonymous feedback from anyone (src/server/survey/feedback.ts). */
export interface GeneralFeedbackTable {
  id: Generated<number>;
  agency_code: string | null;
  topic: 'portal' | 'procedure' | 'staff' | 'suggestion' | 'other';
  rating: number | null;
  message: string;
  locale: 'vi' | 'en';
  created_at: DefaultTimestamp;
}


/** Failed sign-ins per account (`account:<e-mail>`) or address (`address:<ip>`) (src/server/auth/throttle.ts). */
export interface SigninFailuresTable {
  key: string;
  failures: number;
  /** Attempts whose password is being checked (neither success nor failure yet). */
  in_flight: ColumnType<number, number | undefined, number>;
  in_flight_at: Date | null;
  first_failure_at: Date;
  last_failure_at: Date;
}

/** Addresses and devices an account signed in from before, as keyed hashes (src/server/auth/throttle.ts). */
export interface StaffKnownClientsTable {
  user_id: number;
  kind: 'address' | 'device';
  hash: Uint8Array;
  last_seen_at: Date;
}

/** Wrong tracking PINs per dossier code (src/server/dossiers/pin-lockout.ts). */
export interface TrackingFailuresTable {
  code: string;
  failures: number;
  locks: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  last_failure_at: Date;
}

/** A clean dry run's file, in parts, until it is written or 24 hours pass (src/server/registry/import-jobs.ts). */
export interface RegistryImportFilesTable {
  import_id: string;
  part: number;
  content_base64: string;
}

/**
 * Abuse limits shared by every instance (src/server/ratelimit.ts): per hashed key, the times (ms since the epoch) of
 * the allowed hits still within the window, oldest first. Unlogged.
 */
export interface RateLimitsTable {
  key: Uint8Array;
  hits: string[];
  allowed: boolean;
  expires_at: string;
}
