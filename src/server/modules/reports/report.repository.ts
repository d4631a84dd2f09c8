import type { Kysely } from 'kysely';
import type { DueChange, ReportDossier } from '../../../domain/report/bieu06.ts';
import type { Database } from '../../db/schema.ts';

const CHUNK = 500;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/**
 * Dossiers that matter for a period [start, end): received before its end and not finished before its start
 * (finished = result_ready_at, else closed_at). With `start` null: every received dossier up to `end`.
 * Due-date history comes from the event log (receive / receive_supplement set the legal appointment,
 * extend_deadline the extended one), so a past period is counted with the appointment in force back then.
 */
export async function listReportDossiers(db: Kysely<Database>, start: string | null, end: string): Promise<ReportDossier[]> {
  let q = db
    .selectFrom('dossier as d')
    .innerJoin('procedure as p', 'p.id', 'd.procedure_id')
    .select([
      'd.id',
      'd.code',
      'd.procedure_code',
      'd.procedure_name',
      'p.field',
      'd.division_id',
      'd.handler_id',
      'd.channel',
      'd.status',
      'd.received_at',
      'd.result_ready_at',
      'd.closed_at',
      'd.returned_at',
      'd.supplement_count',
      'd.extension_count',
    ])
    .where('d.received_at', 'is not', null)
    .where('d.received_at', '<', end);
  if (start !== null) {
    const s = start;
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('d.result_ready_at', 'is', null), eb('d.closed_at', 'is', null)]),
        eb('d.result_ready_at', '>=', s),
        eb.and([eb('d.result_ready_at', 'is', null), eb('d.closed_at', '>=', s)]),
      ]),
    );
  }
  const rows = await q.orderBy('d.id').execute();
  const ids = rows.map((r) => r.id);
  const dues = new Map<number, DueChange[]>();
  const pauses = new Map<number, { startedAt: string; endedAt: string | null }[]>();
  for (const part of chunks(ids)) {
    const events = await db
      .selectFrom('dossier_event')
      .select(['dossier_id', 'action', 'at', 'payload', 'seq'])
      .where('dossier_id', 'in', part)
      .where('action', 'in', ['receive', 'receive_supplement', 'extend_deadline'])
      .orderBy('dossier_id')
      .orderBy('seq')
      .execute();
    for (const e of events) {
      const payload = JSON.parse(e.payload) as { dueAt?: string; newDueAt?: string };
      const dueAt = e.action === 'extend_deadline' ? payload.newDueAt : payload.dueAt;
      if (!dueAt) continue;
      const list = dues.get(e.dossier_id) ?? [];
      list.push({ at: e.at, dueAt, kind: e.action === 'extend_deadline' ? 'extension' : 'legal' });
      dues.set(e.dossier_id, list);
    }
    const ps = await db.selectFrom('dossier_pause').select(['dossier_id', 'started_at', 'ended_at']).where('dossier_id', 'in', part).execute();
    for (const p of ps) {
      const list = pauses.get(p.dossier_id) ?? [];
      list.push({ startedAt: p.started_at, endedAt: p.ended_at });
      pauses.set(p.dossier_id, list);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    field: r.field,
    divisionId: r.division_id,
    handlerId: r.handler_id,
    channel: r.channel,
    status: r.status,
    receivedAt: r.received_at as string,
    finishedAt: r.result_ready_at ?? r.closed_at,
    returnedAt: r.returned_at,
    dues: dues.get(r.id) ?? [],
    pauses: pauses.get(r.id) ?? [],
    supplementCount: r.supplement_count,
    extensionCount: r.extension_count,
  }));
}
