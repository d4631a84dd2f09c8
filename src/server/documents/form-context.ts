import type { Kysely } from 'kysely';
import type { Outcome } from '../../domain/dossier/timeliness.ts';
import type { Status } from '../../domain/dossier/workflow.ts';
import type { Database } from '../db/schema.ts';
import { getProcedure } from '../modules/catalog/procedure.repository.ts';
import { getDossier, listDossierComponentIds, listEvents, listSteps } from '../modules/dossier/dossier.repository.ts';
import { readSetting } from '../modules/settings.repository.ts';
import type { FormContext, Unit } from './forms.ts';

const UNIT_FALLBACK: Unit = { code: 'MOTCUA', name: 'Phường', committeeName: 'Ủy ban nhân dân phường', centreName: 'Bộ phận Một cửa', province: '', address: '', phone: '' };

export async function loadUnit(db: Kysely<Database>): Promise<Unit> {
  return { ...UNIT_FALLBACK, ...(await readSetting<Partial<Unit>>(db, 'ward')) };
}

/** Where the QR code on the receipt points: the public lookup page (setting `publicBaseUrl`). */
export async function publicLookupUrl(db: Kysely<Database>, code: string): Promise<string> {
  const base = (await readSetting<string>(db, 'publicBaseUrl')) ?? 'http://localhost:3000';
  return `${base.replace(/\/$/, '')}/tra-cuu?ma=${encodeURIComponent(code)}`;
}

export function timeLimitText(t: { value: number | null; unit: string }): string {
  switch (t.unit) {
    case 'working_days':
      return `${String(t.value).replace('.', ',')} ngày làm việc`;
    case 'working_hours':
      return `${t.value} giờ làm việc`;
    case 'days':
      return `${t.value} ngày`;
    default:
      return 'Trong ngày';
  }
}

const STAGE_GIVER: Record<string, string> = {
  reception: 'Bộ phận Một cửa',
  assignment: 'Lãnh đạo phòng chuyên môn',
  processing: 'Chuyên viên xử lý',
  approval: 'Lãnh đạo UBND',
  issuance: 'Văn thư',
  return: 'Bộ phận Một cửa',
};

/** Everything a dossier's forms print, read in one place; the view models stay pure. */
export async function loadFormContext(db: Kysely<Database>, code: string, now: Date): Promise<FormContext> {
  const d = await getDossier(db, code);
  const [procedure, events, steps, componentIds, unit, division, staff, apology, supplement] = await Promise.all([
    getProcedure(db, d.procedureCode),
    listEvents(db, d.id),
    listSteps(db, d.id),
    listDossierComponentIds(db, d.id),
    loadUnit(db),
    db.selectFrom('division').select(['name']).where('id', '=', d.divisionId).executeTakeFirst(),
    db.selectFrom('staff_user').select(['id', 'full_name']).execute(),
    db.selectFrom('apology').selectAll().where('dossier_id', '=', d.id).executeTakeFirst(),
    db.selectFrom('supplement_request').selectAll().where('dossier_id', '=', d.id).orderBy('seq', 'desc').executeTakeFirst(),
  ]);
  const names = new Map(staff.map((s) => [s.id, s.full_name]));
  const refuse = [...events].reverse().find((e) => e.action === 'refuse');
  const stop = [...events].reverse().find((e) => e.action === 'stop' || e.action === 'withdraw');
  const stepRows = steps.map((s, i) => ({
    name: s.name,
    stage: s.stage,
    giver: i === 0 ? 'Người nộp hồ sơ' : (STAGE_GIVER[steps[i - 1]!.stage] ?? steps[i - 1]!.stage),
    receiver: (s.handlerId !== null ? names.get(s.handlerId) : undefined) ?? STAGE_GIVER[s.stage] ?? s.stage,
    startedAt: s.startedAt,
    dueAt: s.dueAt,
    completedAt: s.completedAt,
    outcome: s.outcome as Outcome | null,
  }));
  return {
    unit,
    now: now.toISOString(),
    publicLookupUrl: await publicLookupUrl(db, d.code),
    dossier: {
      code: d.code,
      procedureName: d.procedureName,
      procedureCode: d.procedureCode,
      status: d.status,
      applicant: d.applicant,
      receivedAt: d.receivedAt,
      submittedAt: d.submittedAt,
      dueAt: d.dueAt,
      originalDueAt: d.originalDueAt,
      extendedDueAt: d.extendedDueAt,
      resultReadyAt: d.resultReadyAt,
      returnedAt: d.returnedAt,
      timeLimitText: timeLimitText(d.timeLimit),
      channel: d.channel,
      divisionName: division?.name ?? '',
    },
    receivedByName: d.receivedBy !== null ? (names.get(d.receivedBy) ?? null) : null,
    components: procedure.components.filter((c) => componentIds.includes(c.id)).map((c) => ({ name: c.name, kind: c.kind, count: c.count })),
    steps: stepRows,
    supplement: supplement
      ? {
          items: (JSON.parse(supplement.items) as { name: string; note: string | null }[]).map((i) => ({ name: i.name, note: i.note })),
          note: supplement.note,
          requestedAt: supplement.requested_at,
          requestedByName: names.get(supplement.requested_by) ?? '',
          clockRule: supplement.clock_rule,
        }
      : null,
    refusal: refuse
      ? {
          reasons: Array.isArray(refuse.payload.reasons) ? (refuse.payload.reasons as string[]) : [refuse.reason ?? ''],
          at: refuse.at,
          actorName: refuse.actorName,
          stage: String(refuse.payload.stage ?? (refuse.fromStatus === 'processing' ? 'appraisal' : 'counter')),
        }
      : null,
    stop: stop ? { reason: stop.reason ?? '', at: stop.at, actorName: stop.actorName, statusAtStop: (stop.fromStatus ?? 'received') as Status } : null,
    apology: apology
      ? {
          number: apology.number,
          reason: apology.reason,
          previousDueAt: apology.previous_due_at,
          newDueAt: apology.new_due_at,
          signedAt: apology.signed_at,
          signerName: apology.signed_by !== null ? (names.get(apology.signed_by) ?? null) : null,
          signerTitle: apology.signer_title,
        }
      : null,
  };
}
