import type { Kysely } from 'kysely';
import { DomainError } from '../../../domain/errors.ts';
import type { ComponentKind, FeeSeed, Role, Stage, TimeLimit } from '../../../domain/procedure/procedure.ts';
import { fold } from '../../../domain/text.ts';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { getProcedure } from './procedure.repository.ts';
import type { Procedure } from './procedure.ts';

export interface ProcedureEdit {
  name: string;
  timeLimit: TimeLimit;
  timeLimitNote: string | null;
  fees: FeeSeed[];
  legalBasis: string[];
  result: string;
  isActive?: boolean;
  /** Components with an `id` are updated in place; without one they are added; missing ones are removed. */
  components: { id?: number; name: string; kind: ComponentKind; count: number; isMandatory: boolean; condition: string | null; form: string | null }[];
  steps: { stage: Stage; role: Role; name: string; hours: number }[];
}

/**
 * Edits a procedure of the ward's catalog (admin). Dossiers already received keep the time limit and the
 * appointment written on their receipt (Decree 61/2018 Art 19); internal steps not yet opened follow the
 * edited process. A component already ticked on a dossier cannot be removed, only renamed.
 */
export async function updateProcedure(db: Kysely<Database>, actor: Actor, code: string, edit: ProcedureEdit, now: Date): Promise<Procedure> {
  const before = await getProcedure(db, code);
  const { unit, value } = edit.timeLimit;
  if (unit === 'same_day' ? value !== null : value === null || !(value > 0)) {
    throw new DomainError('VALIDATION_ERROR', 'Thời hạn giải quyết (timeLimit.value) phải là số dương, hoặc để trống khi giải quyết trong ngày.', {
      field: 'timeLimit.value',
    });
  }
  // Calendar-day limits count whole days (Civil Code 2015 Arts 144–148; WorkingCalendar refuses fractions).
  if (unit === 'days' && !Number.isInteger(value)) {
    throw new DomainError('VALIDATION_ERROR', 'Thời hạn tính theo ngày (timeLimit.value) phải là số ngày nguyên.', { field: 'timeLimit.value' });
  }
  const ids = new Set(before.components.map((c) => c.id));
  for (const c of edit.components) {
    if (c.id !== undefined && !ids.has(c.id)) {
      throw new DomainError('UNKNOWN_COMPONENT', `Thành phần hồ sơ số ${c.id} không thuộc thủ tục ${code}.`, { field: 'components' });
    }
  }
  const kept = new Set(edit.components.flatMap((c) => (c.id === undefined ? [] : [c.id])));
  const removed = before.components.filter((c) => !kept.has(c.id)).map((c) => c.id);
  if (removed.length > 0) {
    const used = await db.selectFrom('dossier_component').select('component_id').where('component_id', 'in', removed).executeTakeFirst();
    if (used) {
      throw new DomainError('CONFLICT', 'Không thể xóa thành phần hồ sơ đã được tiếp nhận trong hồ sơ; hãy sửa tên hoặc đặt là không bắt buộc.', {
        field: 'components',
      });
    }
    await db.deleteFrom('procedure_component').where('id', 'in', removed).execute();
  }
  for (const [i, c] of edit.components.entries()) {
    const values = {
      position: i + 1,
      name: c.name.normalize('NFC').trim(),
      kind: c.kind,
      count: c.count,
      is_mandatory: c.isMandatory ? 1 : 0,
      condition: c.condition,
      form: c.form,
    };
    if (c.id === undefined) await db.insertInto('procedure_component').values({ procedure_id: before.id, ...values }).execute();
    else await db.updateTable('procedure_component').set(values).where('id', '=', c.id).execute();
  }
  await db.deleteFrom('procedure_step').where('procedure_id', '=', before.id).execute();
  if (edit.steps.length > 0) {
    await db
      .insertInto('procedure_step')
      .values(edit.steps.map((s, i) => ({ procedure_id: before.id, position: i + 1, stage: s.stage, role: s.role, name: s.name, hours: s.hours })))
      .execute();
  }
  const name = edit.name.normalize('NFC').trim();
  await db
    .updateTable('procedure')
    .set({
      name,
      name_folded: fold(name),
      time_value: value,
      time_unit: unit,
      time_note: edit.timeLimitNote,
      fees: JSON.stringify(edit.fees),
      legal_basis: JSON.stringify(edit.legalBasis),
      result: edit.result,
      ...(edit.isActive === undefined ? {} : { is_active: edit.isActive ? 1 : 0 }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', before.id)
    .execute();
  const after = await getProcedure(db, code);
  const strip = ({ id: _id, divisionId: _d, ...rest }: Procedure) => rest;
  await appendAudit(db, actor, 'procedure.update', 'procedure', code, { before: strip(before), after: strip(after) }, now);
  return after;
}
