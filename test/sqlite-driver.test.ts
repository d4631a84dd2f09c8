import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../src/server/db/database.ts';
import { FifoMutex, FifoSqliteDialect } from '../src/server/db/sqlite-fifo-dialect.ts';

describe('the SQLite connection is handed out first come, first served', () => {
  it('FifoMutex: one holder; waiters get the lock in arrival order, one per release', async () => {
    const m = new FifoMutex();
    const order: number[] = [];
    await m.lock();
    const waiters = [1, 2, 3].map((i) => m.lock().then(() => order.push(i)));
    expect(m.queued).toBe(3);
    for (let i = 0; i < 3; i++) {
      m.unlock();
      await Promise.resolve();
      await Promise.resolve();
      expect(order).toHaveLength(i + 1); // exactly one waiter woke per release
    }
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
    m.unlock();
    await m.lock(); // free again: taken at once
    expect(m.queued).toBe(0);
  });

  let db: Kysely<{ t: { id: number; v: number } }> | undefined;
  afterEach(async () => db?.destroy());

  it('a transaction holds the connection across awaits; queries queued meanwhile run after it, in order', async () => {
    db = new Kysely({ dialect: new FifoSqliteDialect({ database: withStatementCache(new SQLite(':memory:')) }) });
    await sql`create table t (id integer primary key, v integer not null)`.execute(db);
    const seen: string[] = [];
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 1, v: 1 }).execute();
      await new Promise((r) => setTimeout(r, 20));
      await trx.updateTable('t').set({ v: 2 }).where('id', '=', 1).execute();
      seen.push('tx');
    });
    const reads = Array.from({ length: 20 }, (_, i) =>
      db!.selectFrom('t').select('v').where('id', '=', 1).executeTakeFirst().then((r) => seen.push(`read${i}:${r?.v ?? 'none'}`)),
    );
    await Promise.all([tx, ...reads]);
    // No read saw the transaction half done, and the reads ran in the order they were issued.
    expect(seen).toEqual(['tx', ...Array.from({ length: 20 }, (_, i) => `read${i}:2`)]);
  });

  it('a failed transaction rolls back and releases the connection', async () => {
    db = new Kysely({ dialect: new FifoSqliteDialect({ database: withStatementCache(new SQLite(':memory:')) }) });
    await sql`create table t (id integer primary key, v integer not null)`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 1, v: 1 }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([]);
  });
});
