/**
 * The dossier workflow: one transition table (DESIGN.md 2; DOMAIN.md 3 and 6).
 * Every state change of a dossier is one of these actions; availableActions() is the single source of
 * what may happen, and the UI renders its buttons from it.
 */
import type { Role, Stage } from '../procedure/procedure.ts';

export const STATUSES = [
  'submitted', // online, awaiting receipt (nộp trực tuyến, chờ tiếp nhận)
  'received', // received at the one-stop, not yet forwarded
  'refused', // refused (từ chối) with reasons, form 03
  'assigned', // forwarded to the handling division, awaiting a handler
  'processing', // being handled by a specialist
  'consulting', // waiting for another body's opinion (lấy ý kiến / liên thông)
  'supplement_requested', // supplement requested once, form 02
  'awaiting_payment', // financial obligation to pay
  'awaiting_approval', // submitted to the Chairman/Vice-Chairman
  'approved', // signed, being numbered and sent to the one-stop
  'result_ready', // result at the one-stop, awaiting collection
  'returned', // result returned to the applicant
  'withdrawn', // applicant withdrew the dossier
  'stopped', // processing stopped, stop notice (form 05)
] as const;
export type Status = (typeof STATUSES)[number];

/** DVCQG status codes (DOMAIN.md 6.1, confirmed in 18.5). */
export const PORTAL_STATUS: Record<Status, { code: number; label: string }> = {
  submitted: { code: 1, label: 'Mới đăng ký' },
  received: { code: 2, label: 'Được tiếp nhận' },
  refused: { code: 3, label: 'Không được tiếp nhận' },
  assigned: { code: 4, label: 'Đang xử lý' },
  processing: { code: 4, label: 'Đang xử lý' },
  consulting: { code: 4, label: 'Đang xử lý' },
  supplement_requested: { code: 5, label: 'Yêu cầu bổ sung giấy tờ' },
  awaiting_payment: { code: 6, label: 'Yêu cầu thực hiện nghĩa vụ tài chính' },
  awaiting_approval: { code: 4, label: 'Đang xử lý' },
  approved: { code: 4, label: 'Đang xử lý' },
  result_ready: { code: 9, label: 'Đã xử lý xong' },
  returned: { code: 10, label: 'Đã trả kết quả' },
  withdrawn: { code: 7, label: 'Công dân yêu cầu rút hồ sơ' },
  stopped: { code: 8, label: 'Dừng xử lý' },
};

/** Plain-language status for citizens and staff. */
export const STATUS_LABEL_VI: Record<Status, string> = {
  submitted: 'Đã nộp trực tuyến, chờ tiếp nhận',
  received: 'Đã tiếp nhận',
  refused: 'Từ chối tiếp nhận/giải quyết',
  assigned: 'Đã chuyển phòng chuyên môn',
  processing: 'Đang xử lý',
  consulting: 'Đang lấy ý kiến cơ quan liên quan',
  supplement_requested: 'Yêu cầu bổ sung hồ sơ',
  awaiting_payment: 'Chờ thực hiện nghĩa vụ tài chính',
  awaiting_approval: 'Chờ lãnh đạo phê duyệt',
  approved: 'Đã ký duyệt, đang vào sổ',
  result_ready: 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  withdrawn: 'Đã rút hồ sơ',
  stopped: 'Đã dừng giải quyết',
};

export const TERMINAL: ReadonlySet<Status> = new Set(['refused', 'returned', 'withdrawn', 'stopped']);

/** Which internal stage (and so which step deadline) runs in each status; null = no step clock runs. */
export const STAGE_OF: Record<Status, Stage | null> = {
  submitted: null,
  received: 'reception',
  refused: null,
  assigned: 'assignment',
  processing: 'processing',
  consulting: 'processing',
  supplement_requested: null,
  awaiting_payment: 'processing',
  awaiting_approval: 'approval',
  approved: 'issuance',
  result_ready: 'return',
  returned: null,
  withdrawn: null,
  stopped: null,
};

