import { COMPLAINT_STATUS_VI, COMPLAINT_TRANSITIONS, type ComplaintAction, type ComplaintStatus } from '../../../domain/complaint/complaint.ts';
import { DomainError } from '../../../domain/errors.ts';
import { appendAudit } from '../audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { type ComplaintRow, getComplaint } from './complaint.repository.ts';
import type { ComplaintDeps } from './receive-complaint.ts';

export interface HandleComplaintInput {
  assigneeUsername?: string | undefined;
  answer?: string | undefined;
  /** With the answer: whether the complaint was founded (feeds Circular 01/2018 indicator 7). */
  substantiated?: boolean | undefined;
  note?: string | undefined;
}

/**
 * Move a PAKN one step: received → assigned → answered → closed (an answer may come straight after receipt).
 * The assignee answers; the control officer or a leader assigns, answers and closes. Optimistic version check
 * and audit, in the caller's transaction.
 */
export async function handleComplaint(
  deps: ComplaintDeps,
  actor: Actor,
  trackingCode: string,
  action: ComplaintAction,
  input: HandleComplaintInput,
): Promise<ComplaintRow> {
  const { db, clock } = deps;
  const c = await getComplaint(db, trackingCode);
  const t = COMPLAINT_TRANSITIONS[action];
  const status = c.status as ComplaintStatus;
  if (!t.from.includes(status)) {
    throw new DomainError('ACTION_NOT_ALLOWED', `Không thể "${t.label}" khi phản ánh đang ở trạng thái "${COMPLAINT_STATUS_VI[status]}".`, {
      details: { status, action },
    });
  }
  const manager = ['monitor', 'leader', 'admin'].includes(actor.role);
  const isAssignee = c.assignee_id === actor.id;
  if (!manager && !(action === 'answer' && isAssignee)) {
    throw new DomainError('FORBIDDEN', 'Chỉ công chức kiểm soát TTHC, lãnh đạo hoặc người được giao xử lý mới thực hiện được thao tác này.');
  }
  const now = clock.now();
  const at = now.toISOString();
  const patch: Partial<ComplaintRow> = { status: t.to, updated_at: at, version: c.version + 1 };
  const details: Record<string, unknown> = { from: status, to: t.to };
  if (action === 'assign') {
    const username = input.assigneeUsername?.trim();
    if (!username) throw new DomainError('VALIDATION_ERROR', 'Cần chọn người xử lý (assigneeUsername).', { field: 'assigneeUsername' });
    const s = await db.selectFrom('staff_user').select(['id', 'is_active', 'role']).where('username', '=', username).executeTakeFirst();
    if (!s || s.is_active !== 1 || s.role === 'supervisor') {
      throw new DomainError('UNKNOWN_REFERENCE', `Không có cán bộ ${username} để giao xử lý.`, { field: 'assigneeUsername' });
    }
    Object.assign(patch, { assignee_id: s.id, assigned_at: at });
    details.assigneeId = s.id;
  } else if (action === 'answer') {
    const answer = input.answer?.normalize('NFC').trim() ?? '';
    if ([...answer].length < 10) {
      throw new DomainError('VALIDATION_ERROR', 'Nội dung trả lời (answer) cần ít nhất 10 ký tự.', { field: 'answer' });
    }
    if (input.substantiated === undefined) {
      throw new DomainError('VALIDATION_ERROR', 'Cần ghi rõ phản ánh có đúng hay không (substantiated).', { field: 'substantiated' });
    }
    Object.assign(patch, { answer, answered_at: at, answered_by: actor.id, substantiated: input.substantiated ? 1 : 0 });
    details.substantiated = input.substantiated;
    details.onTime = at <= c.due_at;
  } else {
    Object.assign(patch, { closed_at: at });
    if (input.note) details.note = input.note.normalize('NFC').trim().slice(0, 1000);
  }
  const updated = await db
    .updateTable('complaint')
    .set(patch)
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new DomainError('CONFLICT', 'Phản ánh vừa được người khác cập nhật; hãy tải lại.');
  await appendAudit(db, actor, `complaint.${action}`, 'complaint', c.tracking_code, details, now);
  return updated;
}
