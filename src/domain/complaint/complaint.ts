/**
 * Complaints and suggestions (phản ánh, kiến nghị — PAKN) about procedures and staff, and the supervision
 * recommendations (kiến nghị giám sát) of the Fatherland Front committee: their states, who may move them and
 * their time limits. Both are "tracked like dossiers": a due moment in working days from the ward's
 * WorkingCalendar, an overdue flag, and every change audited.
 */
import type { Role } from '../procedure/procedure.ts';

export const COMPLAINT_STATUSES = ['received', 'assigned', 'answered', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_CHANNELS = ['web', 'counter'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
/** Classification tracked by Decision 766 group 5 ("about procedures / about staff", DOMAIN.md 10.2). */
export const COMPLAINT_CATEGORIES = ['procedure', 'staff', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_STATUS_VI: Record<ComplaintStatus, string> = {
  received: 'Đã tiếp nhận',
  assigned: 'Đang xử lý',
  answered: 'Đã trả lời',
  closed: 'Đã kết thúc',
};
export const COMPLAINT_CATEGORY_VI: Record<ComplaintCategory, string> = {
  procedure: 'Về thủ tục hành chính',
  staff: 'Về hành vi, thái độ của cán bộ',
  other: 'Khác',
};

/**
 * Default time to handle a PAKN: 10 working days from receipt. Source: Decree 20/2008/NĐ-CP on receiving and
 * handling PAKN on administrative regulations (as amended by Decree 92/2017/NĐ-CP) sets the processing time in
 * working days; the figure of 10 is taken from it as we understand it [M: not re-checked against the text here].
 * It is configuration (setting `complaint.timeLimitDays`), so a ward follows its province's rule.
 */
export const DEFAULT_COMPLAINT_DAYS = 10;
export const COMPLAINT_TIME_LIMIT_SOURCE = 'Nghị định 20/2008/NĐ-CP (sửa đổi bởi Nghị định 92/2017/NĐ-CP): thời hạn xử lý phản ánh, kiến nghị';

/**
 * Default time for the ward to answer a supervision recommendation of the Front committee: 15 working days.
 * LOCAL DEFAULT: the Law on the Vietnam Fatherland Front (2015) and Decision 217-QĐ/TW require the supervised
 * body to answer in writing; we did not confirm a number of days (DOMAIN.md 2.4 [M]). Setting
 * `supervision.answerDays`.
 */
export const DEFAULT_RECOMMENDATION_DAYS = 15;
export const RECOMMENDATION_TIME_LIMIT_SOURCE =
  'Mặc định của phường (Luật MTTQ Việt Nam 2015, Quyết định 217-QĐ/TW: cơ quan được giám sát phải trả lời bằng văn bản; số ngày do phường quy định)';

export type ComplaintAction = 'assign' | 'answer' | 'close';
export const COMPLAINT_TRANSITIONS: Record<ComplaintAction, { from: readonly ComplaintStatus[]; to: ComplaintStatus; label: string }> = {
  assign: { from: ['received', 'assigned'], to: 'assigned', label: 'Giao xử lý' },
  answer: { from: ['received', 'assigned'], to: 'answered', label: 'Trả lời' },
  close: { from: ['answered'], to: 'closed', label: 'Kết thúc' },
};

/** Who handles PAKN: the TTHC control officer (Circular 03/2025 task 3, DOMAIN.md 2.1), leaders and admins. */
export const COMPLAINT_MANAGERS: readonly Role[] = ['monitor', 'leader', 'admin'];
/** Who may record a PAKN received at the counter. */
export const COMPLAINT_RECEIVERS: readonly Role[] = ['reception', 'monitor', 'leader', 'admin'];

export const RECOMMENDATION_STATUSES = ['filed', 'answered', 'closed'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
export const RECOMMENDATION_STATUS_VI: Record<RecommendationStatus, string> = {
  filed: 'Chờ phường trả lời',
  answered: 'Phường đã trả lời',
  closed: 'Đã kết thúc giám sát',
};

/** Overdue: not answered and past its due moment, or answered after it. */
export function isOverdue(dueAt: string, answeredAt: string | null, now: string): boolean {
  return answeredAt === null ? now > dueAt : answeredAt > dueAt;
}
