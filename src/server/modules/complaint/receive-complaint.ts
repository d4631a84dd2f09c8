import { randomInt } from 'node:crypto';
import { isEmail, normalizePhone } from '../../../domain/applicant.ts';
import {
  type ComplaintCategory,
  type ComplaintChannel,
  COMPLAINT_CATEGORIES,
  DEFAULT_COMPLAINT_DAYS,
} from '../../../domain/complaint/complaint.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { WorkingCalendar } from '../../../domain/calendar/working-calendar.ts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { readSetting } from '../settings.repository.ts';
import type { ComplaintRow } from './complaint.repository.ts';

export interface ComplaintDeps {
  db: Kysely<Database>;
  clock: Clock;
  calendar: WorkingCalendar;
  /** Source of the random part of tracking codes (tests and the demo seed pass a seeded one). */
  random?: (n: number) => number;
}

export interface ReceiveComplaintInput {
  channel: ComplaintChannel;
  category: ComplaintCategory;
  content: string;
  submitterName: string;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  dossierCode?: string | null | undefined;
  staffUsername?: string | null | undefined;
}

// No 0/O, 1/I/L: the code is read aloud at the counter and typed on a phone.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export async function complaintDays(db: Kysely<Database>): Promise<number> {
  const v = await readSetting<number>(db, 'complaint.timeLimitDays');
  return typeof v === 'number' && v > 0 ? v : DEFAULT_COMPLAINT_DAYS;
}

/**
 * Record a complaint or suggestion (PAKN) received on the web form or at the counter: validate it, link it to
 * a dossier (by code) or an officer, set its due moment in working days, audit it. One transaction (caller's).
 */
export async function receiveComplaint(deps: ComplaintDeps, actor: Actor | null, input: ReceiveComplaintInput): Promise<ComplaintRow> {
  const { db, clock, calendar } = deps;
  const content = input.content.normalize('NFC').trim();
  const name = input.submitterName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!(COMPLAINT_CATEGORIES as readonly string[]).includes(input.category)) {
    throw new DomainError('VALIDATION_ERROR', 'Loại phản ánh (category) không hợp lệ.', { field: 'category' });
  }
  if ([...content].length < 10) {
    throw new DomainError('VALIDATION_ERROR', 'Nội dung phản ánh, kiến nghị (content) cần ít nhất 10 ký tự.', { field: 'content' });
  }
  if ([...content].length > 4000) {
    throw new DomainError('VALIDATION_ERROR', 'Nội dung phản ánh, kiến nghị (content) không quá 4000 ký tự.', { field: 'content' });
  }
  if ([...name].length < 2) {
    throw new DomainError('VALIDATION_ERROR', 'Họ tên người phản ánh (submitterName) phải có ít nhất 2 ký tự.', { field: 'submitterName' });
  }
  const rawPhone = input.phone?.trim() || null;
  const phone = rawPhone === null ? null : normalizePhone(rawPhone);
  if (rawPhone !== null && !phone) {
    throw new DomainError('VALIDATION_ERROR', 'Số điện thoại (phone) không hợp lệ.', { field: 'phone' });
  }
  const email = input.email?.trim() || null;
  if (email !== null && !isEmail(email)) {
    throw new DomainError('VALIDATION_ERROR', 'Địa chỉ thư điện tử (email) không hợp lệ.', { field: 'email' });
  }
  let dossierId: number | null = null;
  const dossierCode = input.dossierCode?.trim() || null;
  if (dossierCode !== null) {
    const d = await db.selectFrom('dossier').select(['id']).where('code', '=', dossierCode).executeTakeFirst();
    if (!d) throw new DomainError('UNKNOWN_REFERENCE', `Không có hồ sơ mã ${dossierCode}.`, { field: 'dossierCode' });
    dossierId = d.id;
  }
  let staffId: number | null = null;
  const staffUsername = input.staffUsername?.trim() || null;
  if (staffUsername !== null) {
    const s = await db.selectFrom('staff_user').select(['id']).where('username', '=', staffUsername).executeTakeFirst();
    if (!s) throw new DomainError('UNKNOWN_REFERENCE', `Không có cán bộ ${staffUsername}.`, { field: 'staffUsername' });
    staffId = s.id;
  }
  const now = clock.now();
  const at = now.toISOString();
  const days = await complaintDays(db);
  const due = calendar.dueDate(now, { value: days, unit: 'working_days' });
  const random = deps.random ?? randomInt;
  const vn = new Date(now.getTime() + 7 * 3600_000).toISOString();
  let code = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    code = `PA${vn.slice(2, 4)}${vn.slice(5, 7)}${vn.slice(8, 10)}-${Array.from({ length: 6 }, () => ALPHABET[random(ALPHABET.length)]).join('')}`;
    const clash = await db.selectFrom('complaint').select('id').where('tracking_code', '=', code).executeTakeFirst();
    if (!clash) break;
  }
  const row = await db
    .insertInto('complaint')
    .values({
      tracking_code: code,
      channel: input.channel,
      category: input.category,
      content,
      submitter_name: name,
      submitter_phone: phone,
      submitter_email: email,
      dossier_id: dossierId,
      staff_id: staffId,
      status: 'received',
      received_at: at,
      received_by: actor?.id ?? null,
      due_at: due.dueAt,
      due_explanation: JSON.stringify(due.explanation),
      assignee_id: null,
      assigned_at: null,
      answer: null,
      answered_at: null,
      answered_by: null,
      substantiated: null,
      closed_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(db, actor, 'complaint.receive', 'complaint', code, { channel: input.channel, category: input.category, dossierId, staffId, dueAt: due.dueAt, timeLimitDays: days }, now);
  return row;
}
