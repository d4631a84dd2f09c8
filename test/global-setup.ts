import type { TestProject } from 'vitest/node';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { seedDatabase } from '../src/server/seed/seed-database.ts';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_NOW } from './seed-now.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of a migrated and seeded PostgreSQL template database, or null when PostgreSQL is unreachable. */
    pgTemplate: string | null;
    pgBaseUrl: string;
    /** File holding a serialized, migrated and seeded SQLite database. */
    sqliteTemplate: string;
  }
}

const PG_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

function urlFor(database: string): string {
  const u = new URL(PG_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Builds each database once per run: a migrated and seeded SQLite image that every test file opens in
 * memory, and a fresh PostgreSQL template database that every test file clones (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-test-'));
  const sqliteTemplate = join(dir, 'template.sqlite');
  const sqlite = openDatabase(`sqlite:${sqliteTemplate}`);
  await migrateToLatest(sqlite);
  await seedDatabase(sqlite.kysely, SEED_NOW, { calendarYears: [2024, 2032], history: false });
  // An in-memory copy cannot use WAL: store the image with a rollback journal.
  await sql`PRAGMA journal_mode = DELETE`.execute(sqlite.kysely);
  await sqlite.close();
  project.provide('sqliteTemplate', sqliteTemplate);
  project.provide('pgBaseUrl', PG_URL);

  const problem = await postgresReachable();
  let template: string | null = null;
  if (problem) {
    const message = `PostgreSQL is unreachable at ${PG_URL} (${problem}): the PostgreSQL half of the suite cannot run.`;
    if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${message} CI=true: failing instead of skipping.`);
    console.warn(`\n${'!'.repeat(100)}\n!! ${message}\n!! Those tests are SKIPPED. Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n${'!'.repeat(100)}\n`);
  } else {
    template = `motcua_tpl_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const db = openDatabase(urlFor(template));
    await migrateToLatest(db);
    await seedDatabase(db.kysely, SEED_NOW, { calendarYears: [2024, 2032], history: false });
    await db.close();
  }
  project.provide('pgTemplate', template);
  writeFileSync(join(dir, 'README'), 'motcua test templates; removed after the run\n');

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (template) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      // Clones left by crashed test files go too.
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `${template}_c%`,
      ]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    }
  };
}
