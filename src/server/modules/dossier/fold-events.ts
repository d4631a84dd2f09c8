import { type Action, type ApologyStatus, nextStatus, STAGE_OF, type Status, TERMINAL } from '../../../domain/dossier/workflow.ts';
import { classify, type Outcome } from '../../../domain/dossier/timeliness.ts';
import type { Stage } from '../../../domain/procedure/procedure.ts';
import type { DossierEvent } from './dossier.ts';

/** The part of the dossier projection that the event log alone determines. */
export interface FoldedDossier {
  status: Status;
  resumeStatus: Status | null;
  currentStage: Stage | null;
  divisionId: number | null;
  handlerId: number | null;
  receivedAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  extendedDueAt: string | null;
  resultReadyAt: string | null;
  returnedAt: string | null;
  closedAt: string | null;
  supplementCount: number;
  extensionCount: number;
  apologyStatus: ApologyStatus | null;
  /** Biểu 06 (migration 0070): result_ready_at, else closed_at, fixed when first set. */
  finishedAt: string | null;
  /** Biểu 06 (migration 0070): the finishing moment against the appointment in force, without / with the extension. */
  outcomeOriginal: Outcome | null;
  outcomeExtended: Outcome | null;
  /** Start of the supplement pause still running. */
  pausedSince: string | null;
  /** Last change of the appointment or of the pause (request/receive supplement, extension). */
  dueChangedAt: string | null;
  version: number;
}

/** The outcomes stored when a dossier finishes (result sent to the one-stop, else closed), per timeliness view. */
export function finishOutcomes(finishedAt: string, originalDueAt: string | null, dueAt: string | null): { original: Outcome; extended: Outcome } {
  return {
    original: originalDueAt === null ? 'on_time' : classify(finishedAt, originalDueAt),
    extended: dueAt === null ? 'on_time' : classify(finishedAt, dueAt),
  };
}

/**
 * Replays a dossier's append-only event log (DESIGN.md 2). The projection row must always equal this fold;
 * tests check it after random action sequences, and an audit can check it on a live database.
 */
export function foldEvents(events: readonly DossierEvent[]): FoldedDossier {
  const d: FoldedDossier = {
    status: 'submitted',
    resumeStatus: null,
    currentStage: null,
    divisionId: null,
    handlerId: null,
    receivedAt: null,
    dueAt: null,
    originalDueAt: null,
    extendedDueAt: null,
    resultReadyAt: null,
    returnedAt: null,
    closedAt: null,
    supplementCount: 0,
    extensionCount: 0,
    apologyStatus: null,
    finishedAt: null,
    outcomeOriginal: null,
    outcomeExtended: null,
    pausedSince: null,
    dueChangedAt: null,
    version: 0,
  };
  for (const e of events) {
    const p = e.payload as Record<string, string | number | undefined>;
    const action = e.action as Action;
    const from = d.status;
    d.status = e.fromStatus === null ? e.toStatus : nextStatus(from, action, d.resumeStatus);
    d.currentStage = STAGE_OF[d.status];
    d.version = e.seq;
    switch (action) {
      case 'receive':
        d.receivedAt = e.at;
        d.dueAt = (p.dueAt as string | undefined) ?? null;
        d.originalDueAt = d.dueAt;
        if (typeof p.divisionId === 'number') d.divisionId = p.divisionId;
        break;
      case 'assign':
        if (typeof p.divisionId === 'number') d.divisionId = p.divisionId;
        break;
      case 'start_processing':
        if (typeof p.handlerId === 'number') d.handlerId = p.handlerId;
        break;
      case 'request_supplement':
        d.supplementCount += 1;
        d.resumeStatus = from;
        d.pausedSince = e.at;
        d.dueChangedAt = e.at;
        break;
      case 'receive_supplement':
        d.resumeStatus = null;
        d.pausedSince = null;
        d.dueChangedAt = e.at;
        if (typeof p.dueAt === 'string') {
          d.dueAt = p.dueAt;
          d.originalDueAt = typeof p.originalDueAt === 'string' ? p.originalDueAt : p.dueAt;
        }
        if (typeof p.extendedDueAt === 'string') d.extendedDueAt = p.extendedDueAt;
        break;
      case 'draft_apology':
        d.apologyStatus = 'drafted';
        break;
      case 'extend_deadline':
        d.apologyStatus = 'signed';
        d.extensionCount += 1;
        d.extendedDueAt = (p.newDueAt as string | undefined) ?? null;
        d.dueAt = d.extendedDueAt;
        d.dueChangedAt = e.at;
        break;
      case 'issue_result':
        d.resultReadyAt = e.at;
        break;
      case 'return_result':
        d.returnedAt = e.at;
        break;
      default:
        break;
    }
    const unfinished = d.finishedAt === null;
    if (TERMINAL.has(d.status)) {
      d.closedAt = e.at;
      if (action === 'refuse' && from === 'processing') d.resultReadyAt = e.at;
    }
    if (unfinished && (d.resultReadyAt ?? d.closedAt) !== null) {
      d.finishedAt = e.at;
      const o = finishOutcomes(e.at, d.originalDueAt, d.dueAt);
      d.outcomeOriginal = o.original;
      d.outcomeExtended = o.extended;
    }
  }
  return d;
}
