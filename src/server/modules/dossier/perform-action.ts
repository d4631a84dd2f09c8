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
import { onDossierChange } from '../notifications/on-dossier-change.ts';
import { handOver } from './dossier-steps.ts';
import type { Dossier } from './dossier.ts';
import { appendEvent, getDossier, updateDossier } from './dossier.repository.ts';
import { finishOutcomes } from './fold-events.ts';
import type { DossierDeps } from './use-case.ts';
import { enqueueJob } from '../../jobs/job.repository.ts';
import { vnDay } from '../../../domain/dossier/timeliness.ts';
import { workingDaysBefore } from '../../../domain/dossier/deadline.ts';
import type { Procedure } from '../catalog/procedure.ts';
import { readRules } from '../three-khong/rules.ts';
import { apologyDateCap } from '../three-khong/apology-cap.ts';
import { notifyLeadersOfDraft } from '../three-khong/notifications.ts';
import { formatInstantVi } from '../three-khong/format.ts';

export interface SupplementItem {
  componentId: number | null;
  name: string;
  kind: string | null;
  note: string | null;
}

/** Form 02 lists every missing item at once: components of this procedure, plus unlisted ones (override only). */
function buildSupplementItems(procedure: Procedure, input: ActionInput): SupplementItem[] {
  const byId = new Map(procedure.components.map((c) => [c.id, c]));
  const items: SupplementItem[] = [];
  const seen = new Set<number>();
  for (const i of input.items ?? []) {
    const c = byId.get(i.componentId);
    if (!c) {
      throw new DomainError('UNKNOWN_COMPONENT', `Thành phần hồ sơ ${i.componentId} không thuộc thủ tục "${procedure.name}" (items).`, { field: 'items' });
    }
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    items.push({ componentId: c.id, name: c.name, kind: c.kind, note: i.note?.normalize('NFC').trim() || null });
  }
  for (const o of input.otherItems ?? []) {
    const name = o.name.normalize('NFC').trim();
    if (name.length < 3) throw new DomainError('VALIDATION_ERROR', 'Tên giấy tờ (otherItems.name) phải ghi rõ.', { field: 'otherItems' });
    items.push({ componentId: null, name, kind: null, note: o.note?.normalize('NFC').trim() || null });
  }
  if (items.length === 0) {
    throw new DomainError('VALIDATION_ERROR', 'Phiếu yêu cầu bổ sung phải liệt kê đầy đủ, một lần, các giấy tờ còn thiếu (items).', { field: 'items' });
  }
  return items;
}

export interface ActionInput {
  reason?: string | undefined;
  /** start_processing: the specialist who will handle it (a division head assigns; a specialist takes it). */
  handlerId?: number | undefined;
  /** assign: the division to forward to (default: the procedure's handling division). */
  divisionCode?: string | undefined;
  /** draft_apology: the proposed new appointment (form 04); extend_deadline may repeat it, never change it. */
  newDueAt?: string | undefined;
  /** request_supplement (form 02): every missing item at once, chosen from the procedure's components. */
  items?: { componentId: number; note?: string | undefined }[] | undefined;
  /** request_supplement: documents the catalog does not list; only with a leader's override. */
  otherItems?: { name: string; note?: string | undefined }[] | undefined;
  /** A leader's reason to override a "3 không" rule (second supplement, unlisted document); counted. */
  overrideReason?: string | undefined;
  /** refuse (form 03): the specific reasons, one per line on the form. */
  reasons?: string[] | undefined;
}