export const ACTIONS = [
  'receive',
  'refuse',
  'assign',
  'start_processing',
  'request_consultation',
  'record_consultation',
  'request_supplement',
  'receive_supplement',
  'request_payment',
  'confirm_payment',
  'submit_for_approval',
  'send_back',
  'approve',
  'issue_result',
  'return_result',
  'draft_apology',
  'extend_deadline',
  'withdraw',
  'stop',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Transition {
  from: readonly Status[];
  /** 'same' keeps the status (extension); 'resume' goes back to the status held before the supplement request. */
  to: Status | 'same' | 'resume';
  roles: readonly Role[];
  /** The action must say why (reason is stored in the event). */
  needsReason: boolean;
  label: string;
}

const OPEN_BEFORE_RESULT = [
  'received',
  'assigned',
  'processing',
  'consulting',
  'supplement_requested',
  'awaiting_payment',
  'awaiting_approval',
  'approved',
] as const satisfies readonly Status[];

/** The whole lifecycle on one screen. */
export const TRANSITIONS: Record<Action, Transition> = {
  receive: { from: ['submitted'], to: 'received', roles: ['reception'], needsReason: false, label: 'Tiếp nhận' },
  refuse: {
    from: ['submitted', 'received', 'processing'],
    to: 'refused',
    roles: ['reception', 'specialist', 'division_head'],
    needsReason: true,
    label: 'Từ chối (mẫu 03)',
  },
  assign: { from: ['received'], to: 'assigned', roles: ['reception'], needsReason: false, label: 'Chuyển phòng chuyên môn' },
  start_processing: {
    from: ['assigned'],
    to: 'processing',
    roles: ['division_head', 'specialist'],
    needsReason: false,
    label: 'Phân công / nhận xử lý',
  },
  request_consultation: {
    from: ['processing'],
    to: 'consulting',
    roles: ['specialist', 'division_head'],
    needsReason: true,
    label: 'Lấy ý kiến cơ quan liên quan',
  },
  record_consultation: {
    from: ['consulting'],
    to: 'processing',
    roles: ['specialist', 'division_head'],
    needsReason: false,
    label: 'Ghi nhận ý kiến',
  },
  request_supplement: {
    from: ['submitted', 'received', 'processing'],
    to: 'supplement_requested',
    // A leader takes part only to override the once-only rule, with a reason (DOMAIN.md 17.4).
    roles: ['reception', 'specialist', 'division_head', 'leader'],
    needsReason: true,
    label: 'Yêu cầu bổ sung (mẫu 02)',
  },
  receive_supplement: {
    from: ['supplement_requested'],
    to: 'resume',
    roles: ['reception'],
    needsReason: false,
    label: 'Nhận hồ sơ bổ sung',
  },
  request_payment: {
    from: ['processing'],
    to: 'awaiting_payment',
    roles: ['specialist', 'division_head'],
    needsReason: true,
    label: 'Yêu cầu nộp phí, nghĩa vụ tài chính',
  },
  confirm_payment: {
    from: ['awaiting_payment'],
    to: 'processing',
    roles: ['reception', 'specialist'],
    needsReason: false,
    label: 'Xác nhận đã nộp',
  },
  submit_for_approval: {
    from: ['processing'],
    to: 'awaiting_approval',
    roles: ['specialist', 'division_head'],
    needsReason: false,
    label: 'Trình lãnh đạo ký',
  },
  send_back: { from: ['awaiting_approval'], to: 'processing', roles: ['leader', 'division_head'], needsReason: true, label: 'Trả lại để xử lý tiếp' },
  approve: { from: ['awaiting_approval'], to: 'approved', roles: ['leader', 'division_head'], needsReason: false, label: 'Phê duyệt, ký' },
  issue_result: {
    from: ['approved'],
    to: 'result_ready',
    roles: ['specialist', 'division_head', 'reception'],
    needsReason: false,
    label: 'Vào sổ, chuyển kết quả về Một cửa',
  },
  return_result: { from: ['result_ready'], to: 'returned', roles: ['reception'], needsReason: false, label: 'Trả kết quả' },
  // Biết xin lỗi (Decree 61 Art 19(9); DOMAIN.md 3.6, 17.5): the handling division drafts form 04 with the reason
  // and the new date no later than one working day before the deadline; the Chairman or a Vice-Chairman signs it,
  // and only then does the new appointment replace the old one.
  draft_apology: {
    from: OPEN_BEFORE_RESULT.filter((s) => s !== 'supplement_requested'),
    to: 'same',
    roles: ['specialist', 'division_head'],
    needsReason: true,
    label: 'Dự thảo văn bản xin lỗi, đề nghị gia hạn (mẫu 04)',
  },
  extend_deadline: {
    from: OPEN_BEFORE_RESULT.filter((s) => s !== 'supplement_requested'),
    to: 'same',
    roles: ['leader'],
    needsReason: false,
    label: 'Ký văn bản xin lỗi, gia hạn (mẫu 04)',
  },
  withdraw: { from: ['submitted', ...OPEN_BEFORE_RESULT], to: 'withdrawn', roles: ['reception'], needsReason: true, label: 'Rút hồ sơ theo yêu cầu' },
  stop: { from: OPEN_BEFORE_RESULT, to: 'stopped', roles: ['reception', 'leader'], needsReason: true, label: 'Dừng giải quyết (mẫu 05)' },
};

/** Actions taken by whoever signs the result (the procedure's approval step decides who). */
const SIGNING_ACTIONS: ReadonlySet<Action> = new Set(['approve', 'send_back']);

/** Roles whose members belong to the one-stop or the leadership act on dossiers of every division. */
const WARD_WIDE: ReadonlySet<Role> = new Set(['reception', 'leader']);

export interface WorkflowDossier {
  status: Status;
  /** Who signs the result: the Chairman/Vice-Chairman ('leader'), or a division head where the procedure's
   * approval step says so (residence registration is decided by the ward police chief). */
  approverRole: Role;
  divisionId: number;
  handlerId: number | null;
  supplementCount: number;
  extensionCount: number;
  /** Form 04 state: drafted by the division, signed by the leader (then the extension applies). */
  apologyStatus?: ApologyStatus | null;
}

export type ApologyStatus = 'drafted' | 'signed';

export interface WorkflowActor {
  id: number;
  role: Role;
  divisionId: number | null;
}

export type Refusal =
  | { code: 'ACTION_NOT_ALLOWED' }
  | { code: 'FORBIDDEN'; why: string }
  | { code: 'SUPPLEMENT_LIMIT' }
  | { code: 'EXTENSION_LIMIT' }
  | { code: 'APOLOGY_REQUIRED' };

export interface ActionOptions {
  /** A leader overrides the once-only supplement rule (with a reason, counted and reported). */
  override?: boolean;
}

/** Why `actor` may not take `action` now, or null when it may. */
export function checkAction(dossier: WorkflowDossier, actor: WorkflowActor, action: Action, options: ActionOptions = {}): Refusal | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(dossier.status)) return { code: 'ACTION_NOT_ALLOWED' };
  const roles = SIGNING_ACTIONS.has(action) ? [dossier.approverRole] : t.roles;
  if (!roles.includes(actor.role)) return { code: 'FORBIDDEN', why: 'role' };
  if (!WARD_WIDE.has(actor.role) && actor.divisionId !== dossier.divisionId) return { code: 'FORBIDDEN', why: 'division' };
  if (actor.role === 'specialist' && dossier.handlerId !== null && dossier.handlerId !== actor.id) {
    return { code: 'FORBIDDEN', why: 'handler' };
  }
  // "Không bổ sung hồ sơ quá 1 lần": Decree 61 Art 15(3), Decree 118 Art 11 (DOMAIN.md 3.2, 17.4).
  // A second request needs a leader's override with a reason (DOMAIN.md 17.4); a leader never makes a first one.
  if (action === 'request_supplement') {
    const overriding = options.override === true && actor.role === 'leader';
    if (dossier.supplementCount >= 1 && !overriding) return { code: 'SUPPLEMENT_LIMIT' };
    if (actor.role === 'leader' && !overriding) return { code: 'FORBIDDEN', why: 'override' };
  }
  // The appointment may be reset only once (Decree 61 Art 19(9); DOMAIN.md 3.6).
  if ((action === 'extend_deadline' || action === 'draft_apology') && dossier.extensionCount >= 1) return { code: 'EXTENSION_LIMIT' };
  if (action === 'extend_deadline' && dossier.apologyStatus !== 'drafted') return { code: 'APOLOGY_REQUIRED' };
  return null;
}

export function availableActions(dossier: WorkflowDossier, actor: WorkflowActor, options: ActionOptions = {}): Action[] {
  return ACTIONS.filter((a) => checkAction(dossier, actor, a, options) === null);
}

export function nextStatus(current: Status, action: Action, resumeStatus: Status | null): Status {
  const to = TRANSITIONS[action].to;
  if (to === 'same') return current;
  if (to === 'resume') return resumeStatus ?? 'received';
  return to;
}
