import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { claimJobs, completeJob, enqueueJob, failJob, type Job } from './job.repository.ts';

export type JobHandler = (job: Job, ctx: { db: Db; clock: Clock }) => Promise<void>;

export interface Recurring {
  kind: string;
  everyMs: number;
}

/**
 * Runs queued jobs. Handlers must be idempotent: a job may run again after a crash between its effect and
 * its completion. Recurring jobs are enqueued with a dedupe key per period, so several workers (several
 * processes on PostgreSQL) schedule each period exactly once.
 */
export class JobWorker {
  readonly workerId = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly deps: { db: Db; clock: Clock; log?: FastifyBaseLogger },
    private readonly handlers: Record<string, JobHandler>,
    private readonly options: { pollMs?: number; batch?: number; leaseMs?: number; recurring?: Recurring[] } = {},
  ) {}

  /** Enqueue the current period of every recurring job, then run what is due; returns the jobs run. */
  async runOnce(): Promise<number> {
    const { db, clock } = this.deps;
    const now = clock.now();
    for (const r of this.options.recurring ?? []) {
      const period = Math.floor(now.getTime() / r.everyMs);
      await enqueueJob(db.kysely, { kind: r.kind, dedupeKey: `${r.kind}@${period}`, maxAttempts: 3 }, now);
    }
    const jobs = await claimJobs(db.kysely, db.dialect, {
      workerId: this.workerId,
      now,
      limit: this.options.batch ?? 20,
      leaseMs: this.options.leaseMs ?? 5 * 60_000,
      kinds: Object.keys(this.handlers),
    });
    for (const job of jobs) {
      const handler = this.handlers[job.kind];
      try {
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(job, { db, clock });
        await completeJob(db.kysely, job.id, this.workerId, clock.now());
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const outcome = await failJob(db.kysely, job, this.workerId, message, clock.now());
        this.deps.log?.warn({ job: job.id, kind: job.kind, attempts: job.attempts, outcome, err: message }, 'job failed');
      }
    }
    return jobs.length;
  }

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.runOnce().catch((err) => this.deps.log?.error({ err }, 'job worker tick failed'));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs ?? 5_000);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
