import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/server/clock.ts';
import { type Db, openDatabase } from '../src/server/db/database.ts';
import { JobWorker } from '../src/server/jobs/job-worker.ts';
import { backoffMs, claimJobs, completeJob, enqueueJob } from '../src/server/jobs/job.repository.ts';
import { describeEachDialect, openTestDb } from './databases.ts';

describeEachDialect('background jobs', (dialect) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => db.close());

  it('a dedupe key enqueues a job once, ever', async () => {
    const now = new Date('2026-12-01T02:00:00Z');
    expect(await enqueueJob(db.kysely, { kind: 'once', dedupeKey: 'once:1' }, now)).toBe(true);
    expect(await enqueueJob(db.kysely, { kind: 'once', dedupeKey: 'once:1' }, now)).toBe(false);
    const rows = await db.kysely.selectFrom('job').selectAll().where('kind', '=', 'once').execute();
    expect(rows).toHaveLength(1);
  });

  it('a job enqueued in a transaction that rolls back never exists', async () => {
    const now = new Date('2026-12-01T02:00:00Z');
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await enqueueJob(trx, { kind: 'ghost' }, now);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db.kysely.selectFrom('job').selectAll().where('kind', '=', 'ghost').execute()).toEqual([]);
  });

  it('failures retry with backoff, then fail for good; success completes', async () => {
    const clock = new ManualClock('2026-12-01T02:00:00Z');
    let calls = 0;
    await enqueueJob(db.kysely, { kind: 'flaky', maxAttempts: 3 }, clock.now());
    await enqueueJob(db.kysely, { kind: 'fine' }, clock.now());
    const worker = new JobWorker({ db, clock }, {
      flaky: async () => {
        calls++;
        throw new Error('gateway down');
      },
      fine: async () => {},
    });
    expect(await worker.runOnce()).toBe(2);
    expect(await worker.runOnce()).toBe(0); // flaky waits for its backoff
    clock.advanceMinutes(backoffMs(1) / 60_000);
    expect(await worker.runOnce()).toBe(1);
    clock.advanceMinutes(backoffMs(2) / 60_000);
    expect(await worker.runOnce()).toBe(1);
    clock.advanceMinutes(60);
    expect(await worker.runOnce()).toBe(0);
    expect(calls).toBe(3);
    const rows = await db.kysely.selectFrom('job').select(['kind', 'status', 'attempts', 'last_error']).where('kind', 'in', ['flaky', 'fine']).execute();
    expect(rows.find((r) => r.kind === 'flaky')).toMatchObject({ status: 'failed', attempts: 3, last_error: 'gateway down' });
    expect(rows.find((r) => r.kind === 'fine')).toMatchObject({ status: 'done' });
  });

  it('a dead worker’s lease expires and another worker takes the job; the dead one cannot complete it', async () => {
    const now = new Date('2026-12-01T03:00:00Z');
    await enqueueJob(db.kysely, { kind: 'lease' }, now);
    const [a] = await claimJobs(db.kysely, db.dialect, { workerId: 'A', now, limit: 10, leaseMs: 60_000, kinds: ['lease'] });
    expect(a).toBeDefined();
    expect(await claimJobs(db.kysely, db.dialect, { workerId: 'B', now, limit: 10, leaseMs: 60_000, kinds: ['lease'] })).toEqual([]);
    const later = new Date(now.getTime() + 61_000);
    const [b] = await claimJobs(db.kysely, db.dialect, { workerId: 'B', now: later, limit: 10, leaseMs: 60_000, kinds: ['lease'] });
    expect(b?.id).toBe(a!.id);
    expect(await completeJob(db.kysely, a!.id, 'A', later)).toBe(false);
    expect(await completeJob(db.kysely, a!.id, 'B', later)).toBe(true);
  });

  it('recurring jobs are scheduled once per period by any number of workers', async () => {
    const clock = new ManualClock('2026-12-01T04:00:00Z');
    let runs = 0;
    const handlers = { sweep: async () => void runs++ };
    const w1 = new JobWorker({ db, clock }, handlers, { recurring: [{ kind: 'sweep', everyMs: 60_000 }] });
    const w2 = new JobWorker({ db, clock }, handlers, { recurring: [{ kind: 'sweep', everyMs: 60_000 }] });
    await w1.runOnce();
    await w2.runOnce();
    expect(runs).toBe(1);
    clock.advanceMinutes(1);
    await w2.runOnce();
    await w1.runOnce();
    expect(runs).toBe(2);
  });

  it.runIf(dialect === 'postgres')('concurrent workers on separate connections claim every job exactly once', async () => {
    const now = new Date('2026-12-01T05:00:00Z');
    for (let i = 0; i < 300; i++) await enqueueJob(db.kysely, { kind: 'race', payload: { i } }, now);
    // Four pools, as four processes would have.
    const dbUrl = await currentDatabaseUrl(db);
    const pools = Array.from({ length: 4 }, () => openDatabase(dbUrl));
    try {
      const claimed: number[] = [];
      await Promise.all(
        pools.map(async (p, w) => {
          for (;;) {
            const jobs = await claimJobs(p.kysely, 'postgres', { workerId: `W${w}`, now, limit: 7, leaseMs: 600_000, kinds: ['race'] });
            if (jobs.length === 0) break;
            for (const j of jobs) {
              claimed.push(j.id);
              expect(await completeJob(p.kysely, j.id, `W${w}`, now)).toBe(true);
            }
          }
        }),
      );
      expect(claimed).toHaveLength(300);
      expect(new Set(claimed).size).toBe(300);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });
});

async function currentDatabaseUrl(db: Db): Promise<string> {
  const { sql } = await import('kysely');
  const r = await sql<{ db: string }>`select current_database() as db`.execute(db.kysely);
  const u = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  u.pathname = `/${r.rows[0]!.db}`;
  return u.toString();
}
