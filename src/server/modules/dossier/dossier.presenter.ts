import { classify, type Outcome } from '../../../domain/dossier/timeliness.ts';
import { type Action, PORTAL_STATUS, STATUS_LABEL_VI, TRANSITIONS } from '../../../domain/dossier/workflow.ts';
import { maskDigits, maskName } from '../../../domain/text.ts';
import type { Dossier, DossierEvent, DossierStep } from './dossier.ts';

export interface Names {
  divisions: Map<number, { code: string; name: string }>;
  staff: Map<number, string>;
}

export type Timeliness =
  | { state: 'pending' }
  | { state: 'on_track' | 'overdue'; remainingMs: number }
  | { state: 'finished'; againstOriginal: Outcome | null; againstExtended: Outcome | null }
  | { state: 'closed' };

/** In progress: within time or overdue; finished: early / on time / late against both appointments (DOMAIN.md 17.6). */
export function timelinessOf(d: Dossier, now: Date): Timeliness {
  if (d.resultReadyAt) {
    return {
      state: 'finished',
      againstOriginal: d.originalDueAt ? classify(d.resultReadyAt, d.originalDueAt) : null,
      againstExtended: d.extendedDueAt ? classify(d.resultReadyAt, d.extendedDueAt) : null,
    };
  }
  if (d.closedAt) return { state: 'closed' };
  if (!d.dueAt) return { state: 'pending' };
  const remainingMs = Date.parse(d.dueAt) - now.getTime();
  return { state: remainingMs < 0 ? 'overdue' : 'on_track', remainingMs };
}

function applicantView(d: Dossier, masked: boolean) {
  if (!masked) return d.applicant;
  return {
    fullName: maskName(d.applicant.fullName),
    idNumber: maskDigits(d.applicant.idNumber),
    phone: maskDigits(d.applicant.phone),
    email: d.applicant.email ? '***' : null,
    address: '***',
  };
}

export function presentDossierSummary(d: Dossier, names: Names, now: Date, masked: boolean) {
  const division = names.divisions.get(d.divisionId);
  return {
    code: d.code,
    status: d.status,
    statusLabel: STATUS_LABEL_VI[d.status],
    portalStatus: PORTAL_STATUS[d.status],
    procedure: { code: d.procedureCode, name: d.procedureName },
    channel: d.channel,
    applicant: applicantView(d, masked),
    division: division ? { code: division.code, name: division.name } : null,
    handler: d.handlerId ? { id: d.handlerId, fullName: names.staff.get(d.handlerId) ?? '' } : null,
    currentStage: d.currentStage,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    originalDueAt: d.originalDueAt,
    extendedDueAt: d.extendedDueAt,
    resultReadyAt: d.resultReadyAt,
    returnedAt: d.returnedAt,
    closedAt: d.closedAt,
    supplementCount: d.supplementCount,
    extensionCount: d.extensionCount,
    timeliness: timelinessOf(d, now),
  };
}

export function presentDossier(
  d: Dossier,
  extra: { events: DossierEvent[]; steps: DossierStep[]; componentIds: number[]; actions: Action[]; apologyDateLimit: string | null },
  names: Names,
  now: Date,
  masked: boolean,
) {
  return {
    ...presentDossierSummary(d, names, now, masked),
    submittedAt: d.submittedAt,
    clockStartAt: d.clockStartAt,
    dueExplanation: d.dueExplanation,
    timeLimit: d.timeLimit,
    submittedComponents: extra.componentIds,
    steps: extra.steps.map((s) => ({
      position: s.position,
      stage: s.stage,
      name: s.name,
      role: s.role,
      division: s.divisionId ? (names.divisions.get(s.divisionId)?.name ?? null) : null,
      handler: s.handlerId ? (names.staff.get(s.handlerId) ?? null) : null,
      startedAt: s.startedAt,
      dueAt: s.dueAt,
      completedAt: s.completedAt,
      outcome: s.outcome ?? (s.completedAt === null && Date.parse(s.dueAt) < now.getTime() ? 'overdue' : null),
    })),
    timeline: extra.events.map((e) => ({
      seq: e.seq,
      action: e.action,
      label: e.action in TRANSITIONS ? TRANSITIONS[e.action as Action].label : e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actor: { name: masked ? maskName(e.actorName) : e.actorName, role: e.actorRole },
      at: e.at,
      reason: e.reason,
      payload: e.payload,
    })),
    availableActions: extra.actions.map((a) => ({ action: a, label: TRANSITIONS[a].label, needsReason: TRANSITIONS[a].needsReason })),
    /** The latest new return date form 04 may propose, while drafting it is among the actions (else null). */
    apologyDateLimit: extra.apologyDateLimit,
  };
}

/** What anyone holding the code and the phone's last 4 digits may see (no personal data but a masked name). */
export type PublicDossier = Pick<Dossier, 'id' | 'code' | 'status' | 'channel' | 'procedureName' | 'receivedAt' | 'dueAt' | 'originalDueAt' | 'resultReadyAt' | 'returnedAt'> & {
  applicant: Pick<Dossier['applicant'], 'fullName' | 'phone'>;
};
export type PublicStep = Pick<DossierStep, 'name' | 'startedAt' | 'dueAt' | 'completedAt' | 'outcome'>;
/** Issue 4's supplement request (form 02) still waiting for the applicant, as the applicant may see it. */
export interface PublicSupplement {
  requestedAt: string;
  note: string;
  items: { componentId: number | null; name: string; note: string | null }[];
  /** When the applicant uploaded the missing files online; reception then checks them and receives the supplement. */
  uploadedAt: string | null;
}

const CHANNEL_LABEL_VI: Record<PublicDossier['channel'], string> = { direct: 'Nộp trực tiếp', online: 'Nộp trực tuyến', postal: 'Nộp qua bưu chính' };

export function presentPublicDossier(d: PublicDossier, steps: PublicStep[], supplement: PublicSupplement | null = null) {
  const current = steps.find((s) => s.completedAt === null) ?? null;
  return {
    code: d.code,
    status: d.status,
    statusLabel: STATUS_LABEL_VI[d.status],
    channel: d.channel,
    channelLabel: CHANNEL_LABEL_VI[d.channel] ?? d.channel,
    supplement: d.status === 'supplement_requested' ? supplement : null,
    procedureName: d.procedureName,
    applicantName: maskName(d.applicant.fullName),
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    originalDueAt: d.originalDueAt,
    resultReadyAt: d.resultReadyAt,
    returnedAt: d.returnedAt,
    currentStep: current ? { name: current.name, startedAt: current.startedAt, dueAt: current.dueAt } : null,
    steps: steps.map((s) => ({ name: s.name, startedAt: s.startedAt, completedAt: s.completedAt, outcome: s.outcome })),
  };
}
