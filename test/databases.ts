import { readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { type DialectName, type Db, openDatabase, sqliteKysely } from '../src/server/db/database.ts';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

let clones = 0;

/** A fresh, migrated and seeded database of the given dialect, private to the caller. */
export async function openTestDb(dialect: DialectName): Promise<Db> {
  if (dialect === 'sqlite') {
    const sqlite = new SQLite(readFileSync(inject('sqliteTemplate')));
    sqlite.pragma('foreign_keys = ON');
    // The product's driver (src/server/db/database.ts) over an in-memory copy of the migrated, seeded template.
    const kysely = sqliteKysely(sqlite);
    return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
  }
  const clone = await clonePgTemplate();
  const db = openDatabase(clone.url);
  return {
    ...db,
    close: async () => {
      await db.close();
      await clone.drop();
    },
  };
}

/** A fresh clone of the PostgreSQL template database, by URL (for a server process), and how to drop it. */
export async function clonePgTemplate(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = inject('pgTemplate');
  if (!template) throw new Error('PostgreSQL template database is missing');
  const name = `${template}_c${++clones}_${process.pid}`;
  const base = inject('pgBaseUrl');
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (err) {
        // Two files cloning the same template at the same instant may collide; try again shortly.
        if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  const drop = async () => {
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    // Without FORCE first: a connection the pool is still closing would otherwise be killed and report
    // an unhandled FATAL 57P01 error; FORCE only as the last resort.
    for (let attempt = 0; ; attempt++) {
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 20 ? ' WITH (FORCE)' : ''}`);
        break;
      } catch (err) {
        if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await a.end();
  };
  return { url: url.toString(), drop };
}

/**
 * Runs a block once per dialect. The PostgreSQL block is skipped only when global setup found no server
 * and CI is not set (it then printed a loud warning); under CI=true global setup fails instead.
 */
export function describeEachDialect(name: string, fn: (dialect: DialectName) => void): void {
  for (const dialect of DIALECTS) {
    const unavailable = dialect === 'postgres' && inject('pgTemplate') === null;
    describe.skipIf(unavailable)(`${name} [${dialect}${unavailable ? ': SKIPPED, PostgreSQL unreachable' : ''}]`, () => fn(dialect));
  }
}
