import type { WorkingCalendar } from '../../../domain/calendar/working-calendar.ts';
import { classify } from '../../../domain/dossier/timeliness.ts';
import type { Stage } from '../../../domain/procedure/procedure.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ProcedureStep } from '../catalog/procedure.ts';
import { closeOpenStep, openStep } from './dossier.repository.ts';

/**
 * Hand-over between internal stages: the open step closes and is classified early / on time / late
 * against its own deadline, and the next stage opens with the working hours the procedure's internal
 * process allocates to it (DOMAIN.md 3.9, 4.6). A stage with no hours (returning the result) is due at
 * the dossier's appointment.
 */
export async function handOver(
  db: Kysely<Database>,
  calendar: WorkingCalendar,
  p: {
    dossierId: number;
    from: Stage | null;
    to: Stage | null;
    force: boolean;
    at: Date;
    dossierDueAt: string | null;
    procedureSteps: ProcedureStep[];
    divisionId: number | null;
    handlerId: number | null;
    /** The dossier's first step (its receipt): no step to close, position 1. */
    first?: boolean;
  },
): Promise<void> {
  if (p.from === p.to && !p.force) return;
  const at = p.at.toISOString();
  if (!p.first) await closeOpenStep(db, p.dossierId, at, (dueAt) => classify(at, dueAt));
  if (p.to === null) return;
  const steps = p.procedureSteps.filter((s) => s.stage === p.to);
  const hours = steps.reduce((sum, s) => sum + s.hours, 0);
  const name = steps.length > 0 ? steps.map((s) => s.name).join('; ') : DEFAULT_STEP_NAME[p.to];
  const role = steps[0]?.role ?? DEFAULT_STEP_ROLE[p.to];
  let dueAt: string;
  if (hours > 0) {
    const start = calendar.clockStart(p.at).startAt;
    dueAt = calendar.addWorkingMinutes(start, Math.round(hours * 60)).toISOString();
  } else {
    dueAt = p.dossierDueAt ?? at;
  }
  await openStep(db, {
    dossierId: p.dossierId,
    stage: p.to,
    name,
    role,
    divisionId: p.to === 'reception' || p.to === 'return' ? null : p.divisionId,
    handlerId: p.handlerId,
    startedAt: at,
    dueAt,
    position: p.first ? 1 : undefined,
  });
}

const DEFAULT_STEP_NAME: Record<Stage, string> = {
  reception: 'Tiếp nhận, số hóa, chuyển hồ sơ',
  assignment: 'Phân công xử lý',
  processing: 'Thẩm định, xử lý hồ sơ',
  approval: 'Lãnh đạo UBND phường phê duyệt, ký',
  issuance: 'Vào sổ, đóng dấu, chuyển kết quả về Một cửa',
  return: 'Trả kết quả',
};

const DEFAULT_STEP_ROLE: Record<Stage, string> = {
  reception: 'reception',
  assignment: 'division_head',
  processing: 'specialist',
  approval: 'leader',
  issuance: 'specialist',
  return: 'reception',
};
