import {
  COMPLAINT_CATEGORY_VI,
  COMPLAINT_STATUS_VI,
  type ComplaintCategory,
  type ComplaintStatus,
  isOverdue,
} from '../../../domain/complaint/complaint.ts';
import { maskDigits, maskName } from '../../../domain/text.ts';
import type { ComplaintRow } from './complaint.repository.ts';

/** Long digit runs (phone, identity numbers) in free text, masked for readers who may not see personal data. */
export function maskDigitRuns(text: string): string {
  return text.replace(/\d[\d .-]{6,}\d/g, (m) => maskDigits(m.replace(/\D/g, '')));
}

export function presentComplaint(
  c: ComplaintRow & { dossier_code?: string | null },
  staff: Map<number, string>,
  now: string,
  masked: boolean,
) {
  const name = (id: number | null) => (id === null ? null : (staff.get(id) ?? ''));
  return {
    trackingCode: c.tracking_code,
    channel: c.channel,
    category: c.category,
    categoryLabel: COMPLAINT_CATEGORY_VI[c.category as ComplaintCategory],
    status: c.status,
    statusLabel: COMPLAINT_STATUS_VI[c.status as ComplaintStatus],
    content: masked ? maskDigitRuns(c.content) : c.content,
    submitter: masked
      ? { name: maskName(c.submitter_name), phone: c.submitter_phone ? maskDigits(c.submitter_phone) : null, email: c.submitter_email ? '***' : null }
      : { name: c.submitter_name, phone: c.submitter_phone, email: c.submitter_email },
    dossierCode: c.dossier_code ?? null,
    staff: c.staff_id === null ? null : { id: c.staff_id, fullName: name(c.staff_id) },
    receivedAt: c.received_at,
    dueAt: c.due_at,
    dueExplanation: masked ? undefined : JSON.parse(c.due_explanation),
    assignee: c.assignee_id === null ? null : { id: c.assignee_id, fullName: name(c.assignee_id) },
    assignedAt: c.assigned_at,
    answer: c.answer === null ? null : masked ? maskDigitRuns(c.answer) : c.answer,
    answeredAt: c.answered_at,
    substantiated: c.substantiated === null ? null : c.substantiated === 1,
    closedAt: c.closed_at,
    overdue: isOverdue(c.due_at, c.answered_at, now),
    answeredOnTime: c.answered_at === null ? null : c.answered_at <= c.due_at,
  };
}
