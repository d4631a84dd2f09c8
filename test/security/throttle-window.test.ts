import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { hitThrottle, MemoryWindowCounter } from '../../src/server/modules/auth/throttle.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';

/**
 * The look-up budget is counted in the database (shared by processes, PostgreSQL) or in memory (SQLite's one
 * process): both must count the same fixed windows, hit for hit.
 */
describeEachDialect('throttle windows: database and memory count alike', (dialect) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.close();
  });

  it('the same hits give the same counts, across window ends and for several keys', async () => {
    const memory = new MemoryWindowCounter();
    const t0 = Date.parse('2026-11-30T01:00:00Z');
    const window = 600;
    // Seconds after t0 at which key a or b is hit: within the window, exactly at its end, after it, much later.
    const hits: [string, number][] = [
      ['a', 0], ['a', 10], ['b', 20], ['a', 599], ['a', 600], ['b', 300], ['a', 601], ['a', 1199], ['a', 1200],
      ['b', 900], ['b', 901], ['a', 5000], ['b', 5000], ['a', 5001],
    ];
    const fromDb: number[] = [];
    const fromMemory: number[] = [];
    for (const [key, s] of hits) {
      const now = new Date(t0 + s * 1000);
      fromDb.push(await hitThrottle(db.kysely, `test:${key}`, window, now));
      fromMemory.push(memory.hit(`test:${key}`, window, now));
    }
    expect(fromMemory).toEqual(fromDb);
    // A window lasts `window` seconds from its first hit: hit at 600 s starts a new window (600 ≥ 0 + 600).
    expect(fromDb).toEqual([1, 2, 1, 3, 1, 2, 2, 3, 1, 1, 2, 1, 1, 2]);
  });

  it('memory keeps only windows that can still count (swept once per window length)', () => {
    const memory = new MemoryWindowCounter();
    const t0 = Date.parse('2026-11-30T01:00:00Z');
    for (let i = 0; i < 1000; i++) memory.hit(`ip:${i}`, 60, new Date(t0 + i));
    memory.hit('late', 60, new Date(t0 + 61_000));
    expect((memory as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
