import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Fixed-window counters in the database, so that every server process (and a restart) sees the same
 * count (ASVS 5.0 V6.3.1: brute force and credential stuffing). One row per key. On PostgreSQL the table is
 * UNLOGGED (migration 0061): a counter is not worth a WAL flush, and a crash only forgets the current window.
 */
export async function hitThrottle(db: Kysely<Database>, key: string, windowSeconds: number, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  const query =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? CompiledQuery.raw(throttleUpsertSql('$1', '$2', '$3'), [key, nowIso, cutoff])
      : CompiledQuery.raw(throttleUpsertSql('?', '?', '?'), [key, nowIso, cutoff, cutoff, nowIso]);
  const row = (await db.executeQuery<{ hits: number | string }>(query)).rows[0];
  return Number(row!.hits);
}

/**
 * The one counting statement (also embedded in the PostgreSQL public lookup): a new key or a window that
 * started at or before `cutoff` (= now - window) starts over at 1, else one more hit. Placeholders in the
 * order they appear: key, now, cutoff, cutoff, now.
 */
export function throttleUpsertSql(key: string, now: string, cutoff: string): string {
  return `insert into throttle (key, window_start, hits) values (${key}, ${now}, 1)
    on conflict (key) do update set
      hits = case when throttle.window_start <= ${cutoff} then 1 else throttle.hits + 1 end,
      window_start = case when throttle.window_start <= ${cutoff} then ${now} else throttle.window_start end
    returning hits`;
}

/**
 * The same fixed windows in one process's memory: the public look-up budget on SQLite, where one server
 * process serves every request (docs/scaling.md), so this is the shared count without a write per look-up.
 * Expired windows are swept at most once per window length, so memory stays bounded by the addresses seen
 * in one window.
 */
export class MemoryWindowCounter {
  private readonly windows = new Map<string, { start: number; hits: number; length: number }>();
  private lastSweep = 0;

  hit(key: string, windowSeconds: number, now: Date): number {
    const t = now.getTime();
    const length = windowSeconds * 1000;
    let w = this.windows.get(key);
    if (!w || w.start <= t - w.length) this.windows.set(key, (w = { start: t, hits: 0, length }));
    w.hits += 1;
    if (t - this.lastSweep >= length) {
      this.lastSweep = t;
      for (const [k, x] of this.windows) if (x.start <= t - x.length) this.windows.delete(k);
    }
    return w.hits;
  }
}

/** Hits counted in the current window, and the seconds until it ends. */
export async function peekThrottle(
  db: Kysely<Database>,
  key: string,
  windowSeconds: number,
  now: Date,
): Promise<{ hits: number; retryAfterSeconds: number }> {
  const row = await db.selectFrom('throttle').select(['hits', 'window_start']).where('key', '=', key).executeTakeFirst();
  if (!row) return { hits: 0, retryAfterSeconds: 0 };
  const ends = new Date(row.window_start).getTime() + windowSeconds * 1000;
  if (ends <= now.getTime()) return { hits: 0, retryAfterSeconds: 0 };
  return { hits: Number(row.hits), retryAfterSeconds: Math.ceil((ends - now.getTime()) / 1000) };
}

export async function resetThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('throttle').where('key', '=', key).execute();
}
