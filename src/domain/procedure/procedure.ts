/**
 * Procedure catalog types shared by the server, the seed and the web app.
 * A procedure (thủ tục hành chính) is published in the National Procedure Database (CSDL quốc gia về TTHC);
 * its legal time limit, components and fees come from the publication decision (Decree 63/2010, DOMAIN.md 7).
 */

/** Unit of a procedure's legal time limit (DOMAIN.md 7; data/procedures-commune.json conventions). */
export const TIME_UNITS = ['working_days', 'working_hours', 'days', 'same_day'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export interface TimeLimit {
  /** Number of units; null only for `same_day`. Half working days (0.5) are allowed. */
  value: number | null;
  unit: TimeUnit;
}

export const COMPONENT_KINDS = ['original', 'copy', 'original-or-copy', 'present-only'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export const CHANNELS = ['direct', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ROLES = ['reception', 'specialist', 'division_head', 'leader', 'monitor', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Internal processing stages of a ward. Each workflow status that is "someone's turn" maps to one stage,
 * and each procedure allocates working hours to stages (its internal process, "quy trình nội bộ").
 */
export const STAGES = ['reception', 'assignment', 'processing', 'approval', 'issuance', 'return'] as const;
export type Stage = (typeof STAGES)[number];

export interface ComponentSeed {
  name: string;
  kind: ComponentKind;
  count: number;
  isMandatory: boolean;
  condition: string | null;
  form: string | null;
}

export interface FeeSeed {
  name: string;
  /** VND; null = set by the provincial People's Council / not fixed. */
  amount: number | null;
  note: string | null;
}

export interface StepSeed {
  stage: Stage;
  role: Role;
  name: string;
  /** Working hours allocated to the step (8 working hours = 1 working day). */
  hours: number;
}

export interface ProcedureSeed {
  code: string;
  name: string;
  field: string;
  level: string;
  implementingBody: string;
  /** Code of the ward division that handles it (see DivisionSeed.code). */
  divisionCode: string;
  nationalDecision: string | null;
  timeLimit: TimeLimit;
  timeLimitNote: string | null;
  components: ComponentSeed[];
  fees: FeeSeed[];
  legalBasis: string[];
  result: string;
  channels: Channel[];
  steps: StepSeed[];
  /** 'real' = internal steps published by a province; 'derived' = allocated by motcua from the legal time limit. */
  stepsOrigin: 'real' | 'derived';
  stepsNote: string | null;
  /** 'confirmed' = figures read from the national database crawl; 'memory' = partly unverified. */
  dataQuality: 'confirmed' | 'memory';
  sources: string[];
}

export interface DivisionSeed {
  code: string;
  name: string;
  kind: 'one_stop' | 'office' | 'division' | 'leadership';
}

export interface StaffSeed {
  username: string;
  fullName: string;
  role: Role;
  divisionCode: string | null;
  title: string;
}
