import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isCitizenIdNumber, isEmail, normalizePhone } from '../../../domain/applicant.ts';
import { DomainError } from '../../../domain/errors.ts';
import { isRequiredOn } from '../../../domain/procedure/components.ts';
import { fold } from '../../../domain/text.ts';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../audit.repository.ts';
import { findProcedure } from '../catalog/procedure.repository.ts';
import { issueDossierCode } from '../dossier/dossier-code.ts';
import { appendEvent, insertDossier, insertDossierComponents } from '../dossier/dossier.repository.ts';
import type { Procedure } from '../catalog/procedure.ts';
import { recordConsent } from '../notifications/outbound-message.repository.ts';
import { recordUpload } from './upload.repository.ts';
import type { StoredFile } from './uploads.ts';

export const OTP_TTL_MINUTES = 10;
export const OTP_MAX_ATTEMPTS = 5;

export interface ApplicantInput {
  fullName: string;
  idNumber: string;
  phone: string;
  email: string | null;
  address: string;
}

export interface SubmissionData {
  applicant: ApplicantInput;
  /** The declaration form's free content ("nội dung đề nghị"), kept with the dossier. */
  request: string;
}

/** The same checks as at the counter (receive-dossier.ts), naming the field. */
export function checkApplicant(a: Partial<Record<keyof ApplicantInput, string | null>>): ApplicantInput {
  const fullName = (a.fullName ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
  if ([...fullName].length < 2) throw new DomainError('VALIDATION_ERROR', 'Họ tên người nộp (fullName) phải có ít nhất 2 ký tự.', { field: 'fullName' });
  const idNumber = (a.idNumber ?? '').trim();
  if (!isCitizenIdNumber(idNumber)) throw new DomainError('VALIDATION_ERROR', 'Số định danh cá nhân (idNumber) phải gồm đúng 12 chữ số.', { field: 'idNumber' });
  const phone = normalizePhone(a.phone ?? '');
  if (!phone) throw new DomainError('VALIDATION_ERROR', 'Số điện thoại (phone) không hợp lệ: cần số di động 10 chữ số.', { field: 'phone' });
  const email = (a.email ?? '').trim() || null;
  if (email !== null && !isEmail(email)) throw new DomainError('VALIDATION_ERROR', 'Địa chỉ thư điện tử (email) không hợp lệ.', { field: 'email' });
  const address = (a.address ?? '').normalize('NFC').trim();
  if (address.length < 3) throw new DomainError('VALIDATION_ERROR', 'Địa chỉ (address) không được để trống.', { field: 'address' });
  return { fullName, idNumber, phone, email, address };
}

export async function onlineProcedure(db: Kysely<Database>, code: string): Promise<Procedure> {
  const procedure = await findProcedure(db, code);
  if (!procedure) throw new DomainError('UNKNOWN_PROCEDURE', `Không có thủ tục mã ${code} (procedureCode).`, { field: 'procedureCode' });
  if (!procedure.channels.includes('online')) {
    throw new DomainError('CHANNEL_NOT_SUPPORTED', `Thủ tục "${procedure.name}" không tiếp nhận trực tuyến; xin mời nộp tại Bộ phận Một cửa.`, { field: 'procedureCode' });
  }
  return procedure;
}

/** Every required component is uploaded, nothing outside the procedure's list (Decree 61 Art 5(1)(đ)). */
export function checkComponents(procedure: Procedure, componentIds: number[]): void {
  const known = new Set(procedure.components.map((c) => c.id));
  const unknown = componentIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new DomainError('UNKNOWN_COMPONENT', `Thành phần hồ sơ ${unknown.join(', ')} không thuộc thủ tục "${procedure.name}".`, { field: `component_${unknown[0]}` });
  }
  const missing = procedure.components.filter((c) => isRequiredOn(c, 'online') && !componentIds.includes(c.id));
  if (missing.length > 0) {
    throw new DomainError('MISSING_COMPONENT', `Hồ sơ còn thiếu thành phần bắt buộc: ${missing.map((c) => `"${c.name}"`).join('; ')}.`, {
      field: `component_${missing[0]!.id}`,
      details: { missing: missing.map((c) => ({ id: c.id, name: c.name })) },
    });
  }
}

function otpHash(token: string, otp: string): string {
  return createHash('sha256').update(`${token}:${otp}`).digest('hex');
}

/** Stores the draft and its files; returns the one-time code to send (only its hash is kept). */
export async function startSubmission(
  db: Kysely<Database>,
  input: { procedure: Procedure; data: SubmissionData; contactChannel: 'sms' | 'email'; files: (StoredFile & { componentId: number })[] },
  now: Date,
): Promise<{ token: string; otp: string; expiresAt: string }> {
  const token = randomBytes(18).toString('base64url');
  const otp = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + OTP_TTL_MINUTES * 60_000).toISOString();
  const at = now.toISOString();
  const row = await db
    .insertInto('submission')
    .values({
      token,
      procedure_code: input.procedure.code,
      data: JSON.stringify(input.data),
      contact_channel: input.contactChannel,
      otp_hash: otpHash(token, otp),
      otp_expires_at: expiresAt,
      otp_attempts: 0,
      dossier_id: null,
      created_at: at,
      confirmed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const f of input.files) await recordUpload(db, { purpose: 'submission', submissionId: row.id }, f, at);
  return { token, otp, expiresAt };
}

