import type { DueDateExplanation } from '../../../domain/calendar/types.ts';
import type { ApologyStatus, Status } from '../../../domain/dossier/workflow.ts';
import type { Channel, Role, Stage, TimeLimit } from '../../../domain/procedure/procedure.ts';

export interface Applicant {
  fullName: string;
  idNumber: string;
  phone: string;
  email: string | null;
  address: string;
}

/** The dossier projection: always equal to the fold of its events (dossier_event). */
export interface Dossier {
  id: number;
  code: string;
  procedureId: number;
  procedureCode: string;
  procedureName: string;
  channel: Channel;
  status: Status;
  resumeStatus: Status | null;
  applicant: Applicant;
  divisionId: number;
  handlerId: number | null;
  approverRole: Role;
  currentStage: Stage | null;
  submittedAt: string;
  receivedAt: string | null;
  receivedBy: number | null;
  timeLimit: TimeLimit;
  clockStartAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  extendedDueAt: string | null;
  dueExplanation: DueDateExplanation | null;
  resultReadyAt: string | null;
  returnedAt: string | null;
  closedAt: string | null;
  supplementCount: number;
  extensionCount: number;
  apologyStatus: ApologyStatus | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DossierEvent {
  seq: number;
  action: string;
  fromStatus: Status | null;
  toStatus: Status;
  actorId: number | null;
  actorRole: string;
  actorName: string;
  at: string;
  reason: string | null;
  payload: Record<string, unknown>;
}

export interface DossierStep {
  position: number;
  stage: Stage;
  name: string;
  role: string;
  divisionId: number | null;
  handlerId: number | null;
  startedAt: string;
  dueAt: string;
  completedAt: string | null;
  outcome: 'early' | 'on_time' | 'late' | null;
}
