import type { Updateable } from 'kysely';
import {
  type Action,
  checkAction,
  nextStatus,
  STAGE_OF,
  type Status,
  STATUS_LABEL_VI,
  TERMINAL,
  TRANSITIONS,
  availableActions,
} from '../../../domain/dossier/workflow.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { DossierTable } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { getProcedure } from '../catalog/procedure.repository.ts';
import { handOver } from './dossier-steps.ts';
import type { Dossier } from './dossier.ts';
import { appendEvent, getDossier, updateDossier } from './dossier.repository.ts';
import type { DossierDeps } from './use-case.ts';

export interface ActionInput {
  reason?: string | undefined;
  /** start_processing: the specialist who will handle it (a division head assigns; a specialist takes it). */
  handlerId?: number | undefined;
  /** assign: the division to forward to (default: the procedure's handling division). */
  divisionCode?: string | undefined;
  /** extend_deadline: the new appointment (form 04). */
  newDueAt?: string | undefined;
}

/**
 * Take one workflow action on a dossier: check it against the transition table, then append the event
 * and update the projection and the step clock, all in the caller's transaction (DESIGN.md 2).
 */
export async function performAction(
  deps: DossierDeps,
  actor: Actor,
  code: string,
  action: Action,
  input: ActionInput,
  requestId: string | null,
): Promise<Dossier> {
  const { db, clock, calendar } = deps;
  const dossier = await getDossier(db, code);
  const refusal = checkAction(dossier, actor, action);
  if (refusal) {
    const allowed = availableActions(dossier, actor);
    switch (refusal.code) {
      case 'ACTION_NOT_ALLOWED':
        throw new DomainError(
          'ACTION_NOT_ALLOWED',
          `Không thể "${TRANSITIONS[action].label}" khi hồ sơ đang ở trạng thái "${STATUS_LABEL_VI[dossier.status]}".`,
          { details: { status: dossier.status, action, allowedActions: allowed } },
        );
      case 'FORBIDDEN':
        throw new DomainError(
          'FORBIDDEN',
          refusal.why === 'division'
            ? 'Hồ sơ thuộc phòng chuyên môn khác; bạn không có quyền xử lý.'
            : refusal.why === 'handler'
              ? 'Hồ sơ đã được giao cho cán bộ khác xử lý.'
              : `Vai trò của bạn không được thực hiện "${TRANSITIONS[action].label}".`,
          { details: { status: dossier.status, action, allowedActions: allowed } },
        );
      case 'SUPPLEMENT_LIMIT':
        throw new DomainError(
          'SUPPLEMENT_LIMIT',
          'Hồ sơ đã được yêu cầu bổ sung một lần; không được yêu cầu bổ sung lần thứ hai ("không bổ sung hồ sơ quá 1 lần").',
          { details: { status: dossier.status, action, allowedActions: allowed } },
        );
      case 'EXTENSION_LIMIT':
        throw new DomainError('EXTENSION_LIMIT', 'Ngày hẹn trả kết quả chỉ được điều chỉnh một lần.', {
          details: { status: dossier.status, action, allowedActions: allowed },
        });
    }
  }
  const t = TRANSITIONS[action];
  const reason = input.reason?.normalize('NFC').trim() || null;
  if (t.needsReason && (reason === null || reason.length < 3)) {
    throw new DomainError('VALIDATION_ERROR', `Cần ghi rõ lý do (reason) khi "${t.label}".`, { field: 'reason' });
  }

  const now = clock.now();
  const at = now.toISOString();
  const procedure = await getProcedure(db, dossier.procedureCode);
  const to: Status = nextStatus(dossier.status, action, dossier.resumeStatus);
  const patch: Updateable<DossierTable> = { status: to, updated_at: at, current_stage: STAGE_OF[to] };
  const payload: Record<string, unknown> = {};
  let divisionId = dossier.divisionId;
  let handlerId = dossier.handlerId;
  let dueAt = dossier.dueAt;
  let restartStep = false;
  /** Starts the legal clock now: the appointment, stored with its explanation, becomes the original one. */
  const startClock = (): string => {
    const due = calendar.dueDate(now, procedure.timeLimit);
    Object.assign(patch, {
      clock_start_at: due.startAt,
      due_at: due.dueAt,
      original_due_at: due.dueAt,
      due_explanation: JSON.stringify(due.explanation),
    });
    payload.dueAt = due.dueAt;
    return due.dueAt;
  };

  switch (action) {
    case 'receive':
      Object.assign(patch, { received_at: at, received_by: actor.id });
      dueAt = startClock();
      break;
    case 'assign': {
      if (input.divisionCode) {
        const division = await db.selectFrom('division').select(['id']).where('code', '=', input.divisionCode).executeTakeFirst();
        if (!division) {
          throw new DomainError('UNKNOWN_REFERENCE', `Không có phòng ban mã ${input.divisionCode}.`, { field: 'divisionCode' });
        }
        divisionId = division.id;
        patch.division_id = division.id;
      }
      payload.divisionId = divisionId;
      break;
    }
    case 'start_processing': {
      const chosen = input.handlerId ?? actor.id;
      if (actor.role === 'specialist' && chosen !== actor.id) {
        throw new DomainError('FORBIDDEN', 'Chuyên viên chỉ có thể tự nhận hồ sơ; việc phân công do lãnh đạo phòng thực hiện.', {
          field: 'handlerId',
        });
      }
      const handler = await db
        .selectFrom('staff_user')
        .select(['id', 'role', 'division_id', 'is_active'])
        .where('id', '=', chosen)
        .executeTakeFirst();
      if (!handler || handler.is_active !== 1 || handler.division_id !== dossier.divisionId || !['specialist', 'division_head'].includes(handler.role)) {
        throw new DomainError('UNKNOWN_REFERENCE', 'Người được phân công (handlerId) phải là cán bộ đang làm việc của phòng xử lý hồ sơ.', {
          field: 'handlerId',
        });
      }
      handlerId = handler.id;
      patch.handler_id = handler.id;
      payload.handlerId = handler.id;
      break;
    }
    case 'request_supplement': {
      // Clock rule for a supplement (DOMAIN.md 3.2, 17.4): the interval is stored as a row.
      patch.supplement_count = dossier.supplementCount + 1;
      patch.resume_status = dossier.status;
      await db
        .insertInto('dossier_pause')
        .values({ dossier_id: dossier.id, kind: 'supplement', rule: 'restart', started_at: at, ended_at: null })
        .execute();
      break;
    }
    case 'receive_supplement': {
      patch.resume_status = null;
      await db
        .updateTable('dossier_pause')
        .set({ ended_at: at })
        .where('dossier_id', '=', dossier.id)
        .where('ended_at', 'is', null)
        .execute();
      // "Thời hạn giải quyết được tính lại từ đầu" once the full dossier is received (Decree 61 Art 19(4)).
      if (dossier.receivedAt !== null) dueAt = startClock();
      restartStep = true;
      break;
    }
    case 'extend_deadline': {
      const newDue = input.newDueAt ? new Date(input.newDueAt) : null;
      if (!newDue || Number.isNaN(newDue.getTime())) {
        throw new DomainError('VALIDATION_ERROR', 'Cần ngày hẹn trả kết quả mới (newDueAt).', { field: 'newDueAt' });
      }
      if (dossier.dueAt !== null && newDue.getTime() <= Date.parse(dossier.dueAt)) {
        throw new DomainError('VALIDATION_ERROR', 'Ngày hẹn mới (newDueAt) phải sau ngày hẹn hiện tại.', { field: 'newDueAt' });
      }
      // Cap (DOMAIN.md 17.5): the new date may not exceed the current appointment plus the legal time limit again.
      if (dossier.dueAt !== null) {
        const cap = calendar.dueDate(new Date(dossier.dueAt), procedure.timeLimit).dueAt;
        if (newDue.getTime() > Date.parse(cap)) {
          throw new DomainError('VALIDATION_ERROR', `Ngày hẹn mới (newDueAt) không được sau ${cap} (thêm tối đa một lần thời hạn giải quyết).`, {
            field: 'newDueAt',
            details: { cap },
          });
        }
      }
      patch.extended_due_at = newDue.toISOString();
      patch.due_at = newDue.toISOString();
      patch.extension_count = dossier.extensionCount + 1;
      payload.previousDueAt = dossier.dueAt;
      payload.newDueAt = newDue.toISOString();
      break;
    }
    case 'send_back':
      restartStep = true;
      break;
    case 'issue_result':
      patch.result_ready_at = at;
      break;
    case 'return_result':
      patch.returned_at = at;
      break;
    default:
      break;
  }
  if (TERMINAL.has(to)) {
    patch.closed_at = at;
    // A refusal after appraisal is the result of the procedure (Decree 61 Art 19(8)).
    if (action === 'refuse' && dossier.status === 'processing') patch.result_ready_at = at;
  }

  const updated = await updateDossier(db, dossier, patch);
  await appendEvent(db, {
    dossierId: dossier.id,
    seq: updated.version,
    action,
    fromStatus: dossier.status,
    toStatus: to,
    actorId: actor.id,
    actorRole: actor.role,
    actorName: actor.fullName,
    at,
    reason,
    payload,
    requestId,
  });
  await handOver(db, calendar, {
    dossierId: dossier.id,
    from: STAGE_OF[dossier.status],
    to: STAGE_OF[to],
    force: restartStep,
    at: now,
    dossierDueAt: dueAt,
    procedureSteps: procedure.steps,
    divisionId,
    handlerId,
  });
  return updated;
}
