/**
 * Types of what the API answers, taken from the server's own code (presenters, route schemas, domain),
 * never copied by hand: a change on the server breaks the web build, not the user.
 */
import type { Static } from 'typebox';
import type { presentDossier, presentDossierSummary } from '../../../src/server/modules/dossier/dossier.presenter.ts';
import type { Procedure } from '../../../src/server/modules/catalog/procedure.ts';
import type { ProcedureSummary } from '../../../src/server/modules/catalog/procedure.repository.ts';
import type { ProcedureEditSchema } from '../../../src/server/modules/catalog/catalog.routes.ts';
import type { Action, Status } from '../../../src/domain/dossier/workflow.ts';
import type { Role } from '../../../src/domain/procedure/procedure.ts';
// Brings the server's FastifyInstance augmentation (deps, calendars) into this program's view of its types.
import type {} from '../../../src/server/app.ts';

export type { Action, Procedure, ProcedureSummary, Role, Status };
export type DossierSummary = ReturnType<typeof presentDossierSummary>;
export type DossierDetail = ReturnType<typeof presentDossier>;
export type ProcedureEdit = Static<typeof ProcedureEditSchema>;

export interface Me {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  divisionId: number | null;
}

export interface StaffUser {
  id: number;
  username: string;
  fullName: string;
  title: string;
  role: Role;
  divisionId: number | null;
  divisionCode: string | null;
  isActive: boolean;
}

export interface DueDateAnswer {
  at: string;
  startAt: string;
  dueAt: string;
  timeLimit: { value: number | null; unit: string };
  procedure?: { code: string; name: string };
  explanation: { start: string; skipped: { date: string; reason: string }[]; text: string };
}

export interface CalendarYear {
  year: number;
  workingDays: number;
  days: { date: string; kind: string; reason: string; source: string; provisional?: boolean; weekday: number }[];
}

/** A row of the work queue: the summary plus the deadline watch's view of it (GET /api/dossiers). */
export type QueueItem = DossierSummary & {
  risk: { level: string; label: string } | null;
  forecastLate: boolean;
  apologyStatus: string | null;
  breach: boolean;
};
