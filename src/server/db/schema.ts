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
}

export interface UserSessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
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
  complaint: ComplaintTable;
  supervision_recommendation: SupervisionRecommendationTable;
}
