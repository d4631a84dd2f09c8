/**
 * Kysely table types. Both dialects store instants as ISO-8601 UTC text ("2026-11-30T03:15:00.000Z",
 * sortable), calendar dates as "YYYY-MM-DD", booleans as 0/1 integers and JSON as text, so that rows read
 * the same on SQLite and PostgreSQL (docs/adr/0002-portable-column-types.md).
 */
import type { Generated } from 'kysely';

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}

export interface DivisionTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
}

export interface StaffUserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  title: string;
  role: string;
  division_id: number | null;
  password_hash: string;
  is_active: number;
  created_at: string;
  updated_at: string;
  /** Base32 TOTP secret (RFC 6238) once enrolled; null when the account has no second factor. */
  totp_secret: Generated<string | null>;
  /** Secret offered during enrolment, until the first code confirms it. */
  totp_pending_secret: Generated<string | null>;
  /** Last accepted time step, so that a code is never accepted twice. */
  totp_last_step: Generated<number | null>;
  totp_enabled_at: Generated<string | null>;
}

export interface UserSessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** 'full', or 'enroll_mfa': a leader or admin without a second factor may only enrol one. */
  scope: Generated<string>;
  /** Last request seen, written at most once a minute (idle timeout, SESSION_IDLE_MINUTES). */
  last_seen_at: Generated<string | null>;
}

export interface ThrottleTable {
  key: string;
  window_start: string;
  hits: number;
}

/** One hash chain over audit_log and dossier_event rows (docs/adr/0020-audit-hash-chain.md). */
export interface AuditChainTable {
  seq: number;
  kind: 'audit_log' | 'dossier_event';
  row_id: number;
  row_hash: string;
  prev_hash: string;
  hash: string;
  at: string;
  /** Set when retention removed the row; the link stays so that the chain still verifies. */
  pruned_at: string | null;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface ProcedureTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_folded: string;
  field: string;
  level: string;
  implementing_body: string;
  division_id: number;
  national_decision: string | null;
  time_value: number | null;
  time_unit: string;
  time_note: string | null;
  fees: string;
  legal_basis: string;
  result: string;
  channels: string;
  steps_origin: string;
  steps_note: string | null;
  data_quality: string;
  sources: string;
  is_active: number;
  updated_at: string;
}

export interface ProcedureComponentTable {
  id: Generated<number>;
  procedure_id: number;
  position: number;
  name: string;
  kind: string;
  count: number;
  is_mandatory: number;
  condition: string | null;
  form: string | null;
}

export interface ProcedureStepTable {
  id: Generated<number>;
  procedure_id: number;
  position: number;
  stage: string;
  role: string;
  name: string;
  hours: number;
}

export interface CalendarDayTable {
  date: string;
  kind: string;
  reason: string;
  source: string;
  is_provisional: number;
  updated_at: string;
  updated_by: number | null;
}

