import type { Kysely } from 'kysely';

// Migrations never import app code: they describe the schema as it was on the day they were written.

// biome-ignore lint: migrations work on an untyped database
type AnyDb = Kysely<any>;

/**
 * Issue 8 follow-up: the idle timeout of sessions needs their last use. (TOTP secrets are encrypted at
 * rest by the start-up pass of modules/auth/secret-box.ts, which needs the key a migration does not have.)
 */
export async function up(db: AnyDb): Promise<void> {
  // Sliding "last seen", written at most once a minute per session; null = never used since login.
  await db.schema.alterTable('user_session').addColumn('last_seen_at', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('user_session').dropColumn('last_seen_at').execute();
}
