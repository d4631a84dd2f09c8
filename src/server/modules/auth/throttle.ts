import { type Kysely, SqliteAdapter, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Fixed-window counters in the database, so that every server process (and a restart) sees the same
 * count (ASVS 5.0 V6.3.1: brute force and credential stuffing). One row per key.
 */
/** The connection's own synchronous setting (FULL in the product), read once per database handle. */
const syncSetting = new WeakMap<Kysely<Database>, number>();

export async function hitThrottle(db: Kysely<Database>, key: string, windowSeconds: number, now: Date): Promise<number> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return countHit(db, key, windowSeconds, now);
  // Every public look-up counts a hit, so on SQLite this write must not wait for the disk: with
  // synchronous=FULL each commit is an fsync that blocks the event loop (docs/benchmarks.md). In WAL mode,
  // synchronous=NORMAL keeps the commit atomic and survives a process crash; only a power cut may lose the
  // last hits, which a rate limit can afford. The connection is held so that no other commit runs relaxed.
  return db.connection().execute(async (c) => {
    let before = syncSetting.get(db);
    if (before === undefined) {
      before = Number((await sql<{ synchronous: number }>`pragma synchronous`.execute(c)).rows[0]?.synchronous ?? 2);
      syncSetting.set(db, before);
    }
    await sql`pragma synchronous = normal`.execute(c);
    try {
      return await countHit(c, key, windowSeconds, now);
    } finally {
      await sql.raw(`pragma synchronous = ${Number(before)}`).execute(c);
    }
  });
}

async function countHit(db: Kysely<Database>, key: string, windowSeconds: number, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  const row = await db
    .insertInto('throttle')
    .values({ key, window_start: nowIso, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`CASE WHEN throttle.window_start <= ${cutoff} THEN 1 ELSE throttle.hits + 1 END`,
        window_start: sql<string>`CASE WHEN throttle.window_start <= ${cutoff} THEN ${nowIso} ELSE throttle.window_start END`,
      }),
    )
    .returning(['hits'])
    .executeTakeFirstOrThrow();
  return Number(row.hits);
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