export interface DossierTable {
  id: Generated<number>;
  code: string;
  procedure_id: number;
  procedure_code: string;
  procedure_name: string;
  channel: string;
  status: string;
  /** Status to go back to when the requested supplement arrives. */
  resume_status: string | null;
  applicant_name: string;
  applicant_id_number: string;
  applicant_phone: string;
  applicant_email: string | null;
  applicant_address: string;
  search_folded: string;
  division_id: number;
  handler_id: number | null;
  approver_role: string;
  current_stage: string | null;
  submitted_at: string;
  received_at: string | null;
  received_by: number | null;
  time_value: number | null;
  time_unit: string;
  clock_start_at: string | null;
  due_at: string | null;
  original_due_at: string | null;
  extended_due_at: string | null;
  due_explanation: string | null;
  result_ready_at: string | null;
  returned_at: string | null;
  closed_at: string | null;
  supplement_count: number;
  extension_count: number;
  /** Form 04: null, 'drafted' or 'signed' (migration 0030). */
  apology_status: string | null;
  /** Biểu 06 projection (migration 0070, fold-events.ts): result_ready_at, else closed_at. */
  finished_at: string | null;
  /** Timeliness at finishing without / with the extension: early | on_time | late. */
  outcome_original: string | null;
  outcome_extended: string | null;
  /** Start of the supplement pause still running, else null. */
  paused_since: string | null;
  /** Last change of the appointment or of the pause after receipt, else null. */
  due_changed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DossierComponentTable {
  dossier_id: number;
  component_id: number;
}

export interface DossierEventTable {
  id: Generated<number>;
  dossier_id: number;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: number | null;
  actor_role: string;
  actor_name: string;
  at: string;
  reason: string | null;
  payload: string;
  request_id: string | null;
}

export interface DossierStepTable {
  id: Generated<number>;
  dossier_id: number;
  position: number;
  stage: string;
  name: string;
  role: string;
  division_id: number | null;
  handler_id: number | null;
  started_at: string;
  due_at: string;
  completed_at: string | null;
  outcome: string | null;
}

export interface DossierPauseTable {
  id: Generated<number>;
  dossier_id: number;
  kind: string;
  rule: string;
  started_at: string;
  ended_at: string | null;
}

export interface DaySequenceTable {
  day: string;
  last: number;
}

export interface IdempotencyTable {
  user_id: number;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_role: string;
  action: string;
  entity: string;
  entity_id: string;
  details: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  dedupe_key: string | null;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface DeadlineWarningTable {
  id: Generated<number>;
  dossier_id: number;
  /** 0 = the dossier's appointment; otherwise dossier_step.id. */
  step_id: number;
  level: string;
  due_at: string;
  detected_at: string;
  details: string;
  escalated_at: string | null;
}

export interface ContactConsentTable {
  channel: string;
  address: string;
  status: string;
  source: string;
  updated_at: string;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  dossier_code: string | null;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface ApologyTable {
  id: Generated<number>;
  dossier_id: number;
  number: string;
  reason: string;
  previous_due_at: string;
  new_due_at: string;
  draft_deadline_at: string;
  drafted_by: number;
  drafted_at: string;
  is_late_draft: number;
  signed_by: number | null;
  signed_at: string | null;
  signer_title: string | null;
}

export interface AccountabilityRecordTable {
  id: Generated<number>;
  dossier_id: number;
  responsible_division_id: number;
  responsible_user_id: number | null;
  root_cause: string;
  root_cause_note: string;
  corrective_action: string;
  action_owner_id: number;
  action_due_date: string;
  status: string;
  created_by: number;
  created_at: string;
  closed_at: string | null;
  verified_by: number | null;
  verification_note: string | null;
}

export interface SupplementRequestTable {
  id: Generated<number>;
  dossier_id: number;
  seq: number;
  stage: string;
  items: string;
  note: string;
  clock_rule: string;
  requested_by: number;
  requested_at: string;
  received_at: string | null;
  due_at_before: string | null;
  due_at_after: string | null;
  /** When the applicant uploaded the requested files online (migration 0040); null otherwise. */
  uploaded_at: Generated<string | null>;
}

export interface RuleOverrideTable {
  id: Generated<number>;
  dossier_id: number;
  kind: string;
  reason: string;
  actor_id: number;
  at: string;
}

export interface CompetentAgencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  address: string;
  phone: string;
  online_url: string | null;
  matters: string;
  is_active: number;
}

export interface RedirectSlipTable {
  id: Generated<number>;
  number: string;
  agency_id: number;
  applicant_name: string;
  applicant_phone: string | null;
  matter: string;
  note: string;
  issued_by: number;
  issued_at: string;
}

export interface ComplaintTable {
  id: Generated<number>;
  tracking_code: string;
  channel: string;
  category: string;
  content: string;
  submitter_name: string;
  submitter_phone: string | null;
  submitter_email: string | null;
  dossier_id: number | null;
  staff_id: number | null;
  status: string;
  received_at: string;
  received_by: number | null;
  due_at: string;
  due_explanation: string;
  assignee_id: number | null;
  assigned_at: string | null;
  answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
  /** 0/1 once the answer says whether the complaint was founded; null before. */
  substantiated: number | null;
  closed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SupervisionRecommendationTable {
  id: Generated<number>;
  code: string;
  title: string;
  content: string;
  dossier_id: number | null;
  status: string;
  filed_at: string;
  filed_by: number;
  due_at: string;
  due_explanation: string;
  answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
  closed_at: string | null;
  closing_note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OutboundMessageTable {
  id: Generated<number>;
  idempotency_key: string;
  dossier_id: number | null;
  dossier_code: string | null;
  event: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  last_error: string | null;
  provider_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface QueueAreaTable {
  id: Generated<number>;
  code: string;
  name: string;
  fields: string;
  position: number;
  is_active: number;
}

export interface QueueCounterTable {
  id: Generated<number>;
  code: string;
  name: string;
  areas: string;
  officer_id: number | null;
  opened_at: string | null;
}

export interface QueueTicketTable {
  id: Generated<number>;
  day: string;
  area_code: string;
  number: number;
  display: string;
  status: string;
  counter_id: number | null;
  officer_id: number | null;
  dossier_id: number | null;
  issued_at: string;
  called_at: string | null;
  serving_at: string | null;
  done_at: string | null;
  recalls: number;
  transferred_from: number | null;
  version: number;
}

export interface RatingTable {
  id: Generated<number>;
  token: string;
  dossier_id: number | null;
  ticket_id: number | null;
  officer_id: number | null;
  created_at: string;
  score: number | null;
  reasons: string | null;
  trips: number | null;
  extra_costs: number | null;
  comment: string | null;
  rated_at: string | null;
  follow_up: string;
  follow_up_note: string | null;
  resolved_by: number | null;
  resolved_at: string | null;
}

export interface SubmissionTable {
  id: Generated<number>;
  token: string;
  procedure_code: string;
  data: string;
  contact_channel: string;
  otp_hash: string;
  otp_expires_at: string;
  otp_attempts: number;
  dossier_id: number | null;
  created_at: string;
  confirmed_at: string | null;
}

export interface UploadTable {
  id: Generated<number>;
  submission_id: number | null;
  dossier_id: number | null;
  component_id: number;
  purpose: string;
  /** For purpose 'supplement': the supplement_request (form 02) this file answers. */
  supplement_request_id: number | null;
  stored_name: string;
  original_name: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: string;
}

export interface Database {
  setting: SettingTable;
  division: DivisionTable;
  staff_user: StaffUserTable;
  user_session: UserSessionTable;
  procedure: ProcedureTable;
  procedure_component: ProcedureComponentTable;
  procedure_step: ProcedureStepTable;
  calendar_day: CalendarDayTable;
  dossier: DossierTable;
  dossier_component: DossierComponentTable;
  dossier_event: DossierEventTable;
  dossier_step: DossierStepTable;
  dossier_pause: DossierPauseTable;
  day_sequence: DaySequenceTable;
  idempotency: IdempotencyTable;
  audit_log: AuditLogTable;
  job: JobTable;
  deadline_warning: DeadlineWarningTable;
  notification: NotificationTable;
  apology: ApologyTable;
  accountability_record: AccountabilityRecordTable;
  supplement_request: SupplementRequestTable;
  rule_override: RuleOverrideTable;
  competent_agency: CompetentAgencyTable;
  redirect_slip: RedirectSlipTable;
  throttle: ThrottleTable;
  audit_chain: AuditChainTable;
  audit_chain_head: AuditChainHeadTable;
  complaint: ComplaintTable;
  supervision_recommendation: SupervisionRecommendationTable;
  contact_consent: ContactConsentTable;
  outbound_message: OutboundMessageTable;
  queue_area: QueueAreaTable;
  queue_counter: QueueCounterTable;
  queue_ticket: QueueTicketTable;
  rating: RatingTable;
  submission: SubmissionTable;
  upload: UploadTable;
}
