import { isCitizenIdNumber, isEmail, normalizePhone } from '../../../domain/applicant.ts';
import { DomainError } from '../../../domain/errors.ts';
import { isRequiredOn } from '../../../domain/procedure/components.ts';
import type { Channel } from '../../../domain/procedure/procedure.ts';
import { fold } from '../../../domain/text.ts';
import type { Actor } from '../auth/actor.ts';
import { findProcedure } from '../catalog/procedure.repository.ts';
import { onDossierChange } from '../notifications/on-dossier-change.ts';
import { issueDossierCode } from './dossier-code.ts';
import { handOver } from './dossier-steps.ts';
import type { Dossier } from './dossier.ts';
import { appendEvent, insertDossier, insertDossierComponents } from './dossier.repository.ts';
import type { DossierDeps } from './use-case.ts';
import { enqueueJob } from '../../jobs/job.repository.ts';

export interface ReceiveDossierInput {
  procedureCode: string;
  channel: Channel;
  applicant: { fullName: string; idNumber: string; phone: string; email?: string | null | undefined; address: string };
  submittedComponents: number[];
}

/**
 * Receive a complete dossier at the one-stop: check it against the catalog, issue its code and its legal
 * appointment (Decree 61 Art 17(1)(c), Decree 118 Art 17; DOMAIN.md 3.4, 17.3), open the reception step.
 */
export async function receiveDossier(
  deps: DossierDeps,
  actor: Actor,
  input: ReceiveDossierInput,
  requestId: string | null,
): Promise<Dossier> {
  const { db, clock, calendar } = deps;
  const fullName = input.applicant.fullName.normalize('NFC').trim().replace(/\s+/g, ' ');
  const address = input.applicant.address.normalize('NFC').trim();
  if ([...fullName].length < 2) {
    throw new DomainError('VALIDATION_ERROR', 'Họ tên người nộp (applicant.fullName) phải có ít nhất 2 ký tự.', { field: 'applicant.fullName' });
  }
  if (!isCitizenIdNumber(input.applicant.idNumber)) {
    throw new DomainError('VALIDATION_ERROR', 'Số định danh cá nhân (applicant.idNumber) phải gồm đúng 12 chữ số.', {
      field: 'applicant.idNumber',
    });
  }
  const phone = normalizePhone(input.applicant.phone);
  if (!phone) {
    throw new DomainError(
      'VALIDATION_ERROR',
      'Số điện thoại (applicant.phone) không hợp lệ: cần số di động 10 chữ số (03x, 05x, 07x, 08x, 09x) hoặc số cố định 11 chữ số (02x), có thể bắt đầu bằng +84.',
      { field: 'applicant.phone' },
    );
  }
  const email = input.applicant.email?.trim() || null;
  if (email !== null && !isEmail(email)) {
    throw new DomainError('VALIDATION_ERROR', 'Địa chỉ thư điện tử (applicant.email) không hợp lệ.', { field: 'applicant.email' });
  }
  if (address.length < 3) {
    throw new DomainError('VALIDATION_ERROR', 'Địa chỉ (applicant.address) không được để trống.', { field: 'applicant.address' });
  }

  const procedure = await findProcedure(db, input.procedureCode);
  if (!procedure) {
    throw new DomainError('UNKNOWN_PROCEDURE', `Không có thủ tục mã ${input.procedureCode} trong danh mục của phường.`, {
      field: 'procedureCode',
    });
  }
  if (!procedure.channels.includes(input.channel)) {
    throw new DomainError('CHANNEL_NOT_SUPPORTED', `Thủ tục "${procedure.name}" không tiếp nhận qua kênh này (channel).`, {
      field: 'channel',
      details: { allowed: procedure.channels },
    });
  }
  const submitted = [...new Set(input.submittedComponents)];
  const known = new Set(procedure.components.map((c) => c.id));
  const unknown = submitted.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new DomainError('UNKNOWN_COMPONENT', `Thành phần hồ sơ ${unknown.join(', ')} không thuộc thủ tục "${procedure.name}".`, {
      field: 'submittedComponents',
      details: { unknown },
    });
  }
  const missing = procedure.components.filter((c) => isRequiredOn(c, input.channel) && !submitted.includes(c.id));
  if (missing.length > 0) {
    throw new DomainError('MISSING_COMPONENT', `Hồ sơ còn thiếu thành phần bắt buộc: ${missing.map((c) => `"${c.name}"`).join('; ')}.`, {
      field: 'submittedComponents',
      details: { missing: missing.map((c) => ({ id: c.id, name: c.name })) },
    });
  }

  const now = clock.now();
  const due = calendar.dueDate(now, procedure.timeLimit);
  const code = await issueDossierCode(db, deps.unitCode, now);
  const at = now.toISOString();
  const dossier = await insertDossier(db, {
    code,
    procedure_id: procedure.id,
    procedure_code: procedure.code,
    procedure_name: procedure.name,
    channel: input.channel,
    status: 'received',
    resume_status: null,
    applicant_name: fullName,
    applicant_id_number: input.applicant.idNumber,
    applicant_phone: phone,
    applicant_email: email,
    applicant_address: address,
    search_folded: fold(`${code} ${fullName} ${input.applicant.idNumber} ${phone} ${procedure.name}`),
    division_id: procedure.divisionId,
    handler_id: null,
    approver_role: procedure.steps.find((s) => s.stage === 'approval')?.role ?? 'leader',
    current_stage: 'reception',
    submitted_at: at,
    received_at: at,
    received_by: actor.id,
    time_value: procedure.timeLimit.value,
    time_unit: procedure.timeLimit.unit,
    clock_start_at: due.startAt,
    due_at: due.dueAt,
    original_due_at: due.dueAt,
    extended_due_at: null,
    due_explanation: JSON.stringify(due.explanation),
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
  await insertDossierComponents(db, dossier.id, submitted);
  await appendEvent(db, {
    dossierId: dossier.id,
    seq: 1,
    action: 'receive',
    fromStatus: null,
    toStatus: 'received',
    actorId: actor.id,
    actorRole: actor.role,
    actorName: actor.fullName,
    at,
    reason: null,
    payload: {
      channel: input.channel,
      procedureCode: procedure.code,
      divisionId: procedure.divisionId,
      components: submitted,
      dueAt: due.dueAt,
      clockStartAt: due.startAt,
      timeLimit: procedure.timeLimit,
    },
    requestId,
  });
  await handOver(db, calendar, {
    dossierId: dossier.id,
    from: null,
    to: 'reception',
    force: true,
    at: now,
    dossierDueAt: due.dueAt,
    procedureSteps: procedure.steps,
    divisionId: procedure.divisionId,
    handlerId: null,
    first: true,
  });
  // The deadline watch evaluates the new dossier at once (outbox: the job exists iff the receipt commits).
  await enqueueJob(db, { kind: 'deadline.evaluate', payload: { dossierId: dossier.id }, dedupeKey: `deadline.evaluate:${dossier.id}:${dossier.version}` }, now);
  await onDossierChange(db, { dossier, action: 'receive', seq: 1, reason: null, actorId: actor.id }, now);
  return dossier;
}
