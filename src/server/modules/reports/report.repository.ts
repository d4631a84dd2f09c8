import { type ExpressionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';
import type { DueChange, ReportDossier } from '../../../domain/report/bieu06.ts';
import type { Database } from '../../db/schema.ts';
import { payloadText } from './bieu06.sql.ts';

type InScope = ExpressionBuilder<Database & { d: Database['dossier'] }, 'd'>;

/** Received before `end` and not finished before `start` (finished = result_ready_at, else closed_at). */
function inScope(eb: InScope, start: string | null, end: string) {
  const received = [eb('d.received_at', 'is not', null), eb('d.received_at', '<', end)];
  if (start === null) return eb.and(received);
  return eb.and([
    ...received,
    eb.or([
      eb.and([eb('d.result_ready_at', 'is', null), eb('d.closed_at', 'is', null)]),
      eb('d.result_ready_at', '>=', start),
      eb.and([eb('d.result_ready_at', 'is', null), eb('d.closed_at', '>=', start)]),
    ]),
  ]);
}

/**
 * Dossiers that matter for a period [start, end): received before its end and not finished before its start
 * (finished = result_ready_at, else closed_at). With `start` null: every received dossier up to `end`.
 * Due-date history comes from the event log (receive / receive_supplement set the legal appointment,
 * extend_deadline the extended one), so a past period is counted with the appointment in force back then.
 *
 * Three statements whatever the size (dossiers, their due-date events, their pauses), each filtered by the
 * same scope through a join: a quarter over a province's year is hundreds of thousands of rows, and reading
 * them by id lists of a few hundred cost one round trip per few hundred dossiers (docs/benchmarks.md).
 * The appointment is read out of the event payload by the database, so the payloads never travel.
 */
export async function listReportDossiers(db: Kysely<Database>, start: string | null, end: string): Promise<ReportDossier[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const rows = await db
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
    .where((eb) => inScope(eb, start, end))
    .orderBy('d.id')
    .execute();

  const events = await db
    .selectFrom('dossier_event as e')
    .innerJoin('dossier as d', 'd.id', 'e.dossier_id')
    .select(dueChangeSelection(postgres))
    .where('e.action', 'in', DUE_ACTIONS)
    .where((eb) => inScope(eb, start, end))
    .orderBy('e.dossier_id')
    .orderBy('e.seq')
    .execute();
  const dues = groupDueChanges(events);

  const ps = await db
    .selectFrom('dossier_pause as ps')
    .innerJoin('dossier as d', 'd.id', 'ps.dossier_id')
    .select(['ps.dossier_id', 'ps.started_at', 'ps.ended_at'])
    .where((eb) => inScope(eb, start, end))
    .orderBy('ps.id')
    .execute();
  const pauses = new Map<number, { startedAt: string; endedAt: string | null }[]>();
  for (const p of ps) {
    const pause = { startedAt: p.started_at, endedAt: p.ended_at };
    const list = pauses.get(p.dossier_id);
    if (list) list.push(pause);
    else pauses.set(p.dossier_id, [pause]);
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

const DUE_ACTIONS = ['receive', 'receive_supplement', 'extend_deadline'];

/** extend_deadline carries newDueAt; receive / receive_supplement carry dueAt (and originalDueAt when it differs). */
function dueChangeSelection(postgres: boolean) {
  const dueOf = (key: string) => payloadText(postgres ? 'postgres' : 'sqlite', key);
  return [
    'e.dossier_id' as const,
    'e.action' as const,
    'e.at' as const,
    sql<string | null>`case when e.action = 'extend_deadline' then ${dueOf('newDueAt')} else ${dueOf('dueAt')} end`.as('due_at'),
    dueOf('originalDueAt').as('original_due_at'),
  ];
}

function groupDueChanges(events: { dossier_id: number; action: string; at: string; due_at: string | null; original_due_at: string | null }[]): Map<number, DueChange[]> {
  const dues = new Map<number, DueChange[]>();
  const add = (id: number, change: DueChange) => {
    const list = dues.get(id);
    if (list) list.push(change);
    else dues.set(id, [change]);
  };
  for (const e of events) {
    if (!e.due_at) continue;
    if (e.action === 'extend_deadline') add(e.dossier_id, { at: e.at, dueAt: e.due_at, kind: 'extension' });
    else if (e.original_due_at && e.original_due_at !== e.due_at) {
      // A supplement received under the "pause" rule shifts both appointments (perform-action.ts): the legal
      // one, and the extended one in force.
      add(e.dossier_id, { at: e.at, dueAt: e.original_due_at, kind: 'legal' });
      add(e.dossier_id, { at: e.at, dueAt: e.due_at, kind: 'extension' });
    } else add(e.dossier_id, { at: e.at, dueAt: e.due_at, kind: 'legal' });
  }
  return dues;
}

/** The due-date history of a few dossiers (the drill-down's page). */
export async function dueChangesOf(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, DueChange[]>> {
  if (ids.length === 0) return new Map();
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const events = [];
  for (let i = 0; i < ids.length; i += 500) {
    events.push(
      ...(await db
        .selectFrom('dossier_event as e')
        .select(dueChangeSelection(postgres))
        .where('e.action', 'in', DUE_ACTIONS)
        .where('e.dossier_id', 'in', ids.slice(i, i + 500))
        .orderBy('e.dossier_id')
        .orderBy('e.seq')
        .execute()),
    );
  }
  return groupDueChanges(events);
}
