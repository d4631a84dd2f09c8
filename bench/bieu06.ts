/**
 * Biểu 06 (Circular 01/2018 Appendix; DOMAIN.md 6.2) as the benchmark needs it, until the real report lands.
 *
 * The report itself is being written on branch `reports`. This file fixes the signature the benchmark
 * measures — counts by field × timeliness class over the dossiers received or finished in a period — with
 * the SQL such a report needs. When the real report function lands, point `bieu06` below at it (same
 * inputs: a Db and a half-open period of ISO instants) and delete this implementation.
 */
import { type Expression, type RawBuilder, sql, type SqlBool } from 'kysely';
import type { Db } from '../src/server/db/database.ts';

export interface Period {
  /** Inclusive start instant (ISO, UTC). */
  from: string;
  /** Exclusive end instant (ISO, UTC). */
  to: string;
}

export interface Bieu06Row {
  field: string;
  /** Received before the period and not finished when it began (số kỳ trước chuyển qua). */
  carriedOver: number;
  /** Received in the period (số mới tiếp nhận). */
  received: number;
  finishedEarly: number;
  finishedOnTime: number;
  finishedLate: number;
  /** Not finished at the end of the period: still within the appointment / past it. */
  pendingWithin: number;
  pendingOverdue: number;
}

export type Bieu06Fn = (db: Db, period: Period) => Promise<Bieu06Row[]>;

/** A dossier is finished when its result is ready (or it was refused/withdrawn/stopped): the earlier of the two. */
const FINISHED = sql<string | null>`coalesce(d.result_ready_at, d.closed_at)`;

/** The Vietnam calendar day of an ISO instant, as text "YYYY-MM-DD" (early = finished on a day before the due day). */
function vnDay(db: Db, e: RawBuilder<string | null> | Expression<string | null>): RawBuilder<string> {
  return db.dialect === 'sqlite'
    ? sql<string>`date(${e}, '+7 hours')`
    : sql<string>`to_char((${e})::timestamptz at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`;
}

/** The rows a Biểu 06 for the period reads: received before its end and not finished before its start. */
function inScope(p: Period): RawBuilder<SqlBool> {
  return sql<SqlBool>`d.received_at < ${p.to} and (${FINISHED} is null or ${FINISHED} >= ${p.from})`;
}

export const bieu06: Bieu06Fn = async (db, p) => {
  const finishedIn = sql`${FINISHED} >= ${p.from} and ${FINISHED} < ${p.to}`;
  const pending = sql`(${FINISHED} is null or ${FINISHED} >= ${p.to})`;
  const rows = await db.kysely
    .selectFrom('dossier as d')
    .innerJoin('procedure as p', 'p.id', 'd.procedure_id')
    .select([
      'p.field as field',
      sql<number>`sum(case when d.received_at < ${p.from} then 1 else 0 end)`.as('carried_over'),
      sql<number>`sum(case when d.received_at >= ${p.from} then 1 else 0 end)`.as('received'),
      // Early = finished on a Vietnam day before the due day; the day comparison runs only for rows finished in time.
      sql<number>`sum(case when ${finishedIn} and ${FINISHED} <= d.due_at then (case when ${vnDay(db, FINISHED)} < ${vnDay(db, sql`d.due_at`)} then 1 else 0 end) else 0 end)`.as('early'),
      sql<number>`sum(case when ${finishedIn} and ${FINISHED} <= d.due_at then 1 else 0 end)`.as('in_time'),
      sql<number>`sum(case when ${finishedIn} and ${FINISHED} > d.due_at then 1 else 0 end)`.as('late'),
      sql<number>`sum(case when ${pending} and (d.due_at is null or d.due_at >= ${p.to}) then 1 else 0 end)`.as('pending_within'),
      sql<number>`sum(case when ${pending} and d.due_at < ${p.to} then 1 else 0 end)`.as('pending_overdue'),
    ])
    .where(inScope(p))
    .groupBy('p.field')
    .orderBy('p.field')
    .execute();
  return rows.map((r) => ({
    field: r.field,
    carriedOver: Number(r.carried_over),
    received: Number(r.received),
    finishedEarly: Number(r.early),
    finishedOnTime: Number(r.in_time) - Number(r.early),
    finishedLate: Number(r.late),
    pendingWithin: Number(r.pending_within),
    pendingOverdue: Number(r.pending_overdue),
  }));
};

/** The physical baseline: a bare GROUP BY over exactly the same rows (same join, same predicate), counting only. */
export function rawGroupBySql(p: Period): { text: string; params: string[] } {
  return {
    text: `select p.field, count(*) as n from dossier d join procedure p on p.id = d.procedure_id
           where d.received_at < $1 and (coalesce(d.result_ready_at, d.closed_at) is null or coalesce(d.result_ready_at, d.closed_at) >= $2)
           group by p.field order by p.field`,
    params: [p.to, p.from],
  };
}
