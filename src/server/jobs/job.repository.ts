import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  runAt: string;
}

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  /** When to run; default now. */
  runAt?: Date;
  /** A job with the same key is enqueued once, ever (e.g. "deadline-warning:<dossier>:<level>"). */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Enqueue inside the caller's transaction, so the job exists if and only if the change that causes it commits. */
export async function enqueueJob(db: Kysely<Database>, job: NewJob, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const r = await db
    .insertInto('job')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      dedupe_key: job.dedupeKey ?? null,
      status: 'queued',
      attempts: 0,
      max_attempts: job.maxAttempts ?? 8,
      run_at: (job.runAt ?? now).toISOString(),
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: at,
      updated_at: at,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claim due jobs for one worker with a lease. On PostgreSQL, FOR UPDATE SKIP LOCKED lets several workers
 * claim concurrently without taking the same row; on SQLite the single UPDATE is atomic under its write lock.
 * A job whose lease expired (its worker died) is claimed again.
 */
export async function claimJobs(
  db: Kysely<Database>,
  dialect: DialectName,
  p: { workerId: string; now: Date; limit: number; leaseMs: number; kinds?: string[] },
): Promise<Job[]> {
  const now = p.now.toISOString();
  const until = new Date(p.now.getTime() + p.leaseMs).toISOString();
  const kinds = p.kinds && p.kinds.length > 0 ? sql`and kind in (${sql.join(p.kinds)})` : sql``;
  const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const result = await sql<{ id: number; kind: string; payload: string; attempts: number; max_attempts: number; run_at: string }>`
    update job set status = 'running', locked_by = ${p.workerId}, locked_until = ${until},
      attempts = attempts + 1, updated_at = ${now}
    where id in (
      select id from job
      where ((status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})) ${kinds}
      order by run_at, id
      limit ${p.limit}
      ${lock}
    )
    returning id, kind, payload, attempts, max_attempts, run_at`.execute(db);
  return result.rows
    .map((r) => ({ id: r.id, kind: r.kind, payload: JSON.parse(r.payload), attempts: r.attempts, maxAttempts: r.max_attempts, runAt: r.run_at }))
    .sort((a, b) => a.id - b.id);
}

/** Only the worker holding the lease may finish a job (a fenced write). */
export async function completeJob(db: Kysely<Database>, id: number, workerId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const r = await db
    .updateTable('job')
    .set({ status: 'done', finished_at: at, updated_at: at, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);
}

export async function failJob(db: Kysely<Database>, job: Job, workerId: string, error: string, now: Date): Promise<'retry' | 'failed'> {
  const at = now.toISOString();
  const giveUp = job.attempts >= job.maxAttempts;
  await db
    .updateTable('job')
    .set({
      status: giveUp ? 'failed' : 'queued',
      run_at: giveUp ? job.runAt : new Date(now.getTime() + backoffMs(job.attempts)).toISOString(),
      last_error: error.slice(0, 2000),
      locked_by: null,
      locked_until: null,
      updated_at: at,
      finished_at: giveUp ? at : null,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
  return giveUp ? 'failed' : 'retry';
}