const SIGNER_TITLES: Record<string, string> = { leader: 'Lãnh đạo UBND' };

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
  const overrideReason = input.overrideReason?.normalize('NFC').trim() || null;
  if (overrideReason !== null && overrideReason.length < 3) {
    throw new DomainError('VALIDATION_ERROR', 'Lý do cho phép ngoại lệ (overrideReason) phải ghi rõ.', { field: 'overrideReason' });
  }
  const override = overrideReason !== null && actor.role === 'leader';
  const refusal = checkAction(dossier, actor, action, { override });
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
              : refusal.why === 'override'
                ? 'Lãnh đạo chỉ yêu cầu bổ sung khi cho phép ngoại lệ, kèm lý do (overrideReason).'
                : `Vai trò của bạn không được thực hiện "${TRANSITIONS[action].label}".`,
          { details: { status: dossier.status, action, allowedActions: allowed } },
        );
      case 'SUPPLEMENT_LIMIT':
        throw new DomainError(
          'SUPPLEMENT_LIMIT',
          'Hồ sơ đã được yêu cầu bổ sung một lần; không được yêu cầu bổ sung lần thứ hai ("không bổ sung hồ sơ quá 1 lần"). Chỉ lãnh đạo được cho phép ngoại lệ, kèm lý do (overrideReason).',
          { details: { status: dossier.status, action, allowedActions: allowed } },
        );
      case 'EXTENSION_LIMIT':
        throw new DomainError('EXTENSION_LIMIT', 'Ngày hẹn trả kết quả chỉ được điều chỉnh một lần.', {
          details: { status: dossier.status, action, allowedActions: allowed },
        });
      case 'APOLOGY_REQUIRED':
        throw new DomainError('APOLOGY_REQUIRED', 'Chưa có dự thảo văn bản xin lỗi, đề nghị gia hạn (mẫu 04) để ký; phòng chuyên môn cần dự thảo trước.', {
          details: { status: dossier.status, action, allowedActions: allowed },
        });
    }
  }
  const rules = await readRules(db);
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
      // An online dossier's first receipt: the log says which division it went to, like a counter receipt.
      payload.divisionId = dossier.divisionId;
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
      const items = buildSupplementItems(procedure, input);
      const unlisted = items.filter((i) => i.componentId === null);
      // Asking for documents beyond the published list is prohibited (Decree 61 Art 5(1)(đ)); only a leader may, with a reason.
      if (unlisted.length > 0 && !override) {
        throw new DomainError('OVERRIDE_REQUIRED', 'Giấy tờ ngoài danh mục thủ tục (otherItems) chỉ được yêu cầu khi lãnh đạo cho phép, kèm lý do (overrideReason).', {
          field: 'otherItems',
        });
      }
      if (override && overrideReason !== null) {
        const kinds = [...(dossier.supplementCount >= 1 ? ['second_supplement'] : []), ...(unlisted.length > 0 ? ['unlisted_document'] : [])];
        for (const kind of kinds) {
          await db.insertInto('rule_override').values({ dossier_id: dossier.id, kind, reason: overrideReason, actor_id: actor.id, at }).execute();
        }
        payload.overrides = kinds;
        payload.overrideReason = overrideReason;
      }
      // Clock rule for a supplement (DOMAIN.md 3.2, 17.4): configurable, and the interval is stored as a row.
      const rule = rules.supplement.clockRule;
      patch.supplement_count = dossier.supplementCount + 1;
      patch.resume_status = dossier.status;
      await db
        .insertInto('dossier_pause')
        .values({ dossier_id: dossier.id, kind: 'supplement', rule, started_at: at, ended_at: null })
        .execute();
      await db
        .insertInto('supplement_request')
        .values({
          dossier_id: dossier.id,
          seq: dossier.supplementCount + 1,
          stage: dossier.status === 'processing' ? 'appraisal' : 'reception',
          items: JSON.stringify(items),
          note: reason ?? '',
          clock_rule: rule,
          requested_by: actor.id,
          requested_at: at,
          received_at: null,
          due_at_before: dossier.dueAt,
          due_at_after: null,
        })
        .execute();
      payload.items = items;
      payload.clockRule = rule;
      break;
    }
    case 'receive_supplement': {
      patch.resume_status = null;
      const pause = await db
        .selectFrom('dossier_pause')
        .selectAll()
        .where('dossier_id', '=', dossier.id)
        .where('ended_at', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      await db
        .updateTable('dossier_pause')
        .set({ ended_at: at })
        .where('dossier_id', '=', dossier.id)
        .where('ended_at', 'is', null)
        .execute();
      if (dossier.receivedAt !== null && pause?.rule === 'pause' && dossier.dueAt !== null) {
        // "Pause" setting: the working time left when the request went out runs again from the next session.
        const restart = calendar.clockStart(now).startAt;
        const shift = (iso: string) =>
          calendar.addWorkingMinutes(restart, Math.max(0, calendar.workingMinutesBetween(new Date(pause.started_at), new Date(iso)))).toISOString();
        const newDue = shift(dossier.dueAt);
        patch.due_at = newDue;
        patch.original_due_at = dossier.originalDueAt ? shift(dossier.originalDueAt) : newDue;
        payload.dueAt = newDue;
        payload.originalDueAt = patch.original_due_at;
        if (dossier.extendedDueAt) {
          patch.extended_due_at = shift(dossier.extendedDueAt);
          payload.extendedDueAt = patch.extended_due_at;
        }
        dueAt = newDue;
      } else if (dossier.receivedAt !== null) {
        // "Thời hạn giải quyết được tính lại từ đầu" once the full dossier is received (Decree 61 Art 19(4)).
        dueAt = startClock();
      }
      await db
        .updateTable('supplement_request')
        .set({ received_at: at, due_at_after: dueAt })
        .where('dossier_id', '=', dossier.id)
        .where('received_at', 'is', null)
        .execute();
      restartStep = true;
      break;
    }
    case 'draft_apology': {
      const newDue = input.newDueAt ? new Date(input.newDueAt) : null;
      if (!newDue || Number.isNaN(newDue.getTime())) {
        throw new DomainError('VALIDATION_ERROR', 'Cần ngày hẹn trả kết quả mới (newDueAt).', { field: 'newDueAt' });
      }
      if (dossier.dueAt !== null && newDue.getTime() <= Date.parse(dossier.dueAt)) {
        throw new DomainError('VALIDATION_ERROR', 'Ngày hẹn mới (newDueAt) phải sau ngày hẹn hiện tại.', { field: 'newDueAt' });
      }
      if (dossier.dueAt === null) {
        throw new DomainError('VALIDATION_ERROR', 'Hồ sơ chưa có ngày hẹn trả kết quả để đề nghị gia hạn.', { field: 'newDueAt' });
      }
      const cap = apologyDateCap(calendar, rules, { dueAt: dossier.dueAt, timeLimit: dossier.timeLimit });
      if (newDue.getTime() > Date.parse(cap)) {
        throw new DomainError('VALIDATION_ERROR', `Ngày hẹn mới (newDueAt) không được sau ${formatInstantVi(cap)} (giới hạn gia hạn).`, {
          field: 'newDueAt',
          details: { cap },
        });
      }
      // "No later than 1 day before the deadline" (Decree 61 Art 19(9)); a later draft is kept and flagged.
      const draftDeadline = workingDaysBefore(calendar, new Date(dossier.dueAt), rules.apology.draftWorkingDaysBefore).toISOString();
      const isLateDraft = at > draftDeadline;
      const values = {
        reason: reason ?? '',
        previous_due_at: dossier.dueAt,
        new_due_at: newDue.toISOString(),
        draft_deadline_at: draftDeadline,
        drafted_by: actor.id,
        drafted_at: at,
        is_late_draft: isLateDraft ? 1 : 0,
      };
      const existing = await db.selectFrom('apology').select('id').where('dossier_id', '=', dossier.id).executeTakeFirst();
      if (existing) {
        await db.updateTable('apology').set(values).where('id', '=', existing.id).execute();
      } else {
        const year = vnDay(at).slice(0, 4);
        const n = await db
          .selectFrom('apology')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('drafted_at', '>=', `${year}-01-01`)
          .executeTakeFirstOrThrow();
        await db
          .insertInto('apology')
          .values({ ...values, dossier_id: dossier.id, number: `${String(Number(n.n) + 1).padStart(2, '0')}/PXL`, signed_by: null, signed_at: null, signer_title: null })
          .execute();
      }
      patch.apology_status = 'drafted';
      payload.newDueAt = newDue.toISOString();
      payload.draftDeadlineAt = draftDeadline;
      payload.isLateDraft = isLateDraft;
      await notifyLeadersOfDraft(db, dossier.code, newDue.toISOString(), now);
      break;
    }
    case 'extend_deadline': {
      const apology = await db.selectFrom('apology').selectAll().where('dossier_id', '=', dossier.id).executeTakeFirstOrThrow();
      if (input.newDueAt && Date.parse(input.newDueAt) !== Date.parse(apology.new_due_at)) {
        throw new DomainError('VALIDATION_ERROR', 'Ngày hẹn mới (newDueAt) phải đúng như dự thảo mẫu 04; muốn đổi, phòng chuyên môn dự thảo lại.', {
          field: 'newDueAt',
        });
      }
      if (dossier.dueAt !== null && Date.parse(apology.new_due_at) <= Date.parse(dossier.dueAt)) {
        throw new DomainError('VALIDATION_ERROR', 'Ngày hẹn mới trong dự thảo (newDueAt) phải sau ngày hẹn hiện tại; cần dự thảo lại.', { field: 'newDueAt' });
      }
      const signer = await db.selectFrom('staff_user').select(['title']).where('id', '=', actor.id).executeTakeFirst();
      await db
        .updateTable('apology')
        .set({ signed_by: actor.id, signed_at: at, signer_title: signer?.title ?? SIGNER_TITLES.leader ?? null })
        .where('id', '=', apology.id)
        .execute();
      patch.apology_status = 'signed';
      patch.extended_due_at = apology.new_due_at;
      patch.due_at = apology.new_due_at;
      patch.extension_count = dossier.extensionCount + 1;
      dueAt = apology.new_due_at;
      payload.previousDueAt = dossier.dueAt;
      payload.newDueAt = apology.new_due_at;
      payload.apologyNumber = apology.number;
      // The one-stop announces the new date to the applicant (Decree 61 Art 19(9)); channels are the notifications module's.
      await enqueueJob(
        db,
        {
          kind: 'notify.applicant',
          payload: { dossierCode: dossier.code, event: 'appointment_extended', previousDueAt: dossier.dueAt, newDueAt: apology.new_due_at, reason: apology.reason },
          dedupeKey: `notify.applicant:${dossier.code}:appointment_extended`,
        },
        now,
      );
      break;
    }
    case 'refuse': {
      const reasons = (input.reasons ?? []).map((r) => r.normalize('NFC').trim()).filter((r) => r.length > 0);
      payload.reasons = reasons.length > 0 ? reasons : [reason];
      payload.stage = dossier.status === 'processing' ? 'appraisal' : 'counter';
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
  // Biểu 06 projection (migration 0070), the same as the fold of the log (fold-events.ts).
  if (action === 'request_supplement' || action === 'receive_supplement' || action === 'extend_deadline') {
    patch.due_changed_at = at;
    if (action !== 'extend_deadline') patch.paused_since = action === 'request_supplement' ? at : null;
  }
  if (dossier.resultReadyAt === null && dossier.closedAt === null && (patch.result_ready_at ?? patch.closed_at) != null) {
    patch.finished_at = at;
    const o = finishOutcomes(at, patch.original_due_at ?? dossier.originalDueAt, patch.due_at ?? dossier.dueAt);
    patch.outcome_original = o.original;
    patch.outcome_extended = o.extended;
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
  // Re-evaluate the deadline watch after every event, in the same transaction (outbox).
  await enqueueJob(db, { kind: 'deadline.evaluate', payload: { dossierId: dossier.id }, dedupeKey: `deadline.evaluate:${dossier.id}:${updated.version}` }, now);
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
  await onDossierChange(db, { dossier: updated, action, seq: updated.version, reason, actorId: actor.id }, now);
  return updated;
}
