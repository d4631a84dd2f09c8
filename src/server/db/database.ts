import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type PostgresPool, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { FifoSqliteDialect } from './sqlite-fifo-dialect.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back from PostgreSQL as strings; our counters fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export function sqliteFilename(url: string): string {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  return path === ':memory:' || path === '' ? ':memory:' : resolve(path);
}

/**
 * Kysely prepares every statement anew; preparing costs more than running an indexed read. Statements are
 * few (Kysely compiles each query shape to the same SQL text), so a bounded cache keyed by the SQL text
 * keeps them (docs/benchmarks.md). A statement still iterating (a stream) is never handed out twice.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 1000): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(text);
      if (!cached) {
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/** Kysely over an open SQLite handle, as the product runs it: cached statements, the connection handed out in turn. */
export function sqliteKysely(sqlite: SQLite.Database): Kysely<Database> {
  return new Kysely<Database>({ dialect: new FifoSqliteDialect({ database: withStatementCache(sqlite) }) });
}

export function openDatabase(url: string): Db {
  if (url.startsWith('sqlite:')) {
    const filename = sqliteFilename(url);
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    const sqlite = new SQLite(filename);
    // WAL for concurrent readers; synchronous=FULL so that an acknowledged commit survives a power cut.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const kysely = sqliteKysely(sqlite);
    return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
  }
  // JIT off: every statement here is short, and for the Biểu 06 aggregate (correlated look-ups the planner
  // charges to every row, src/server/modules/reports/bieu06.sql.ts) the server spent 7 s compiling a query
  // that runs in 4 ms. JIT pays only for long analytical scans, which this application does not run.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
}

/**
 * Hot statements are prepared once per connection: a statement whose text begins with `preparedMarker(name)` runs
 * as the named prepared statement `name`, so PostgreSQL parses and plans it once per connection instead of on
 * every call (the public lookup planned in ~2 ms and ran in ~0.6 ms; docs/benchmarks-notes.md). Opt-in by
 * marker, so that only fixed SQL texts are kept in each connection's statement cache.
 */
export const preparedMarker = (name: string) => `/* prepared:${name} */ `;
const PREPARED = /^\/\* prepared:([\w.-]+) \*\//;
const wrapped = new WeakSet<pg.PoolClient>();

function preparingPool(pool: pg.Pool): PostgresPool {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  return {
    connect: async () => {
      const client = await connect();
      if (!wrapped.has(client)) {
        wrapped.add(client);
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as { query: unknown }).query = (text: unknown, values?: unknown) => {
          const name = typeof text === 'string' ? PREPARED.exec(text)?.[1] : undefined;
          return name ? query({ name, text, values }) : values === undefined ? query(text) : query(text, values);
        };
      }
      return client;
    },
    end: () => pool.end(),
  };
}
