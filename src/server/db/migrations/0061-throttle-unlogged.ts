import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Throttle counters need no crash safety: on PostgreSQL the table becomes UNLOGGED, so counting a public
 * look-up or a failed login writes no WAL and its commit waits for no flush (docs/benchmarks-notes.md).
 * After a crash PostgreSQL empties it, which only forgets the current windows. SQLite: nothing to do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`alter table throttle set unlogged`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`alter table throttle set logged`.execute(db);
}