/** A wrong code costs an attempt, recorded even though the confirmation fails. */
export async function checkOtp(db: Kysely<Database>, token: string, otp: string, now: Date) {
  const s = await db.selectFrom('submission').selectAll().where('token', '=', token).executeTakeFirst();
  if (!s) throw new DomainError('NOT_FOUND', 'Không tìm thấy hồ sơ nộp trực tuyến này; xin nộp lại.');
  if (s.otp_attempts >= OTP_MAX_ATTEMPTS) throw new DomainError('TOO_MANY_ATTEMPTS', 'Đã nhập sai mã quá 5 lần; xin nộp lại hồ sơ để nhận mã mới.');
  const ok = timingSafeEqual(Buffer.from(otpHash(token, otp)), Buffer.from(s.otp_hash));
  if (!ok) {
    await db.updateTable('submission').set({ otp_attempts: s.otp_attempts + 1 }).where('id', '=', s.id).execute();
    return { ok: false as const, left: OTP_MAX_ATTEMPTS - s.otp_attempts - 1 };
  }
  if (s.dossier_id === null && Date.parse(s.otp_expires_at) < now.getTime()) {
    throw new DomainError('CODE_EXPIRED', 'Mã xác nhận đã hết hạn; xin nộp lại hồ sơ để nhận mã mới.');
  }
  return { ok: true as const, submission: s };
}

/**
 * Creates the dossier in status `submitted` (online, awaiting receipt; DOMAIN.md 3.1): code issued now, the
 * legal clock starts only when reception accepts it (`receive`). Idempotent: a confirmed draft returns its dossier.
 */
export async function confirmSubmission(db: Kysely<Database>, submissionId: number, unitCode: string, now: Date): Promise<string> {
  const s = await db.selectFrom('submission').selectAll().where('id', '=', submissionId).executeTakeFirstOrThrow();
  if (s.dossier_id !== null) {
    return (await db.selectFrom('dossier').select('code').where('id', '=', s.dossier_id).executeTakeFirstOrThrow()).code;
  }
  const procedure = await onlineProcedure(db, s.procedure_code);
  const data = JSON.parse(s.data) as SubmissionData;
  const a = data.applicant;
  const code = await issueDossierCode(db, unitCode, now);
  const at = now.toISOString();
  const dossier = await insertDossier(db, {
    code,
    procedure_id: procedure.id,
    procedure_code: procedure.code,
    procedure_name: procedure.name,
    channel: 'online',
    status: 'submitted',
    resume_status: null,
    applicant_name: a.fullName,
    applicant_id_number: a.idNumber,
    applicant_phone: a.phone,
    applicant_email: a.email,
    applicant_address: a.address,
    search_folded: fold(`${code} ${a.fullName} ${a.idNumber} ${a.phone} ${procedure.name}`),
    division_id: procedure.divisionId,
    handler_id: null,
    approver_role: procedure.steps.find((x) => x.stage === 'approval')?.role ?? 'leader',
    current_stage: null,
    submitted_at: at,
    received_at: null,
    received_by: null,
    time_value: procedure.timeLimit.value,
    time_unit: procedure.timeLimit.unit,
    clock_start_at: null,
    due_at: null,
    original_due_at: null,
    extended_due_at: null,
    due_explanation: null,
    result_ready_at: null,
    returned_at: null,
    closed_at: null,
    supplement_count: 0,
    extension_count: 0,
    apology_status: null,
    version: 1,
    created_at: at,
    updated_at: at,
  });
  const uploads = await db.selectFrom('upload').select(['component_id']).where('submission_id', '=', s.id).execute();
  await insertDossierComponents(db, dossier.id, [...new Set(uploads.map((u) => u.component_id))]);
  await db.updateTable('upload').set({ dossier_id: dossier.id }).where('submission_id', '=', s.id).execute();
  await db.updateTable('submission').set({ dossier_id: dossier.id, confirmed_at: at }).where('id', '=', s.id).execute();
  await appendEvent(db, {
    dossierId: dossier.id,
    seq: 1,
    action: 'submit',
    fromStatus: null,
    toStatus: 'submitted',
    actorId: null,
    actorRole: 'applicant',
    actorName: a.fullName,
    at,
    reason: null,
    payload: { channel: 'online', procedureCode: procedure.code, divisionId: procedure.divisionId, components: uploads.map((u) => u.component_id), request: data.request, confirmedBy: s.contact_channel },
    requestId: `submission:${s.token}`,
  });
  // The applicant asked to be told through the channel they confirmed with (consent, DOMAIN.md 17.8).
  const address = s.contact_channel === 'email' ? a.email : a.phone;
  if (address) await recordConsent(db, { channel: s.contact_channel as 'sms' | 'email', address, status: 'granted', source: 'online-submission' }, now);
  await appendAudit(db, null, 'dossier.submitted_online', 'dossier', code, { submission: s.id }, now);
  return code;
}
