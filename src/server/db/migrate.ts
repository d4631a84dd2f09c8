import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-jobs.ts';
import * as m0030 from './migrations/0030-three-khong.ts';
import * as m0020 from './migrations/0020-security.ts';
import * as m0050 from './migrations/0050-complaints-supervision.ts';
import * as m0040 from './migrations/0040-citizen-services.ts';
import * as m0060 from './migrations/0060-security-secrets.ts';
import * as m0061 from './migrations/0061-throttle-unlogged.ts';
import * as m0070 from './migrations/0070-report-projection.ts';

// A static list, so that migrations work the same under tsx, vitest and a bundled build.
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-jobs': m0002,
  '0030-three-khong': m0030,
  '0020-security': m0020,
  '0050-complaints-supervision': m0050,
  '0040-citizen-services': m0040,
  '0060-security-secrets': m0060,
  '0061-throttle-unlogged': m0061,
  '0070-report-projection': m0070,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Modules add migrations in their own number ranges; a database may meet them out of order.
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
