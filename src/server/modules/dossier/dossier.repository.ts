import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { ApologyStatus, Status } from '../../../domain/dossier/workflow.ts';
import { DomainError, notFound } from '../../../domain/errors.ts';
import type { Channel, Role, Stage, TimeUnit } from '../../../domain/procedure/procedure.ts';
import type { Database, DossierTable } from '../../db/schema.ts';
import type { PublicSupplement } from './dossier.presenter.ts';
import { chainRow } from '../audit/chain.ts';
import type { Dossier, DossierEvent, DossierStep } from './dossier.ts';

type Row = Selectable<DossierTable>;

function toDossier(r: Row): Dossier {
  return {
    id: r.id,
    code: r.code,
    procedureId: r.procedure_id,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    channel: r.channel as Channel,
    status: r.status as Status,
    resumeStatus: r.resume_status as Status | null,
    applicant: {
      fullName: r.applicant_name,
      idNumber: r.applicant_id_number,
      phone: r.applicant_phone,
      email: r.applicant_email,
      address: r.applicant_address,
    },
    divisionId: r.division_id,
    handlerId: r.handler_id,
    approverRole: r.approver_role as Role,
    currentStage: r.current_stage as Stage | null,
    submittedAt: r.submitted_at,
    receivedAt: r.received_at,
    receivedBy: r.received_by,
    timeLimit: { value: r.time_value, unit: r.time_unit as TimeUnit },
    clockStartAt: r.clock_start_at,
    dueAt: r.due_at,
    originalDueAt: r.original_due_at,
    extendedDueAt: r.extended_due_at,
    dueExplanation: r.due_explanation ? JSON.parse(r.due_explanation) : null,
    resultReadyAt: r.result_ready_at,
    returnedAt: r.returned_at,
    closedAt: r.closed_at,
    supplementCount: r.supplement_count,
    extensionCount: r.extension_count,
    apologyStatus: (r.apology_status ?? null) as ApologyStatus | null,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findDossier(db: Kysely<Database>, code: string): Promise<Dossier | undefined> {
  const r = await db.selectFrom('dossier').selectAll().where('code', '=', code).executeTakeFirst();
  return r ? toDossier(r) : undefined;
}

/**
 * The latest supplement request (issue 4's form 02) not yet received, with the time of the applicant's online
 * upload against it, if any (the online supplement page; the public lookup reads the same row in its one statement).
 */
export async function findPendingSupplement(db: Kysely<Database>, dossierId: number): Promise<(PublicSupplement & { id: number }) | null> {
  const r = await db
    .selectFrom('supplement_request')
    .select(['id', 'items', 'note', 'requested_at', 'uploaded_at', 'received_at'])
    .where('dossier_id', '=', dossierId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!r || r.received_at !== null) return null;
  const items = JSON.parse(r.items) as { componentId: number | null; name: string; note: string | null }[];
  return {
    id: r.id,
    requestedAt: r.requested_at,
    note: r.note,
    items: items.map((i) => ({ componentId: i.componentId, name: i.name, note: i.note })),
    uploadedAt: r.uploaded_at ?? null,
  };
}

export async function getDossier(db: Kysely<Database>, code: string): Promise<Dossier> {
  const d = await findDossier(db, code);
  if (!d) throw notFound(`hồ sơ có mã ${code}`);
  return d;
}

/** A new dossier has no Biểu 06 projection yet (migration 0070: written by perform-action when it changes). */
type ReportProjection = 'finished_at' | 'outcome_original' | 'outcome_extended' | 'paused_since' | 'due_changed_at';

export async function insertDossier(db: Kysely<Database>, values: Omit<DossierTable, 'id' | ReportProjection>): Promise<Dossier> {
  const r = await db.insertInto('dossier').values(values).returningAll().executeTakeFirstOrThrow();
  return toDossier(r);
}

/** Optimistic update of the projection: a concurrent change makes this fail with 409, never a lost update. */
export async function updateDossier(
  db: Kysely<Database>,
  dossier: Dossier,
  patch: Updateable<DossierTable>,
): Promise<Dossier> {
  const r = await db
    .updateTable('dossier')
    .set({ ...patch, version: dossier.version + 1 })
    .where('id', '=', dossier.id)
    .where('version', '=', dossier.version)
    .returningAll()
    .executeTakeFirst();
  if (!r) {
    throw new DomainError('CONFLICT', 'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại.');
  }
  return toDossier(r);
}

export async function insertDossierComponents(db: Kysely<Database>, dossierId: number, componentIds: number[]): Promise<void> {
  if (componentIds.length === 0) return;
  await db
    .insertInto('dossier_component')
    .values(componentIds.map((component_id) => ({ dossier_id: dossierId, component_id })))
    .execute();
}

export async function listDossierComponentIds(db: Kysely<Database>, dossierId: number): Promise<number[]> {
  const rows = await db.selectFrom('dossier_component').select('component_id').where('dossier_id', '=', dossierId).execute();
  return rows.map((r) => r.component_id).sort((a, b) => a - b);
}

export interface NewEvent {
  dossierId: number;
  seq: number;
  action: string;
  fromStatus: Status | null;
  toStatus: Status;
  actorId: number | null;
  actorRole: string;
  actorName: string;
  at: string;
  reason: string | null;
  payload: Record<string, unknown>;
  requestId: string | null;
}

export async function appendEvent(db: Kysely<Database>, e: NewEvent): Promise<void> {
  const row = await db
    .insertInto('dossier_event')
    .values({
      dossier_id: e.dossierId,
      seq: e.seq,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      actor_id: e.actorId,
      actor_role: e.actorRole,
      actor_name: e.actorName,
      at: e.at,
      reason: e.reason,
      payload: JSON.stringify(e.payload),
      request_id: e.requestId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await chainRow(db, 'dossier_event', row, new Date(e.at));
}

export async function findEventByRequestId(db: Kysely<Database>, requestId: string): Promise<{ dossierId: number; action: string } | undefined> {
  const r = await db.selectFrom('dossier_event').select(['dossier_id', 'action']).where('request_id', '=', requestId).executeTakeFirst();
  return r ? { dossierId: r.dossier_id, action: r.action } : undefined;
}

export async function listEvents(db: Kysely<Database>, dossierId: number): Promise<DossierEvent[]> {
  const rows = await db.selectFrom('dossier_event').selectAll().where('dossier_id', '=', dossierId).orderBy('seq').execute();
  return rows.map((r) => ({
    seq: r.seq,
    action: r.action,
    fromStatus: r.from_status as Status | null,
    toStatus: r.to_status as Status,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorName: r.actor_name,
    at: r.at,
    reason: r.reason,
    payload: JSON.parse(r.payload),
  }));
}

export async function listSteps(db: Kysely<Database>, dossierId: number): Promise<DossierStep[]> {
  const rows = await db.selectFrom('dossier_step').selectAll().where('dossier_id', '=', dossierId).orderBy('position').execute();
  return rows.map((r) => ({
    position: r.position,
    stage: r.stage as Stage,
    name: r.name,
    role: r.role,
    divisionId: r.division_id,
    handlerId: r.handler_id,
    startedAt: r.started_at,
    dueAt: r.due_at,
    completedAt: r.completed_at,
    outcome: r.outcome as DossierStep['outcome'],
  }));
}

export async function closeOpenStep(db: Kysely<Database>, dossierId: number, at: string, classify: (dueAt: string) => string): Promise<void> {
  const open = await db
    .selectFrom('dossier_step')
    .select(['id', 'due_at'])
    .where('dossier_id', '=', dossierId)
    .where('completed_at', 'is', null)
    .execute();
  for (const s of open) {
    await db.updateTable('dossier_step').set({ completed_at: at, outcome: classify(s.due_at) }).where('id', '=', s.id).execute();
  }
}

export async function openStep(
  db: Kysely<Database>,
  step: { dossierId: number; stage: Stage; name: string; role: string; divisionId: number | null; handlerId: number | null; startedAt: string; dueAt: string; position?: number | undefined },
): Promise<void> {
  const last =
    step.position === undefined
      ? await db
          .selectFrom('dossier_step')
          .select((eb) => eb.fn.max('position').as('max'))
          .where('dossier_id', '=', step.dossierId)
          .executeTakeFirst()
      : { max: step.position - 1 };
  await db
    .insertInto('dossier_step')
    .values({
      dossier_id: step.dossierId,
      position: Number(last?.max ?? 0) + 1,
      stage: step.stage,
      name: step.name,
      role: step.role,
      division_id: step.divisionId,
      handler_id: step.handlerId,
      started_at: step.startedAt,
      due_at: step.dueAt,
      completed_at: null,
      outcome: null,
    })
    .execute();
}

/** Next number of the day for dossier codes (Circular 01/2018 Art 19; Circular 03/2025 Art 13): atomic on both dialects. */
export async function nextDailySequence(db: Kysely<Database>, day: string): Promise<number> {
  const r = await db
    .insertInto('day_sequence')
    .values({ day, last: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ last: eb('day_sequence.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export interface DossierFilter {
  statuses?: Status[];
  divisionId?: number;
  handlerId?: number;
  dueBefore?: string;
  /** Deadline watch: open dossiers (clock running) due in [dueFrom, dueTo). */
  risk?: { dueFrom?: string; dueTo?: string; forecastLate?: boolean };
  text?: string;
  limit: number;
  offset: number;
}

export async function listDossiers(db: Kysely<Database>, f: DossierFilter): Promise<{ total: number; items: Dossier[] }> {
  let q = db.selectFrom('dossier');
  if (f.statuses && f.statuses.length > 0) q = q.where('status', 'in', f.statuses);
  if (f.divisionId !== undefined) q = q.where('division_id', '=', f.divisionId);
  if (f.handlerId !== undefined) q = q.where('handler_id', '=', f.handlerId);
  if (f.dueBefore) q = q.where('due_at', '<', f.dueBefore);
  if (f.risk) {
    q = q.where('closed_at', 'is', null).where('result_ready_at', 'is', null).where('status', '!=', 'supplement_requested').where('due_at', 'is not', null);
    if (f.risk.dueFrom) q = q.where('due_at', '>=', f.risk.dueFrom);
    if (f.risk.dueTo) q = q.where('due_at', '<', f.risk.dueTo);
    if (f.risk.forecastLate) {
      q = q.where((eb) =>
        eb.exists(eb.selectFrom('deadline_warning').select('deadline_warning.id').whereRef('deadline_warning.dossier_id', '=', 'dossier.id').whereRef('deadline_warning.due_at', '=', 'dossier.due_at').where('deadline_warning.level', '=', 'forecast_late')),
      );
    }
  }
  if (f.text) {
    for (const w of f.text.split(' ').filter(Boolean)) {
      q = q.where('search_folded', 'like', `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
  }
  const [{ total }] = (await q.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await q
    .selectAll()
    // Dossiers with no appointment yet (online, awaiting receipt) come last.
    .orderBy((eb) => eb.case().when('due_at', 'is', null).then(1).else(0).end())
    .orderBy('due_at')
    .orderBy('id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total), items: rows.map(toDossier) };
}
